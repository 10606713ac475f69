package io.toneguard.dtmf.rfc4733;

import static io.toneguard.dtmf.rfc4733.RecordingListener.ended;
import static io.toneguard.dtmf.rfc4733.RecordingListener.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.testing.AllocationMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Rfc4733EventTrackerTest {
    private static final int SSRC = 0x1234_5678;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WRAP = 1L << 32;

    private final RecordingListener listener = new RecordingListener();
    private Rfc4733EventTracker tracker;
    private EventSender sender;

    @BeforeEach
    void setUp() {
        tracker = new Rfc4733EventTracker(listener);
        sender = new EventSender(tracker, SSRC);
    }

    @AfterEach
    void everyPacketWasReleased() {
        sender.releaseAll();
        sender.assertAllReleased();
    }

    @Test
    void normalEventIsOnePressFromItsTimestampToTimestampPlusDuration() {
        sender.press(8000, 5, 800);

        assertEquals(List.of(started(DtmfDigit.D5, 8000), ended(DtmfDigit.D5, 8800)), listener.heard);
        assertEquals(8, tracker.packets());
        assertEquals(2, tracker.duplicates(), "the two redundant end packets");
        assertEquals(0, tracker.timeouts());
        assertFalse(tracker.inEvent());
        assertFalse(tracker.toString().contains("D5"));
    }

    @Test
    void retransmittedAndDuplicatedStartIsOneDigit() {
        ByteBuf start = sender.packet(1000, 1, false, 0);
        ByteBuf networkCopy = sender.copyOf(start);
        sender.deliver(start);
        assertTrue(tracker.inEvent());
        sender.deliver(networkCopy);
        sender.send(1000, 1, false, 0); // retransmission with a new sequence number
        sender.send(1000, 1, false, 160);
        sender.send(1000, 1, false, 0); // a late start after an update
        sender.send(1000, 1, true, 320);
        sender.send(1000, 1, true, 320);
        sender.send(1000, 1, true, 320);

        assertEquals(List.of(started(DtmfDigit.D1, 1000), ended(DtmfDigit.D1, 1320)), listener.heard);
        assertEquals(5, tracker.duplicates());
    }

    @Test
    void lostStartPacketsTheFirstUpdateStartsTheDigitAtTheEventTimestamp() {
        sender.send(2000, 11, false, 480);
        sender.send(2000, 11, false, 640);
        sender.send(2000, 11, true, 800);

        assertEquals(List.of(started(DtmfDigit.HASH, 2000), ended(DtmfDigit.HASH, 2800)), listener.heard);
    }

    @Test
    void onlyEndPacketsArriveTheDigitStartsAndEndsAtOnce() {
        sender.send(3000, 10, true, 640);
        assertFalse(tracker.inEvent());
        sender.send(3000, 10, true, 640);
        sender.send(3000, 10, true, 640);

        assertEquals(List.of(started(DtmfDigit.STAR, 3000), ended(DtmfDigit.STAR, 3640)), listener.heard);
        assertEquals(2, tracker.duplicates());
    }

    @Test
    void allEndPacketsLostTheTimeoutEndsTheDigitAtTheLastDurationSeen() {
        sender.nowNanos = 0;
        sender.send(4000, 9, false, 0);
        sender.nowNanos = 20 * MS;
        sender.send(4000, 9, false, 160);
        sender.nowNanos = 40 * MS;
        sender.send(4000, 9, false, 320);

        tracker.tick(40 * MS + Rfc4733TrackerConfig.DEFAULT_TIMEOUT_NANOS - 1);
        assertEquals(List.of(started(DtmfDigit.D9, 4000)), listener.heard);
        assertTrue(tracker.inEvent());

        tracker.tick(40 * MS + Rfc4733TrackerConfig.DEFAULT_TIMEOUT_NANOS);
        assertEquals(List.of(started(DtmfDigit.D9, 4000), ended(DtmfDigit.D9, 4320)), listener.heard);
        assertEquals(1, tracker.timeouts());

        // a straggler of the ended event, and more ticks, change nothing
        sender.nowNanos = 400 * MS;
        sender.send(4000, 9, true, 400);
        tracker.tick(2000 * MS);
        assertEquals(2, listener.heard.size());
        assertEquals(1, tracker.timeouts());
        assertEquals(1, tracker.duplicates());
    }

    @Test
    void aRetransmittedUpdateWithNoProgressDoesNotDelayTheTimeout() {
        sender.nowNanos = 0;
        sender.send(4000, 9, false, 320);
        sender.nowNanos = 200 * MS;
        sender.send(4000, 9, false, 160); // an old update delayed in the network

        tracker.tick(250 * MS);
        assertEquals(List.of(started(DtmfDigit.D9, 4000), ended(DtmfDigit.D9, 4320)), listener.heard);
    }

    @Test
    void theTimeoutIsConfigurable() {
        tracker = new Rfc4733EventTracker(listener, Rfc4733TrackerConfig.DEFAULT.withTimeoutNanos(60 * MS));
        sender = new EventSender(tracker, SSRC);
        sender.nowNanos = 0;
        sender.send(4000, 2, false, 160);
        tracker.tick(59 * MS);
        assertTrue(tracker.inEvent());
        tracker.tick(60 * MS);
        assertFalse(tracker.inEvent());
    }

    @Test
    void aNewEventEndsTheOneWhoseEndPacketsWereLost() {
        sender.send(1000, 1, false, 0);
        sender.send(1000, 1, false, 160);
        sender.send(1000, 1, false, 320);
        sender.press(2000, 2, 400);

        assertEquals(List.of(started(DtmfDigit.D1, 1000), ended(DtmfDigit.D1, 1320),
                started(DtmfDigit.D2, 2000), ended(DtmfDigit.D2, 2400)), listener.heard);
        assertEquals(1, tracker.superseded());
    }

    @Test
    void reorderedPacketsAcrossTwoEvents() {
        ByteBuf a0 = sender.packet(1000, 3, false, 0);
        ByteBuf a1 = sender.packet(1000, 3, false, 160);
        ByteBuf a2 = sender.packet(1000, 3, false, 320);
        ByteBuf aEnd1 = sender.packet(1000, 3, true, 400);
        ByteBuf aEnd2 = sender.packet(1000, 3, true, 400);
        ByteBuf aEnd3 = sender.packet(1000, 3, true, 400);
        ByteBuf b0 = sender.packet(1800, 4, false, 0);
        ByteBuf b1 = sender.packet(1800, 4, false, 160);
        ByteBuf bEnd1 = sender.packet(1800, 4, true, 400);
        ByteBuf bEnd2 = sender.packet(1800, 4, true, 400);
        ByteBuf bEnd3 = sender.packet(1800, 4, true, 400);

        for (ByteBuf p : List.of(a1, a0, aEnd1, a2, b0, aEnd2, bEnd1, b1, aEnd3, bEnd3, bEnd2)) {
            sender.deliver(p);
        }

        assertEquals(List.of(started(DtmfDigit.D3, 1000), ended(DtmfDigit.D3, 1400),
                started(DtmfDigit.D4, 1800), ended(DtmfDigit.D4, 2200)), listener.heard);
        assertEquals(0, tracker.superseded());
    }

    @Test
    void endPacketsOfAnEventOvertakenByTheNextEventAreIgnored() {
        ByteBuf[] aEnds = {sender.packet(1000, 3, true, 400), sender.packet(1000, 3, true, 400),
            sender.packet(1000, 3, true, 400)};
        sender.send(1000, 3, false, 0);
        sender.send(1000, 3, false, 160);
        sender.send(1800, 4, false, 0); // B overtakes all of A's end packets
        for (ByteBuf end : aEnds) {
            sender.deliver(end);
        }
        sender.send(1800, 4, true, 320);

        assertEquals(List.of(started(DtmfDigit.D3, 1000), ended(DtmfDigit.D3, 1160),
                started(DtmfDigit.D4, 1800), ended(DtmfDigit.D4, 2120)), listener.heard);
        assertEquals(1, tracker.superseded());
        assertEquals(3, tracker.duplicates());
    }

    @Test
    void packetsOfAnOldEventArrivingAfterANewerOneAreNotReportedAgain() {
        ByteBuf lateStart = sender.packet(1000, 7, false, 0);
        ByteBuf lateEnd = sender.packet(1000, 7, true, 400);
        sender.press(1000, 7, 400);
        sender.press(1800, 8, 400);
        sender.press(2600, 9, 400);
        sender.deliver(lateStart);
        sender.deliver(lateEnd);

        assertEquals("789", listener.startedKeys());
        assertEquals(6, listener.heard.size());
    }

    @Test
    void anOldEventFallenOutOfTheHistoryIsStillIgnoredInsideTheReorderWindow() {
        ByteBuf late = sender.packet(1000, 7, true, 400);
        for (int i = 0; i < 20; i++) {
            sender.press(1000 + 200L * i, i % 10, 100);
        }
        sender.deliver(late);

        assertEquals(20, listener.starts());
        assertEquals(1, tracker.late());
    }

    @Test
    void anUnseenEventOlderThanTheNewestIsDroppedAsLate() {
        sender.send(5000, 6, false, 0);
        sender.send(4200, 2, false, 160); // an event whose every packet came after the next one's start
        sender.send(4200, 2, true, 400);
        sender.send(5000, 6, true, 400);

        assertEquals(List.of(started(DtmfDigit.D6, 5000), ended(DtmfDigit.D6, 5400)), listener.heard);
        assertEquals(2, tracker.late());
    }

    @Test
    void aTimestampJumpBackBeyondTheReorderWindowIsANewEvent() {
        sender.press(500_000, 6, 400);
        sender.press(500_000 - 100_000, 2, 400);

        assertEquals(List.of(started(DtmfDigit.D6, 500_000), ended(DtmfDigit.D6, 500_400),
                started(DtmfDigit.D2, 400_000), ended(DtmfDigit.D2, 400_400)), listener.heard);
        assertEquals(0, tracker.late());
    }

    @Test
    void aLongEventSplitIntoThreeSegmentsIsOnePress() {
        long t = 10_000;
        long seg2 = t + 65535;
        long seg3 = seg2 + 65535;
        sendAt(t, 0, 4, false, 0);
        sendAt(t, 32000, 4, false, 32000);
        sendAt(t, 65440, 4, false, 65440);
        sendAt(t, 65535, 4, false, 65535);
        sendAt(seg2, 0, 4, false, 0);
        sendAt(t, 65535, 4, false, 65535); // late repeat of the first segment's last packet
        sendAt(seg2, 40000, 4, false, 40000);
        sendAt(seg2, 65535, 4, false, 65535);
        sendAt(seg3, 160, 4, false, 160);
        sendAt(seg3, 2000, 4, true, 2000);
        sendAt(seg3, 2000, 4, true, 2000);
        sendAt(seg3, 2000, 4, true, 2000);

        assertEquals(List.of(started(DtmfDigit.D4, t), ended(DtmfDigit.D4, seg3 + 2000)), listener.heard);
        assertEquals(0, tracker.superseded());
    }

    @Test
    void aSegmentWhoseLastPacketsWereLostStillContinuesThePress() {
        long t = 10_000;
        sendAt(t, 0, 4, false, 0);
        sendAt(t, 65000, 4, false, 65000); // 65100 ... 65535 lost
        sendAt(t + 65535, 0, 4, false, 0);
        sendAt(t + 65535, 800, 4, true, 800);

        assertEquals(List.of(started(DtmfDigit.D4, t), ended(DtmfDigit.D4, t + 65535 + 800)), listener.heard);
    }

    @Test
    void aContiguousEventWithTheSameCodeAfterAShortOneIsANewPress() {
        sender.send(1000, 5, false, 400); // end packets lost
        sender.send(1400, 5, false, 0);
        sender.send(1400, 5, true, 400);

        assertEquals(List.of(started(DtmfDigit.D5, 1000), ended(DtmfDigit.D5, 1400),
                started(DtmfDigit.D5, 1400), ended(DtmfDigit.D5, 1800)), listener.heard);
    }

    @Test
    void aSegmentWithAnotherCodeIsANewPress() {
        long t = 10_000;
        sendAt(t, 65535, 4, false, 65535);
        sendAt(t + 65535, 0, 5, false, 0);

        assertEquals(List.of(started(DtmfDigit.D4, t), ended(DtmfDigit.D4, t + 65535),
                started(DtmfDigit.D5, t + 65535)), listener.heard);
    }

    @Test
    void theSameDigitTwiceBackToBackIsTwoPresses() {
        sender.press(1000, 7, 400);
        sender.press(1800, 7, 400);

        assertEquals(List.of(started(DtmfDigit.D7, 1000), ended(DtmfDigit.D7, 1400),
                started(DtmfDigit.D7, 1800), ended(DtmfDigit.D7, 2200)), listener.heard);
    }

    @Test
    void twentyDigitsAt50msOn50msOffDecodeExactly() {
        String keys = "41111111111111112580";
        for (int i = 0; i < keys.length(); i++) {
            sender.press(160_000 + 800L * i, keys.charAt(i) - '0', 400);
        }

        assertEquals(keys, listener.startedKeys());
        assertEquals(40, listener.heard.size());
        assertEquals(40, tracker.duplicates(), "two redundant end packets per press");
        for (int i = 0; i < keys.length(); i++) {
            assertEquals(160_000 + 800L * i, listener.heard.get(2 * i).timestamp());
            assertEquals(160_000 + 800L * i + 400, listener.heard.get(2 * i + 1).timestamp());
        }
    }

    @Test
    void twentyDigitsAt50msOn50msOffSurviveReorderingAndDuplicates() {
        String keys = "55454545454545454555";
        List<ByteBuf> wire = new ArrayList<>();
        for (int i = 0; i < keys.length(); i++) {
            long ts = 800L * i;
            int event = keys.charAt(i) - '0';
            wire.add(sender.packet(ts, event, false, 0));
            wire.add(sender.packet(ts, event, false, 160));
            wire.add(sender.packet(ts, event, false, 320));
            wire.add(sender.packet(ts, event, true, 400));
            wire.add(sender.packet(ts, event, true, 400));
            wire.add(sender.packet(ts, event, true, 400));
        }
        // swap neighbours pairwise twice, the second time across press boundaries too, so that updates
        // overtake starts, ends overtake updates and the next press overtakes the last end packets;
        // and let every seventh packet arrive twice
        for (int offset = 0; offset < 2; offset++) {
            for (int i = offset; i + 1 < wire.size(); i += 2) {
                ByteBuf first = wire.get(i);
                wire.set(i, wire.get(i + 1));
                wire.set(i + 1, first);
            }
        }
        for (int i = 0; i < wire.size(); i++) {
            ByteBuf p = wire.get(i);
            ByteBuf copy = i % 7 == 0 ? sender.copyOf(p) : null;
            sender.deliver(p);
            if (copy != null) {
                sender.deliver(copy);
            }
        }

        assertEquals(keys, listener.startedKeys());
        assertEquals(40, listener.heard.size());
        for (int i = 0; i < keys.length(); i++) {
            assertEquals(800L * i, listener.heard.get(2 * i).timestamp());
            assertEquals(800L * i + 400, listener.heard.get(2 * i + 1).timestamp());
        }
    }

    @Test
    void everyBlockOfAPackedPayloadIsAnEventStartingWhereThePreviousEnded() {
        sender.deliver(sender.packet(1000, new int[] {1, 1, 400}, new int[] {2, 1, 400}, new int[] {3, 0, 160}));
        assertTrue(tracker.inEvent());
        // the sender repeats the earlier blocks redundantly, then the last event goes on alone
        sender.deliver(sender.packet(1400, new int[] {2, 1, 400}, new int[] {3, 0, 320}));
        sender.send(1800, 3, true, 400);
        sender.send(1800, 3, true, 400);

        assertEquals(List.of(started(DtmfDigit.D1, 1000), ended(DtmfDigit.D1, 1400),
                started(DtmfDigit.D2, 1400), ended(DtmfDigit.D2, 1800),
                started(DtmfDigit.D3, 1800), ended(DtmfDigit.D3, 2200)), listener.heard);
        assertEquals(2, tracker.duplicates());
    }

    @Test
    void flashAndOtherNonDtmfEventsAreCountedAndIgnored() {
        sender.send(1000, 5, false, 0);
        sender.send(1200, 16, false, 0);
        sender.send(1200, 16, true, 800);
        sender.send(1300, 200, false, 0);
        sender.send(1000, 5, true, 400);
        sender.send(5000, 16, true, 800);

        assertEquals(List.of(started(DtmfDigit.D5, 1000), ended(DtmfDigit.D5, 1400)), listener.heard);
        assertEquals(4, tracker.nonDtmfEvents());
    }

    @Test
    void malformedPayloadsAreCountedAndIgnoredWithoutThrowing() {
        sender.deliver(sender.rawPacket(1000, new byte[0]));
        sender.deliver(sender.rawPacket(1000, new byte[] {5, (byte) 0x80}));
        sender.deliver(sender.rawPacket(1000, new byte[] {5, (byte) 0x80, 0x01, (byte) 0x90, 6, 0}));
        tracker.accept(new RtpPacket(), 0); // nothing wrapped

        assertEquals(4, tracker.malformed());
        assertTrue(listener.heard.isEmpty());

        sender.press(2000, 5, 400);
        assertEquals(List.of(started(DtmfDigit.D5, 2000), ended(DtmfDigit.D5, 2400)), listener.heard);
    }

    @Test
    void aPayloadCutShortByPaddingIsMalformed() {
        // padding bit set, and the padding count says the last 3 of 6 bytes are padding: 3 bytes of payload
        ByteBuf buf = sender.rawPacket(1000, new byte[] {5, (byte) 0x80, 0x01, (byte) 0x90, 0, 3});
        buf.setByte(0, buf.getByte(0) | 0x20);
        sender.deliver(buf);

        assertEquals(1, tracker.malformed());
        assertTrue(listener.heard.isEmpty());
    }

    @Test
    void anSsrcChangeStartsAFreshStream() {
        sender.send(50_000, 5, false, 0);
        sender.send(50_000, 5, false, 160);
        int oldSsrc = sender.ssrc;
        sender.ssrc = 0x0BAD_CAFE;
        sender.send(50_000, 5, false, 0); // same timestamp, other stream: a new press
        sender.send(50_000, 5, true, 400);
        sender.send(46_000, 6, false, 0); // behind this stream's newest event: late
        sender.ssrc = oldSsrc;
        sender.send(50_000, 5, true, 400); // a straggler of the old stream

        assertEquals(List.of(started(DtmfDigit.D5, 50_000), ended(DtmfDigit.D5, 50_160),
                started(DtmfDigit.D5, 50_000), ended(DtmfDigit.D5, 50_400)), listener.heard);
        assertEquals(1, tracker.late(), "46000 is behind the new stream's own newest event");
        assertEquals(1, tracker.duplicates());
    }

    @Test
    void aNewSsrcIsNotJudgedByTheOldStreamsTimestamps() {
        sender.press(50_000, 5, 400);
        sender.ssrc = 0x0BAD_CAFE;
        sender.press(46_000, 6, 400);

        assertEquals("56", listener.startedKeys());
        assertEquals(0, tracker.late());
    }

    @Test
    void timestampsWrapAroundAt2To32() {
        long nearWrap = WRAP - 200;
        sender.send(nearWrap, 1, false, 0);
        sender.send(nearWrap, 1, true, 800);
        sender.send(1000, 2, false, 0); // after the wrap: newer, not late
        sender.send(1000, 2, true, 400);
        sender.send(WRAP - 100, 3, true, 400); // unseen, 1100 behind across the wrap: late

        assertEquals(List.of(started(DtmfDigit.D1, nearWrap), ended(DtmfDigit.D1, 600),
                started(DtmfDigit.D2, 1000), ended(DtmfDigit.D2, 1400)), listener.heard);
        assertEquals(1, tracker.late());
    }

    @Test
    void aLongEventSegmentedAcrossTheWrapIsOnePress() {
        long t = WRAP - 30_000;
        long seg2 = (t + 65535) % WRAP;
        sendAt(t, 0, 0, false, 0);
        sendAt(t, 65535, 0, false, 65535);
        sendAt(seg2, 0, 0, false, 0);
        sendAt(seg2, 1000, 0, true, 1000);

        assertEquals(List.of(started(DtmfDigit.D0, t), ended(DtmfDigit.D0, seg2 + 1000)), listener.heard);
    }

    @Test
    void acceptAndTickAllocateNothing() {
        Rfc4733EventTracker quiet = new Rfc4733EventTracker(DigitListener.NONE);
        ByteBuf buf = Unpooled.buffer(16);
        try {
            RtpPacket.writeHeader(buf, false, EventSender.PT, 1, 0, SSRC);
            buf.writeZero(4);
            RtpPacket view = new RtpPacket();
            view.wrap(buf);
            int payload = view.payloadOffset();
            long[] ts = {0};
            long bytes = AllocationMeter.allocatedBytes(() -> {
                for (int i = 0; i < 1000; i++) {
                    long t = ts[0] += 800;
                    view.setTimestamp(t);
                    Rfc4733Payload.write(buf, payload, i & 15, false, 10, 0);
                    quiet.accept(view, t * 125_000);
                    Rfc4733Payload.write(buf, payload, i & 15, false, 10, 160);
                    quiet.accept(view, t * 125_000 + 20 * MS);
                    Rfc4733Payload.write(buf, payload, i & 15, true, 10, 320);
                    quiet.accept(view, t * 125_000 + 40 * MS);
                    quiet.accept(view, t * 125_000 + 40 * MS);
                    quiet.tick(t * 125_000 + 60 * MS);
                }
            });
            assertEquals(0, bytes);
            assertTrue(quiet.packets() > 0);
        } finally {
            buf.release();
        }
    }

    @Test
    void configChecksItsRanges() {
        Rfc4733TrackerConfig d = Rfc4733TrackerConfig.DEFAULT;
        assertEquals(250 * MS, d.timeoutNanos());
        assertEquals(16, d.historySize());
        assertThrows(IllegalArgumentException.class, () -> d.withTimeoutNanos(0));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733TrackerConfig(MS, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733TrackerConfig(MS, 16, 70_000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733TrackerConfig(MS, 16, 0, -1));
        assertThrows(NullPointerException.class, () -> new Rfc4733EventTracker(null));
    }

    /** Sends one block with the arrival clock at the moment the sender would send it (timestamp + duration). */
    private void sendAt(long timestamp, int elapsedSamples, int event, boolean end, int duration) {
        sender.nowNanos = (timestamp + elapsedSamples) * EventSender.NANOS_PER_SAMPLE;
        sender.send(timestamp, event, end, duration);
    }
}
