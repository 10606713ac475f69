package io.toneguard.media.rtcp;

import static io.toneguard.media.rtcp.RtcpFixtures.APP;
import static io.toneguard.media.rtcp.RtcpFixtures.BYE;
import static io.toneguard.media.rtcp.RtcpFixtures.EMPTY_RR;
import static io.toneguard.media.rtcp.RtcpFixtures.NACK;
import static io.toneguard.media.rtcp.RtcpFixtures.PLI;
import static io.toneguard.media.rtcp.RtcpFixtures.RR;
import static io.toneguard.media.rtcp.RtcpFixtures.SDES;
import static io.toneguard.media.rtcp.RtcpFixtures.SDES_TWO_CHUNKS;
import static io.toneguard.media.rtcp.RtcpFixtures.SR;
import static io.toneguard.media.rtcp.RtcpTestBuffers.ascii;
import static io.toneguard.media.rtcp.RtcpTestBuffers.dump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RtcpPacketViewsTest {

    private final RtcpTestBuffers buffers = new RtcpTestBuffers();

    @AfterEach
    void release() {
        buffers.close();
    }

    private static String hex(String... parts) {
        return String.join("", parts).replace(" ", "");
    }

    // --- header

    @Test
    void commonHeaderFields() {
        ByteBuf buf = buffers.hex(SR, SDES);
        assertEquals(2, RtcpPacket.version(buf, 0));
        assertFalse(RtcpPacket.hasPadding(buf, 0));
        assertEquals(1, RtcpPacket.count(buf, 0));
        assertEquals(RtcpPacket.SR, RtcpPacket.packetType(buf, 0));
        assertEquals(12, RtcpPacket.lengthInWords(buf, 0));
        assertEquals(52, RtcpPacket.packetLength(buf, 0));
        assertEquals(0, RtcpPacket.paddingLength(buf, 0));
        assertEquals(0x11223344, RtcpPacket.ssrc(buf, 0));
        assertEquals(RtcpPacket.SDES, RtcpPacket.packetType(buf, 52));
        assertEquals(24, RtcpPacket.packetLength(buf, 52));
    }

    @Test
    void paddingLength() {
        ByteBuf buf = buffers.hex("a0 c9 00 02 99 88 77 66 00 00 00 04");
        assertTrue(RtcpPacket.hasPadding(buf, 0));
        assertEquals(4, RtcpPacket.paddingLength(buf, 0));
        assertEquals(12, RtcpPacket.packetLength(buf, 0));
    }

    @Test
    void headerWriterMatchesTheFigure() {
        ByteBuf buf = Unpooled.buffer(4);
        try {
            RtcpPacket.setHeader(buf, 0, false, 1, RtcpPacket.SR, 12);
            assertEquals("81c8000c", io.netty.buffer.ByteBufUtil.hexDump(buf, 0, 4));
            RtcpPacket.setHeader(buf, 0, true, 31, RtcpPacket.PSFB, 0xFFFF);
            assertEquals("bfceffff", io.netty.buffer.ByteBufUtil.hexDump(buf, 0, 4));
            assertEquals(31, RtcpPacket.count(buf, 0));
            assertEquals(0xFFFF, RtcpPacket.lengthInWords(buf, 0));
            assertEquals(0x40000, RtcpPacket.packetLength(buf, 0));
        } finally {
            buf.release();
        }
    }

    // --- sender report

    @Test
    void senderInfo() {
        ByteBuf buf = buffers.hex(SR);
        assertEquals(0xe123456789abcdefL, RtcpSenderReport.ntpTimestamp(buf, 0));
        assertEquals(0x456789abL, RtcpSenderReport.compactNtp(buf, 0));
        assertEquals(123456, RtcpSenderReport.rtpTimestamp(buf, 0));
        assertEquals(1000, RtcpSenderReport.packetCount(buf, 0));
        assertEquals(160000, RtcpSenderReport.octetCount(buf, 0));
    }

    @Test
    void rewritesSenderInfoInPlace() {
        ByteBuf buf = buffers.hex(SR, SDES);
        RtcpPacket.setSsrc(buf, 0, 0xdeadbeef);
        RtcpSenderReport.setNtpTimestamp(buf, 0, 0x0102030405060708L);
        RtcpSenderReport.setRtpTimestamp(buf, 0, 0xfffffff0);
        RtcpSenderReport.setPacketCount(buf, 0, 0xfffffffeL);
        RtcpSenderReport.setOctetCount(buf, 0, 0x1_0000_0005L);  // wraps to 32 bits as RFC 3550 counts do
        assertEquals(0xdeadbeef, RtcpPacket.ssrc(buf, 0));
        assertEquals(0x0102030405060708L, RtcpSenderReport.ntpTimestamp(buf, 0));
        assertEquals(0xfffffff0, RtcpSenderReport.rtpTimestamp(buf, 0));
        assertEquals(0xfffffffeL, RtcpSenderReport.packetCount(buf, 0));
        assertEquals(5, RtcpSenderReport.octetCount(buf, 0));
        String expected = hex("81 c8 00 0c de ad be ef 01 02 03 04 05 06 07 08 ff ff ff f0 ff ff ff fe 00 00 00 05",
                RtcpFixtures.REPORT_BLOCK_A, SDES);
        assertEquals(expected, dump(buf));
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
    }

    // --- report blocks

    @Test
    void reportBlockOffsets() {
        ByteBuf buf = buffers.hex(SR, RR, SDES);
        assertEquals(28, RtcpReportBlock.offset(buf, 0, 0));
        assertEquals(-1, RtcpReportBlock.offset(buf, 0, 1));
        assertEquals(-1, RtcpReportBlock.offset(buf, 0, -1));
        assertEquals(52 + 8, RtcpReportBlock.offset(buf, 52, 0));
        assertEquals(52 + 8 + 24, RtcpReportBlock.offset(buf, 52, 1));
        assertEquals(-1, RtcpReportBlock.offset(buf, 52, 2));
        assertEquals(-1, RtcpReportBlock.offset(buf, 108, 0));  // SDES has no report blocks
        ByteBuf empty = buffers.hex(EMPTY_RR);
        assertEquals(-1, RtcpReportBlock.offset(empty, 0, 0));
    }

    @Test
    void readsReportBlocksOfAnRrWithTwoBlocks() {
        ByteBuf buf = buffers.hex(RR);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        assertEquals(2, RtcpPacket.count(buf, 0));
        assertEquals(0x99887766, RtcpPacket.ssrc(buf, 0));

        int a = RtcpReportBlock.offset(buf, 0, 0);
        assertEquals(0xaabbccdd, RtcpReportBlock.ssrc(buf, a));
        assertEquals(64, RtcpReportBlock.fractionLost(buf, a));
        assertEquals(-2, RtcpReportBlock.cumulativeLost(buf, a));
        assertEquals(0x00010005L, RtcpReportBlock.extendedHighestSequence(buf, a));
        assertEquals(32, RtcpReportBlock.jitter(buf, a));
        assertEquals(0x23456789L, RtcpReportBlock.lastSr(buf, a));
        assertEquals(0x00018000L, RtcpReportBlock.delaySinceLastSr(buf, a));

        int b = RtcpReportBlock.offset(buf, 0, 1);
        assertEquals(0x01020304, RtcpReportBlock.ssrc(buf, b));
        assertEquals(255, RtcpReportBlock.fractionLost(buf, b));
        assertEquals(RtcpReportBlock.MAX_CUMULATIVE_LOST, RtcpReportBlock.cumulativeLost(buf, b));
        assertEquals(0xffffffffL, RtcpReportBlock.extendedHighestSequence(buf, b));
        assertEquals(0xfffffffeL, RtcpReportBlock.jitter(buf, b));
        assertEquals(0, RtcpReportBlock.lastSr(buf, b));
        assertEquals(0xffffffffL, RtcpReportBlock.delaySinceLastSr(buf, b));
    }

    @Test
    void rewritesReportBlockFieldsInPlace() {
        ByteBuf buf = buffers.hex(RR, BYE);
        int b = RtcpReportBlock.offset(buf, 0, 1);
        RtcpReportBlock.setSsrc(buf, b, 0x0a0b0c0d);
        RtcpReportBlock.setFractionLost(buf, b, 3);
        RtcpReportBlock.setCumulativeLost(buf, b, -1);
        RtcpReportBlock.setExtendedHighestSequence(buf, b, 0x0002fffeL);
        RtcpReportBlock.setJitter(buf, b, 160);
        RtcpReportBlock.setLastSr(buf, b, 0x89abcdefL);
        RtcpReportBlock.setDelaySinceLastSr(buf, b, 65536);
        assertEquals(0x0a0b0c0d, RtcpReportBlock.ssrc(buf, b));
        assertEquals(3, RtcpReportBlock.fractionLost(buf, b));
        assertEquals(-1, RtcpReportBlock.cumulativeLost(buf, b));
        assertEquals(0x0002fffeL, RtcpReportBlock.extendedHighestSequence(buf, b));
        assertEquals(160, RtcpReportBlock.jitter(buf, b));
        assertEquals(0x89abcdefL, RtcpReportBlock.lastSr(buf, b));
        assertEquals(65536, RtcpReportBlock.delaySinceLastSr(buf, b));
        String expected = hex("82 c9 00 0d 99 88 77 66", RtcpFixtures.REPORT_BLOCK_A,
                "0a 0b 0c 0d 03 ff ff ff 00 02 ff fe 00 00 00 a0 89 ab cd ef 00 01 00 00", BYE);
        assertEquals(expected, dump(buf));
        // block A untouched
        int a = RtcpReportBlock.offset(buf, 0, 0);
        assertEquals(0xaabbccdd, RtcpReportBlock.ssrc(buf, a));
        assertEquals(-2, RtcpReportBlock.cumulativeLost(buf, a));
    }

    @Test
    void cumulativeLostIsSigned24BitAndClamped() {
        ByteBuf buf = buffers.hex(RR);
        int b = RtcpReportBlock.offset(buf, 0, 0);
        int[][] cases = {
            {0, 0}, {1, 1}, {-1, -1},
            {0x7FFFFF, 0x7FFFFF}, {-0x800000, -0x800000},
            {0x800000, 0x7FFFFF}, {Integer.MAX_VALUE, 0x7FFFFF},
            {-0x800001, -0x800000}, {Integer.MIN_VALUE, -0x800000},
        };
        for (int[] c : cases) {
            RtcpReportBlock.setCumulativeLost(buf, b, c[0]);
            assertEquals(c[1], RtcpReportBlock.cumulativeLost(buf, b), "set " + c[0]);
            assertEquals(64, RtcpReportBlock.fractionLost(buf, b), "fraction untouched");
            assertEquals(0x00010005L, RtcpReportBlock.extendedHighestSequence(buf, b), "next field untouched");
        }
        RtcpReportBlock.setCumulativeLost(buf, b, -0x800000);
        assertEquals("800000", io.netty.buffer.ByteBufUtil.hexDump(buf, b + 5, 3));
    }

    @Test
    void srReportBlocksAreRewritable() {
        ByteBuf buf = buffers.hex(SR);
        int b = RtcpReportBlock.offset(buf, 0, 0);
        assertEquals(28, b);
        RtcpReportBlock.setSsrc(buf, b, 0x01010101);
        RtcpReportBlock.setLastSr(buf, b, RtcpSenderReport.compactNtp(buf, 0));
        assertEquals(0x01010101, RtcpReportBlock.ssrc(buf, b));
        assertEquals(0x456789abL, RtcpReportBlock.lastSr(buf, b));
        assertEquals(160000, RtcpSenderReport.octetCount(buf, 0));
    }

    // --- SDES

    @Test
    void sdesChunks() {
        ByteBuf buf = buffers.hex(EMPTY_RR, SDES_TWO_CHUNKS);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        int p = 8;
        assertEquals(2, RtcpPacket.count(buf, p));
        assertEquals(p + 4, RtcpSdes.chunkOffset(buf, p, 0));
        assertEquals(p + 16, RtcpSdes.chunkOffset(buf, p, 1));
        assertEquals(-1, RtcpSdes.chunkOffset(buf, p, 2));
        assertEquals(-1, RtcpSdes.chunkOffset(buf, p, -1));
        assertEquals(0x11223344, RtcpSdes.ssrc(buf, RtcpSdes.chunkOffset(buf, p, 0)));
        assertEquals(0x55667788, RtcpSdes.ssrc(buf, RtcpSdes.chunkOffset(buf, p, 1)));
    }

    @Test
    void rewritesSdesChunkSsrcs() {
        ByteBuf buf = buffers.hex(SR, SDES_TWO_CHUNKS);
        assertTrue(RtcpSdes.setChunkSsrc(buf, 52, 0, 0xa1a2a3a4));
        assertTrue(RtcpSdes.setChunkSsrc(buf, 52, 1, 0xb1b2b3b4));
        assertFalse(RtcpSdes.setChunkSsrc(buf, 52, 2, 0xc1c2c3c4));
        String expected = hex(SR, "82 ca 00 07",
                "a1 a2 a3 a4 01 03", ascii("a@b"), "00 00 00",
                "b1 b2 b3 b4 01 03", ascii("c@d"), "02 03", ascii("Ann"), "00 00");
        assertEquals(expected, dump(buf));
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
    }

    @Test
    void sdesChunkWalkRefusesMalformedChunks() {
        // SC=2, one well-formed chunk, then an SSRC whose item runs past the packet
        ByteBuf buf = buffers.hex("82 ca 00 04 11 22 33 44 00 00 00 00 55 66 77 88 01 09 41 41");
        assertEquals(8 - 4, RtcpSdes.chunkOffset(buf, 0, 0));
        assertEquals(12, RtcpSdes.chunkOffset(buf, 0, 1));  // the SSRC itself is inside the packet
        ByteBuf noTerminator = buffers.hex("82 ca 00 02 11 22 33 44 01 02 41 41");
        assertEquals(-1, RtcpSdes.chunkOffset(noTerminator, 0, 1));
        assertFalse(RtcpSdes.setChunkSsrc(noTerminator, 0, 1, 1));
        ByteBuf lengthPastBuffer = buffers.hex("81 ca 00 09 11 22 33 44");
        assertEquals(-1, RtcpSdes.chunkOffset(lengthPastBuffer, 0, 0));
        assertEquals("81ca0009" + "11223344", dump(lengthPastBuffer));
    }

    @Test
    void sdesChunksBeforePadding() {
        // last packet with P set: padding is not mistaken for a chunk
        ByteBuf buf = buffers.hex(EMPTY_RR, "a2 ca 00 03 11 22 33 44 00 00 00 00 00 00 00 04");
        assertEquals(RtcpValidation.BAD_COUNT, RtcpCompound.validate(buf));
        assertEquals(-1, RtcpSdes.chunkOffset(buf, 8, 1));
    }

    // --- BYE

    @Test
    void byeSources() {
        ByteBuf buf = buffers.hex(EMPTY_RR, BYE);
        int p = 8;
        assertEquals(2, RtcpBye.sourceCount(buf, p));
        assertEquals(0x11223344, RtcpBye.ssrc(buf, p, 0));
        assertEquals(0x55667788, RtcpBye.ssrc(buf, p, 1));
        assertTrue(RtcpBye.setSsrc(buf, p, 0, 0x01020304));
        assertTrue(RtcpBye.setSsrc(buf, p, 1, 0x05060708));
        assertFalse(RtcpBye.setSsrc(buf, p, 2, 0x090a0b0c));  // that word is the reason, not a source
        assertFalse(RtcpBye.setSsrc(buf, p, -1, 0x090a0b0c));
        assertEquals(hex(EMPTY_RR, "82 cb 00 04 01 02 03 04 05 06 07 08 07", ascii("leaving")), dump(buf));
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
    }

    @Test
    void byeSetSsrcStaysInsideThePacket() {
        // SC=2 but length holds one: the writer refuses rather than overwrite the next packet
        ByteBuf buf = buffers.hex("82 cb 00 01 11 22 33 44", PLI);
        assertFalse(RtcpBye.setSsrc(buf, 0, 1, 0));
        assertEquals(hex("82 cb 00 01 11 22 33 44", PLI), dump(buf));
    }

    // --- APP and feedback

    @Test
    void appSsrc() {
        ByteBuf buf = buffers.hex(EMPTY_RR, APP);
        assertEquals(3, RtcpPacket.count(buf, 8));
        assertEquals(0x11223344, RtcpPacket.ssrc(buf, 8));
        RtcpPacket.setSsrc(buf, 8, 0x44332211);
        assertEquals(hex(EMPTY_RR, "83 cc 00 03 44 33 22 11", ascii("TGRD"), "de ad be ef"), dump(buf));
    }

    @Test
    void feedbackSsrcs() {
        ByteBuf buf = buffers.hex(EMPTY_RR, NACK, PLI);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        int nack = 8;
        int pli = 24;
        assertTrue(RtcpFeedback.isFeedback(RtcpPacket.packetType(buf, nack)));
        assertTrue(RtcpFeedback.isFeedback(RtcpPacket.packetType(buf, pli)));
        assertFalse(RtcpFeedback.isFeedback(RtcpPacket.RR));
        assertFalse(RtcpFeedback.isFeedback(RtcpPacket.APP));
        assertEquals(1, RtcpFeedback.fmt(buf, nack));
        assertEquals(1, RtcpFeedback.fmt(buf, pli));
        assertEquals(0x11223344, RtcpFeedback.senderSsrc(buf, nack));
        assertEquals(0xcafebabe, RtcpFeedback.mediaSsrc(buf, nack));
        assertEquals(0xcafebabe, RtcpFeedback.mediaSsrc(buf, pli));

        RtcpFeedback.setSenderSsrc(buf, nack, 0x0badf00d);
        RtcpFeedback.setMediaSsrc(buf, nack, 0x12345678);
        RtcpFeedback.setSenderSsrc(buf, pli, 0x0badf00d);
        RtcpFeedback.setMediaSsrc(buf, pli, 0x12345678);
        assertEquals(0x0badf00d, RtcpFeedback.senderSsrc(buf, pli));
        assertEquals(0x12345678, RtcpFeedback.mediaSsrc(buf, pli));
        assertEquals(hex(EMPTY_RR,
                "81 cd 00 03 0b ad f0 0d 12 34 56 78 03 e8 00 05",
                "81 ce 00 02 0b ad f0 0d 12 34 56 78"), dump(buf));
    }

    @Test
    void relayRewritesEverySsrcOfACompound() {
        // what an SSRC-rewriting relay does: map 0x11223344 -> 0x0000abcd everywhere it appears
        ByteBuf buf = buffers.hex(SR, SDES, BYE, PLI);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        int from = 0x11223344;
        int to = 0x0000abcd;
        for (int p = RtcpCompound.first(buf); p >= 0; p = RtcpCompound.next(buf, p)) {
            switch (RtcpPacket.packetType(buf, p)) {
                case RtcpPacket.SR, RtcpPacket.RR, RtcpPacket.APP -> {
                    if (RtcpPacket.ssrc(buf, p) == from) {
                        RtcpPacket.setSsrc(buf, p, to);
                    }
                }
                case RtcpPacket.SDES -> {
                    for (int i = 0; i < RtcpPacket.count(buf, p); i++) {
                        if (RtcpSdes.ssrc(buf, RtcpSdes.chunkOffset(buf, p, i)) == from) {
                            assertTrue(RtcpSdes.setChunkSsrc(buf, p, i, to));
                        }
                    }
                }
                case RtcpPacket.BYE -> {
                    for (int i = 0; i < RtcpBye.sourceCount(buf, p); i++) {
                        if (RtcpBye.ssrc(buf, p, i) == from) {
                            assertTrue(RtcpBye.setSsrc(buf, p, i, to));
                        }
                    }
                }
                case RtcpPacket.RTPFB, RtcpPacket.PSFB -> {
                    if (RtcpFeedback.senderSsrc(buf, p) == from) {
                        RtcpFeedback.setSenderSsrc(buf, p, to);
                    }
                }
                default -> { }
            }
        }
        assertFalse(dump(buf).contains("11223344"), dump(buf));
        assertEquals(4, dump(buf).split("0000abcd", -1).length - 1);  // SR, SDES chunk, BYE, PLI sender
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        assertEquals(0x55667788, RtcpBye.ssrc(buf, 76, 1));
        assertEquals(0xcafebabe, RtcpFeedback.mediaSsrc(buf, 96));
    }
}
