package io.toneguard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.testing.NettyLeakGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class StreamRewriterTest {
    private static final long FRAME_NANOS = 20_000_000L;
    private final StreamRewriter rewriter = new StreamRewriter(0x0BADCAFE, 8000);
    private final RtpPacket view = new RtpPacket();

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** Runs one packet through the rewriter; returns {seq, ts, ssrc, marker}. */
    private long[] pass(int ssrc, int seq, long ts, long now) {
        ByteBuf b = Unpooled.buffer(172);
        try {
            RtpPacket.writeHeader(b, false, 0, seq, ts, ssrc);
            b.writeZero(160);
            view.wrap(b);
            rewriter.rewrite(view, now);
            return new long[] {view.sequenceNumber(), view.timestamp(), view.ssrc(), view.marker() ? 1 : 0};
        } finally {
            view.clear();
            b.release();
        }
    }

    private void remove(int ssrc, int seq, long ts) {
        ByteBuf b = Unpooled.buffer(172);
        try {
            RtpPacket.writeHeader(b, false, 101, seq, ts, ssrc);
            b.writeZero(4);
            view.wrap(b);
            rewriter.removed(view);
        } finally {
            view.clear();
            b.release();
        }
    }

    @Test
    void keepsNumberingOfASingleSourceAndSetsOurSsrc() {
        long[] first = pass(7, 1000, 50_000, 0);
        long[] second = pass(7, 1001, 50_160, FRAME_NANOS);
        assertEquals(1000, first[0]);
        assertEquals(1001, second[0]);
        assertEquals(50_160, second[1]);
        assertEquals(0x0BADCAFE, (int) second[2]);
        assertEquals(2, rewriter.packetCount());
        assertEquals(320, rewriter.octetCount());
    }

    @Test
    void removedPacketsLeaveNoGap() {
        pass(7, 10, 0, 0);
        remove(7, 11, 160);
        remove(7, 12, 160);
        long[] next = pass(7, 13, 480, 3 * FRAME_NANOS);
        assertEquals(11, next[0]);
        assertEquals(12, pass(7, 14, 640, 4 * FRAME_NANOS)[0]);
    }

    @Test
    void sequenceWrapsAround() {
        assertEquals(65535, pass(7, 65535, 0, 0)[0]);
        remove(7, 0, 160);
        assertEquals(0, pass(7, 1, 320, 2 * FRAME_NANOS)[0]);
        assertEquals(1, pass(7, 2, 480, 3 * FRAME_NANOS)[0]);
    }

    @Test
    void aNewSourceContinuesNumberingAndTimeWithTheMarkerSet() {
        pass(7, 500, 1_000, 0);
        pass(7, 501, 1_160, FRAME_NANOS);
        // a prompt player takes over 100 ms later with its own numbering
        long[] switched = pass(99, 40_000, 777_777, FRAME_NANOS + 100_000_000L);
        assertEquals(502, switched[0]);
        assertEquals(1_160 + 800, switched[1]);
        assertEquals(1, switched[3]);
        long[] after = pass(99, 40_001, 777_937, 2 * FRAME_NANOS + 100_000_000L);
        assertEquals(503, after[0]);
        assertEquals(1_160 + 800 + 160, after[1]);
        assertEquals(0, after[3]);
        assertEquals(1, rewriter.sourceSwitches());
    }

    @Test
    void reorderedPacketsKeepTheirRelativeOrder() {
        pass(7, 100, 0, 0);
        long[] late = null;
        long[] early = pass(7, 102, 320, 2 * FRAME_NANOS);
        late = pass(7, 101, 160, 2 * FRAME_NANOS + 1);
        assertEquals(102, early[0]);
        assertEquals(101, late[0]);
        assertEquals(103, pass(7, 103, 480, 3 * FRAME_NANOS)[0]);
    }

    @Test
    void aPacketOvertakenByARemovedOneKeepsANumberOfItsOwn() {
        // 10 sent; 12 (a telephone-event) removed before 11 arrives late: 11 must not take 10's number
        assertEquals(10, pass(7, 10, 0, 0)[0]);
        remove(7, 12, 320);
        assertEquals(11, pass(7, 11, 160, 2 * FRAME_NANOS)[0]);
        assertEquals(12, pass(7, 13, 480, 3 * FRAME_NANOS)[0]);
        // and again after more removals: every number once
        remove(7, 14, 640);
        remove(7, 16, 960);
        assertEquals(13, pass(7, 15, 800, 5 * FRAME_NANOS)[0]);
        assertEquals(14, pass(7, 17, 1120, 6 * FRAME_NANOS)[0]);
    }

    @Test
    void mapsReportedSequenceNumbersBack() {
        pass(7, 10, 0, 0);
        remove(7, 11, 160);
        pass(7, 12, 320, 2 * FRAME_NANOS); // sent as 11
        assertEquals(12, rewriter.inputExtendedSequence(11));
        assertEquals(0x1_0000L + 12, rewriter.inputExtendedSequence(0x1_0000L + 11));
        assertTrue(StreamRewriter.isNewer(1, 65535));
        assertFalse(StreamRewriter.isNewer(65535, 1));
    }
}
