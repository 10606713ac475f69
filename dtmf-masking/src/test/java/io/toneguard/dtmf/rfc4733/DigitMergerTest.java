package io.toneguard.dtmf.rfc4733;

import static io.toneguard.dtmf.DigitSource.INBAND;
import static io.toneguard.dtmf.DigitSource.RFC4733;
import static io.toneguard.dtmf.DigitSource.SIP_INFO;
import static io.toneguard.dtmf.rfc4733.RecordingListener.ended;
import static io.toneguard.dtmf.rfc4733.RecordingListener.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.testing.AllocationMeter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DigitMergerTest {
    private static final long WRAP = 1L << 32;

    private final RecordingListener listener = new RecordingListener();
    private final DigitMerger merger = new DigitMerger(listener);

    @AfterEach
    void countsAddUp() {
        assertEquals(listener.starts(), merger.forwarded());
    }

    @Test
    void theSameKeyFromBothSourcesOverlappingIsOnePress() {
        merger.digitStarted(DtmfDigit.D5, RFC4733, 1000);
        merger.digitStarted(DtmfDigit.D5, INBAND, 1040);
        merger.digitEnded(DtmfDigit.D5, INBAND, 1420);
        merger.digitEnded(DtmfDigit.D5, RFC4733, 1400);

        assertEquals(List.of(started(DtmfDigit.D5, RFC4733, 1000), ended(DtmfDigit.D5, RFC4733, 1400)),
                listener.heard);
        assertEquals(1, merger.suppressed());
    }

    @Test
    void inBandReportedFirstThenRfc4733IsOnePress() {
        merger.digitStarted(DtmfDigit.HASH, INBAND, 1000);
        merger.digitStarted(DtmfDigit.HASH, RFC4733, 990);
        merger.digitEnded(DtmfDigit.HASH, RFC4733, 1390);
        merger.digitEnded(DtmfDigit.HASH, INBAND, 1410);

        assertEquals(List.of(started(DtmfDigit.HASH, INBAND, 1000), ended(DtmfDigit.HASH, INBAND, 1410)),
                listener.heard);
    }

    @Test
    void theDuplicateMayStartAfterTheForwardedPressEnded() {
        merger.digitStarted(DtmfDigit.D5, RFC4733, 1000);
        merger.digitEnded(DtmfDigit.D5, RFC4733, 1320);
        merger.digitStarted(DtmfDigit.D5, INBAND, 1100); // the in-band detector confirmed it late
        merger.digitEnded(DtmfDigit.D5, INBAND, 1330);

        assertEquals(2, listener.heard.size());
        assertEquals(1, merger.suppressed());
    }

    @Test
    void theSameKeyTwiceWithA100msPauseIsTwoPresses() {
        // 50 ms tone, 100 ms pause, 50 ms tone, each heard by both sources
        merger.digitStarted(DtmfDigit.D7, RFC4733, 0);
        merger.digitStarted(DtmfDigit.D7, INBAND, 16);
        merger.digitEnded(DtmfDigit.D7, RFC4733, 400);
        merger.digitEnded(DtmfDigit.D7, INBAND, 410);
        merger.digitStarted(DtmfDigit.D7, RFC4733, 1200);
        merger.digitStarted(DtmfDigit.D7, INBAND, 1210);
        merger.digitEnded(DtmfDigit.D7, INBAND, 1610);
        merger.digitEnded(DtmfDigit.D7, RFC4733, 1600);

        assertEquals(List.of(started(DtmfDigit.D7, RFC4733, 0), ended(DtmfDigit.D7, RFC4733, 400),
                started(DtmfDigit.D7, RFC4733, 1200), ended(DtmfDigit.D7, RFC4733, 1600)), listener.heard);
        assertEquals(2, merger.suppressed());
    }

    @Test
    void theSecondPressPassesWhicheverSourceReportsItFirst() {
        // 40 ms on, 40 ms off: onsets exactly one window apart
        merger.digitStarted(DtmfDigit.D7, INBAND, 0);
        merger.digitStarted(DtmfDigit.D7, RFC4733, 0);
        merger.digitEnded(DtmfDigit.D7, INBAND, 320);
        merger.digitEnded(DtmfDigit.D7, RFC4733, 320);
        merger.digitStarted(DtmfDigit.D7, RFC4733, 640);
        merger.digitStarted(DtmfDigit.D7, INBAND, 645);
        merger.digitEnded(DtmfDigit.D7, RFC4733, 960);
        merger.digitEnded(DtmfDigit.D7, INBAND, 965);

        assertEquals(List.of(started(DtmfDigit.D7, INBAND, 0), ended(DtmfDigit.D7, INBAND, 320),
                started(DtmfDigit.D7, RFC4733, 640), ended(DtmfDigit.D7, RFC4733, 960)), listener.heard);
    }

    @Test
    void aTwinWhoseToneLostItsFirstPacketsIsStillOnePress() {
        // events 40 ms ahead of the tones (onset 0, 70 ms); the tone's first 40 ms lost on the way, so
        // the in-band press starts 80 ms after the event's onset, 10 ms after the event ended
        merger.digitStarted(DtmfDigit.D6, RFC4733, 0);
        merger.digitEnded(DtmfDigit.D6, RFC4733, 560);
        merger.digitStarted(DtmfDigit.D6, INBAND, 640);
        merger.digitEnded(DtmfDigit.D6, INBAND, 880);

        assertEquals(List.of(started(DtmfDigit.D6, RFC4733, 0), ended(DtmfDigit.D6, RFC4733, 560)), listener.heard);
    }

    @Test
    void onceTwinnedTheNextPressOfTheOtherSourceIsNew() {
        // 50 ms on, 30 ms off, both sources in step: the second press is 80 ms after the first
        merger.digitStarted(DtmfDigit.D6, INBAND, 0);
        merger.digitStarted(DtmfDigit.D6, RFC4733, 8);
        merger.digitEnded(DtmfDigit.D6, INBAND, 400);
        merger.digitEnded(DtmfDigit.D6, RFC4733, 400);
        merger.digitStarted(DtmfDigit.D6, RFC4733, 640);
        merger.digitEnded(DtmfDigit.D6, RFC4733, 1040);

        assertEquals(List.of(started(DtmfDigit.D6, INBAND, 0), ended(DtmfDigit.D6, INBAND, 400),
                started(DtmfDigit.D6, RFC4733, 640), ended(DtmfDigit.D6, RFC4733, 1040)), listener.heard);
    }

    @Test
    void differentKeysBackToBackAreTwoPresses() {
        merger.digitStarted(DtmfDigit.D5, RFC4733, 0);
        merger.digitStarted(DtmfDigit.D5, INBAND, 20);
        merger.digitEnded(DtmfDigit.D5, RFC4733, 400);
        merger.digitStarted(DtmfDigit.D6, RFC4733, 400); // no pause at all
        merger.digitEnded(DtmfDigit.D5, INBAND, 410);
        merger.digitStarted(DtmfDigit.D6, INBAND, 420);
        merger.digitEnded(DtmfDigit.D6, RFC4733, 800);
        merger.digitEnded(DtmfDigit.D6, INBAND, 800);

        assertEquals("56", listener.startedKeys());
        assertEquals(4, listener.heard.size());
    }

    @Test
    void theSameSourceIsNeverSuppressed() {
        merger.digitStarted(DtmfDigit.D1, INBAND, 0);
        merger.digitEnded(DtmfDigit.D1, INBAND, 100);
        merger.digitStarted(DtmfDigit.D1, INBAND, 300);
        merger.digitEnded(DtmfDigit.D1, INBAND, 400);

        assertEquals(4, listener.heard.size());
        assertEquals(0, merger.suppressed());
    }

    @Test
    void aPressFromAnotherSourceLongAfterIsNew() {
        merger.digitStarted(DtmfDigit.D1, RFC4733, 0);
        merger.digitEnded(DtmfDigit.D1, RFC4733, 400);
        merger.digitStarted(DtmfDigit.D1, INBAND, 8000);
        merger.digitEnded(DtmfDigit.D1, INBAND, 8400);

        assertEquals(List.of(started(DtmfDigit.D1, RFC4733, 0), ended(DtmfDigit.D1, RFC4733, 400),
                started(DtmfDigit.D1, INBAND, 8000), ended(DtmfDigit.D1, INBAND, 8400)), listener.heard);
    }

    @Test
    void sipInfoWithAnEstimatedTimestampIsMergedToo() {
        merger.digitStarted(DtmfDigit.D9, RFC4733, 5000);
        merger.digitStarted(DtmfDigit.D9, SIP_INFO, 5200); // estimate: the stream's timestamp on arrival
        merger.digitStarted(DtmfDigit.D9, INBAND, 5030);
        merger.digitEnded(DtmfDigit.D9, SIP_INFO, 5200 + 800);
        merger.digitEnded(DtmfDigit.D9, INBAND, 5830);
        merger.digitEnded(DtmfDigit.D9, RFC4733, 5800);

        assertEquals(List.of(started(DtmfDigit.D9, RFC4733, 5000), ended(DtmfDigit.D9, RFC4733, 5800)),
                listener.heard);
        assertEquals(2, merger.suppressed());
    }

    @Test
    void twentyDigitsAt50msOn50msOffFromBothSourcesDecodeExactly() {
        String keys = "41111111111111112580";
        for (int i = 0; i < keys.length(); i++) {
            DtmfDigit d = DtmfDigit.ofKey(keys.charAt(i));
            long onset = 800L * i;
            // RFC 4733 packets arrive at once; the in-band detector confirms 30 ms later, a little off
            merger.digitStarted(d, RFC4733, onset);
            merger.digitStarted(d, INBAND, onset + 24);
            merger.digitEnded(d, RFC4733, onset + 400);
            merger.digitEnded(d, INBAND, onset + 410);
        }

        assertEquals(keys, listener.startedKeys());
        assertEquals(40, listener.heard.size());
        assertEquals(20, merger.suppressed());
    }

    @Test
    void theTrackerAndTheInBandDetectorTogetherGiveEachPressOnce() {
        Rfc4733EventTracker tracker = new Rfc4733EventTracker(merger);
        EventSender sender = new EventSender(tracker, 42);
        try {
            String keys = "1234567890";
            for (int i = 0; i < keys.length(); i++) {
                long onset = 8000 + 800L * i;
                DtmfDigit d = DtmfDigit.ofKey(keys.charAt(i));
                sender.send(onset, d.event(), false, 0);
                sender.send(onset, d.event(), false, 160);
                merger.digitStarted(d, INBAND, onset + 8);
                sender.send(onset, d.event(), false, 320);
                sender.send(onset, d.event(), true, 400);
                merger.digitEnded(d, INBAND, onset + 400);
                sender.send(onset, d.event(), true, 400);
                sender.send(onset, d.event(), true, 400);
            }
            assertEquals(keys, listener.startedKeys());
            assertEquals(20, listener.heard.size());
            assertTrue(listener.heard.stream().allMatch(h -> h.source() == RFC4733));
        } finally {
            sender.releaseAll();
            sender.assertAllReleased();
        }
    }

    @Test
    void timestampsWrapAroundAt2To32() {
        merger.digitStarted(DtmfDigit.STAR, RFC4733, WRAP - 20);
        merger.digitStarted(DtmfDigit.STAR, INBAND, 20);
        merger.digitEnded(DtmfDigit.STAR, RFC4733, 380);
        merger.digitEnded(DtmfDigit.STAR, INBAND, 390);
        merger.digitStarted(DtmfDigit.STAR, INBAND, 1200);

        assertEquals(List.of(started(DtmfDigit.STAR, RFC4733, WRAP - 20), ended(DtmfDigit.STAR, RFC4733, 380),
                started(DtmfDigit.STAR, INBAND, 1200)), listener.heard);
    }

    @Test
    void anEndWithoutAForwardedStartIsDropped() {
        merger.digitEnded(DtmfDigit.A, RFC4733, 100);
        merger.digitStarted(DtmfDigit.A, RFC4733, 200);
        merger.digitEnded(DtmfDigit.A, RFC4733, 300);
        merger.digitEnded(DtmfDigit.A, RFC4733, 300);

        assertEquals(List.of(started(DtmfDigit.A, RFC4733, 200), ended(DtmfDigit.A, RFC4733, 300)), listener.heard);
    }

    @Test
    void anOlderPressEndsEvenAfterAnotherSourceForwardedANewerOne() {
        merger.digitStarted(DtmfDigit.B, RFC4733, 0);
        merger.digitStarted(DtmfDigit.B, SIP_INFO, 4000); // far apart: a press of its own
        merger.digitEnded(DtmfDigit.B, RFC4733, 400);
        merger.digitEnded(DtmfDigit.B, SIP_INFO, 4800);

        assertEquals(4, listener.heard.size());
    }

    @Test
    void theWindowIsConfigurable() {
        DigitMerger narrow = new DigitMerger(listener, 10);
        narrow.digitStarted(DtmfDigit.C, RFC4733, 0);
        narrow.digitStarted(DtmfDigit.C, INBAND, 40);
        assertEquals(2, listener.starts());
        assertEquals(640, DigitMerger.DEFAULT_WINDOW_SAMPLES);
        assertThrows(IllegalArgumentException.class, () -> new DigitMerger(listener, 0));
        assertThrows(NullPointerException.class, () -> new DigitMerger(null));
        listener.heard.clear(); // the counts check after each test is about the default merger
    }

    @Test
    void mergingAllocatesNothing() {
        DigitMerger quiet = new DigitMerger(DigitListener.NONE);
        long[] onset = {0};
        long bytes = AllocationMeter.allocatedBytes(() -> {
            for (int i = 0; i < 1000; i++) {
                DtmfDigit d = DtmfDigit.ofEvent(i & 15);
                long t = onset[0] += 800;
                quiet.digitStarted(d, RFC4733, t);
                quiet.digitStarted(d, INBAND, t + 30);
                quiet.digitEnded(d, RFC4733, t + 400);
                quiet.digitEnded(d, INBAND, t + 410);
            }
        });
        assertEquals(0, bytes);
        assertTrue(quiet.suppressed() > 0);
    }
}
