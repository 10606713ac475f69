package io.toneguard.media.rtcp;

import static io.toneguard.media.rtcp.RtcpFixtures.APP;
import static io.toneguard.media.rtcp.RtcpFixtures.BYE;
import static io.toneguard.media.rtcp.RtcpFixtures.EMPTY_RR;
import static io.toneguard.media.rtcp.RtcpFixtures.NACK;
import static io.toneguard.media.rtcp.RtcpFixtures.PLI;
import static io.toneguard.media.rtcp.RtcpFixtures.REPORT_BLOCK_A;
import static io.toneguard.media.rtcp.RtcpFixtures.RR;
import static io.toneguard.media.rtcp.RtcpFixtures.SDES;
import static io.toneguard.media.rtcp.RtcpFixtures.SDES_TWO_CHUNKS;
import static io.toneguard.media.rtcp.RtcpFixtures.SR;
import static io.toneguard.media.rtcp.RtcpTestBuffers.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.testing.AllocationMeter;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtcpCompoundTest {

    private final RtcpTestBuffers buffers = new RtcpTestBuffers();

    @AfterEach
    void release() {
        buffers.close();
    }

    private RtcpValidation strict(String... hex) {
        return RtcpCompound.validate(buffers.hex(hex));
    }

    private RtcpValidation reduced(String... hex) {
        return RtcpCompound.validate(buffers.hex(hex), true);
    }

    // --- well-formed compounds

    @Test
    void srWithSdes() {
        ByteBuf buf = buffers.hex(SR, SDES);
        assertEquals(76, buf.readableBytes());
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf, false));
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf, true));
        assertEquals(0, buf.readerIndex());
        assertEquals(76, buf.writerIndex());
    }

    @Test
    void everyKindAfterAReport() {
        assertEquals(RtcpValidation.VALID, strict(RR, SDES_TWO_CHUNKS, BYE));
        assertEquals(RtcpValidation.VALID, strict(EMPTY_RR, SDES, APP, NACK, PLI, BYE));
        assertEquals(RtcpValidation.VALID, strict(SR));
        assertEquals(RtcpValidation.VALID, strict(EMPTY_RR));
        // XR (207) and unknown types are walked over by length
        assertEquals(RtcpValidation.VALID, strict(EMPTY_RR, "80 cf 00 02 11 22 33 44 00 00 00 00", "80 d0 00 00"));
        // SDES and BYE with no sources
        assertEquals(RtcpValidation.VALID, strict(EMPTY_RR, "80 ca 00 00", "80 cb 00 00"));
    }

    @Test
    void firstPacketMustBeAReportUnlessReducedSize() {
        for (String first : new String[] {SDES, BYE, APP, NACK, PLI}) {
            assertEquals(RtcpValidation.BAD_FIRST_PACKET, strict(first));
            assertEquals(RtcpValidation.BAD_FIRST_PACKET, strict(first, EMPTY_RR));
            assertEquals(RtcpValidation.VALID, reduced(first));
            assertEquals(RtcpValidation.VALID, reduced(first, EMPTY_RR));
        }
        assertEquals(RtcpValidation.VALID, reduced(PLI, NACK));
    }

    @Test
    void paddingOnTheLastPacket() {
        // SDES with P set, 4 padding octets (count in the last one): length 5 + 1 = 6
        String paddedSdes = "a1 ca 00 06 11 22 33 44 01 0c" + ascii("user@example") + "00 00" + "00 00 00 04";
        assertEquals(RtcpValidation.VALID, strict(SR, paddedSdes));
        // a lone packet is also the last one
        assertEquals(RtcpValidation.VALID, strict("a0 c9 00 02 99 88 77 66 00 00 00 04"));
        // padding may be up to the whole body after the header
        assertEquals(RtcpValidation.VALID, reduced("a0 cb 00 01 00 00 00 04"));
    }

    @Test
    void reportBlocksMayBeFollowedByProfileExtensions() {
        assertEquals(RtcpValidation.VALID, strict("80 c9 00 02 99 88 77 66 01 02 03 04"));
    }

    @Test
    void validatesTheReadableBytesOnly() {
        ByteBuf buf = buffers.hex("de ad be ef", EMPTY_RR, SDES);
        assertEquals(RtcpValidation.BAD_VERSION, RtcpCompound.validate(buf));
        buf.readerIndex(4);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        buf.writerIndex(buf.writerIndex() - 4);
        assertEquals(RtcpValidation.BAD_LENGTH, RtcpCompound.validate(buf));
        assertEquals(4, buf.readerIndex());
    }

    // --- malformed compounds: one case per rule

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name                                  | expected         | hex
        "empty                                   | TOO_SHORT        | ",
        "one byte                                | TOO_SHORT        | 80",
        "truncated first header                  | TOO_SHORT        | 80 c9 00",
        "header only, length says 8 bytes        | BAD_LENGTH       | 80 c9 00 01",
        "length past the end by one word         | BAD_LENGTH       | 80 c9 00 02 99 88 77 66",
        "length 0xffff                           | BAD_LENGTH       | 80 c9 ff ff 99 88 77 66",
        "version 1                               | BAD_VERSION      | 40 c9 00 01 99 88 77 66",
        "version 0                               | BAD_VERSION      | 00 c9 00 01 99 88 77 66",
        "version 3                               | BAD_VERSION      | c0 c9 00 01 99 88 77 66",
        "report count 1 without a block          | BAD_COUNT        | 81 c9 00 01 99 88 77 66",
        "RR shorter than its SSRC                | BAD_LENGTH       | 80 c9 00 00",
        "SR shorter than sender info             | BAD_LENGTH       | 80 c8 00 01 11 22 33 44",
        "padding count zero                      | BAD_PADDING      | a0 c9 00 02 99 88 77 66 00 00 00 00",
        "padding count larger than the packet    | BAD_PADDING      | a0 c9 00 02 99 88 77 66 00 00 00 0d",
        "padding count 255                       | BAD_PADDING      | a0 c9 00 02 99 88 77 66 00 00 00 ff",
        "padding eats the SSRC                   | BAD_LENGTH       | a0 c9 00 02 99 88 77 66 00 00 00 08",
    })
    void malformedSinglePackets(String name, RtcpValidation expected, String hex) {
        assertEquals(expected, strict(hex == null ? "" : hex), name);
        assertEquals(expected, reduced(hex == null ? "" : hex), name);
    }

    @Test
    void reportCountExceedingLength() {
        // RR claims 3 blocks, holds 2
        assertEquals(RtcpValidation.BAD_COUNT, strict(RR.replaceFirst("82", "83")));
        // SR claims 2 blocks, holds 1
        assertEquals(RtcpValidation.BAD_COUNT, strict(SR.replaceFirst("81", "82")));
        // RR with one block, but padding covers part of it
        assertEquals(RtcpValidation.BAD_COUNT,
                strict("a1 c9 00 07 99 88 77 66", "aa bb cc dd 40 ff ff fe 00 01 00 05 00 00 00 20 23 45 67 89", "00 00 00 04"));
        // the maximum count, 31, in a packet that holds one block
        assertEquals(RtcpValidation.BAD_COUNT, strict("9f c9 00 07 99 88 77 66", REPORT_BLOCK_A));
    }

    @Test
    void byeCountsAndReason() {
        assertEquals(RtcpValidation.BAD_COUNT, strict(EMPTY_RR, "83 cb 00 02 11 22 33 44 55 66 77 88"));
        assertEquals(RtcpValidation.BAD_COUNT, strict(EMPTY_RR, "81 cb 00 00"));
        // reason length 9 but only 7 octets follow
        assertEquals(RtcpValidation.BAD_LENGTH, strict(EMPTY_RR, "82 cb 00 04 11 22 33 44 55 66 77 88 09" + ascii("leaving")));
    }

    @Test
    void sdesChunksMustFit() {
        // SC=2 but one chunk
        assertEquals(RtcpValidation.BAD_COUNT, strict(EMPTY_RR, SDES.replaceFirst("81", "82")));
        // item length runs past the packet, no null terminator
        assertEquals(RtcpValidation.BAD_COUNT, strict(EMPTY_RR, "81 ca 00 02 11 22 33 44 01 7f 41 41"));
        // chunk with only an SSRC
        assertEquals(RtcpValidation.BAD_COUNT, strict(EMPTY_RR, "81 ca 00 01 11 22 33 44"));
        // chunk with an SSRC and a null item
        assertEquals(RtcpValidation.VALID, strict(EMPTY_RR, "81 ca 00 02 11 22 33 44 00 00 00 00"));
    }

    @Test
    void feedbackAndAppMinimumLengths() {
        assertEquals(RtcpValidation.BAD_LENGTH, reduced("81 cd 00 01 11 22 33 44"));
        assertEquals(RtcpValidation.BAD_LENGTH, reduced("81 ce 00 01 11 22 33 44"));
        assertEquals(RtcpValidation.BAD_LENGTH, strict(EMPTY_RR, "80 cc 00 01 11 22 33 44"));
    }

    @Test
    void lengthLeavingTrailingGarbage() {
        // lengths add up to less than the datagram
        assertEquals(RtcpValidation.TRAILING_BYTES, strict(EMPTY_RR, "de"));
        assertEquals(RtcpValidation.TRAILING_BYTES, strict(EMPTY_RR, "de ad be"));
        assertEquals(RtcpValidation.BAD_VERSION, strict(EMPTY_RR, "00 00 00 00"));
        assertEquals(RtcpValidation.BAD_VERSION, strict(SR, SDES, "de ad be ef"));
        // an APP whose length field is one word short leaves its data word behind
        assertEquals(RtcpValidation.BAD_VERSION, strict(EMPTY_RR, APP.replaceFirst("00 03", "00 02")));
        // an RR one word short no longer holds its two report blocks
        assertEquals(RtcpValidation.BAD_COUNT, strict(RR.replaceFirst("00 0d", "00 0c")));
        // truncated second header
        assertEquals(RtcpValidation.TRAILING_BYTES, strict(SR, "81 ca"));
    }

    @Test
    void lengthPastTheEndInALaterPacket() {
        assertEquals(RtcpValidation.BAD_LENGTH, strict(SR, SDES.replaceFirst("00 05", "00 06")));
        assertEquals(RtcpValidation.BAD_LENGTH, strict(EMPTY_RR, "81 ca 00 05 11 22 33 44"));
    }

    @Test
    void secondPacketWithWrongVersion() {
        assertEquals(RtcpValidation.BAD_VERSION, strict(EMPTY_RR, SDES.replaceFirst("81", "41")));
        assertEquals(RtcpValidation.BAD_VERSION, strict(EMPTY_RR, SDES.replaceFirst("81", "c1")));
    }

    @Test
    void paddingInANonLastPacket() {
        String paddedRr = "a0 c9 00 02 99 88 77 66 00 00 00 04";
        assertEquals(RtcpValidation.VALID, strict(paddedRr));
        assertEquals(RtcpValidation.BAD_PADDING, strict(paddedRr, SDES));
        assertEquals(RtcpValidation.BAD_PADDING, strict(SR, "a1 ca 00 06 11 22 33 44 01 0c" + ascii("user@example") + "00 00 00 00 00 04", BYE));
    }

    // --- iteration

    @Test
    void iteratesPacketOffsets() {
        ByteBuf buf = buffers.hex(SR, SDES, BYE, NACK);
        assertEquals(RtcpValidation.VALID, RtcpCompound.validate(buf));
        int[] expected = {0, 52, 76, 96};
        int[] types = {RtcpPacket.SR, RtcpPacket.SDES, RtcpPacket.BYE, RtcpPacket.RTPFB};
        int i = 0;
        for (int p = RtcpCompound.first(buf); p >= 0; p = RtcpCompound.next(buf, p)) {
            assertEquals(expected[i], p);
            assertEquals(types[i], RtcpPacket.packetType(buf, p));
            i++;
        }
        assertEquals(4, i);
        assertEquals(4, RtcpCompound.packetCount(buf));
        assertEquals(-1, RtcpCompound.next(buf, 96));
    }

    @Test
    void iterationRespectsTheReaderIndex() {
        ByteBuf buf = buffers.hex("00 00 00 00", EMPTY_RR, PLI);
        buf.readerIndex(4);
        assertEquals(4, RtcpCompound.first(buf));
        assertEquals(12, RtcpCompound.next(buf, 4));
        assertEquals(-1, RtcpCompound.next(buf, 12));
        assertEquals(-1, RtcpCompound.next(buf, 0));
        assertEquals(2, RtcpCompound.packetCount(buf));
    }

    @Test
    void iterationStopsOnGarbage() {
        assertEquals(-1, RtcpCompound.first(buffers.hex("80 c9")));
        ByteBuf lengthPastEnd = buffers.hex("80 c9 00 ff 99 88 77 66");
        assertEquals(0, RtcpCompound.first(lengthPastEnd));
        assertEquals(-1, RtcpCompound.next(lengthPastEnd, 0));
        ByteBuf zeros = buffers.hex("00 00 00 00 00 00 00 00");
        assertEquals(4, RtcpCompound.next(zeros, 0));
        assertEquals(-1, RtcpCompound.next(zeros, 4));
        assertEquals(-1, RtcpCompound.next(zeros, 6));
        assertEquals(-1, RtcpCompound.next(zeros, 100));
    }

    // --- robustness: never throws on network input

    @Test
    void randomAndMutatedInputNeverThrows() {
        Random random = new Random(4733);
        byte[] valid = io.netty.buffer.ByteBufUtil.decodeHexDump((SR + SDES + BYE + NACK + APP).replace(" ", ""));
        ByteBuf buf = Unpooled.buffer(256);
        try {
            int validCount = 0;
            for (int round = 0; round < 20_000; round++) {
                buf.clear();
                if (round % 2 == 0) {
                    byte[] mutated = valid.clone();
                    for (int k = 0; k <= random.nextInt(3); k++) {
                        mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    buf.writeBytes(mutated, 0, random.nextInt(mutated.length + 1));
                } else {
                    byte[] noise = new byte[random.nextInt(64)];
                    random.nextBytes(noise);
                    if (noise.length > 0) {
                        noise[0] = (byte) (0x80 | (noise[0] & 0x3F));
                    }
                    buf.writeBytes(noise);
                }
                boolean reducedSize = random.nextBoolean();
                RtcpValidation v = RtcpCompound.validate(buf, reducedSize);
                RtcpDemux.isRtcp(buf);
                if (v == RtcpValidation.VALID) {
                    validCount++;
                    readEverything(buf);
                }
            }
            assertTrue(validCount > 100, "valid mutations seen: " + validCount);
        } finally {
            buf.release();
        }
    }

    /** Reads every field a relay would touch; must not throw on a VALID compound. */
    @SuppressWarnings("fallthrough")
    private static long readEverything(ByteBuf buf) {
        long sum = 0;
        for (int p = RtcpCompound.first(buf); p >= 0; p = RtcpCompound.next(buf, p)) {
            int type = RtcpPacket.packetType(buf, p);
            sum += RtcpPacket.count(buf, p) + RtcpPacket.paddingLength(buf, p) + RtcpPacket.lengthInWords(buf, p);
            switch (type) {
                case RtcpPacket.SR:
                    sum += RtcpSenderReport.ntpTimestamp(buf, p) + RtcpSenderReport.octetCount(buf, p);
                    // fall through
                case RtcpPacket.RR:
                    sum += RtcpPacket.ssrc(buf, p);
                    for (int i = 0; i < RtcpPacket.count(buf, p); i++) {
                        int b = RtcpReportBlock.offset(buf, p, i);
                        sum += RtcpReportBlock.ssrc(buf, b) + RtcpReportBlock.cumulativeLost(buf, b)
                                + RtcpReportBlock.delaySinceLastSr(buf, b);
                    }
                    break;
                case RtcpPacket.SDES:
                    for (int i = 0; i < RtcpPacket.count(buf, p); i++) {
                        int c = RtcpSdes.chunkOffset(buf, p, i);
                        if (c <= p) {
                            throw new AssertionError("no chunk " + i);
                        }
                        sum += RtcpSdes.ssrc(buf, c);
                    }
                    break;
                case RtcpPacket.BYE:
                    for (int i = 0; i < RtcpBye.sourceCount(buf, p); i++) {
                        sum += RtcpBye.ssrc(buf, p, i);
                    }
                    break;
                case RtcpPacket.APP:
                case RtcpPacket.RTPFB:
                case RtcpPacket.PSFB:
                    sum += RtcpPacket.ssrc(buf, p) + buf.getInt(p + 8);
                    break;
                default:
                    break;
            }
        }
        return sum;
    }

    @Test
    void validationAndIterationDoNotAllocate() {
        byte[] bytes = io.netty.buffer.ByteBufUtil.decodeHexDump((RR + SDES_TWO_CHUNKS + BYE + PLI).replace(" ", ""));
        ByteBuf plain = Unpooled.wrappedBuffer(bytes);  // not leak-tracked
        try {
            long[] sink = new long[1];
            long allocated = AllocationMeter.allocatedBytes(() -> {
                for (int i = 0; i < 5_000; i++) {
                    if (RtcpCompound.validate(plain, (i & 1) == 0) == RtcpValidation.VALID && RtcpDemux.isRtcp(plain)) {
                        sink[0] += readEverything(plain);
                        RtcpSdes.setChunkSsrc(plain, 104, 1, 0x55667788);
                    }
                }
            });
            assertEquals(0, allocated, "bytes allocated");
            assertTrue(sink[0] != 0);
            assertArrayEquals(io.netty.buffer.ByteBufUtil.decodeHexDump((RR + SDES_TWO_CHUNKS + BYE + PLI).replace(" ", "")),
                    io.netty.buffer.ByteBufUtil.getBytes(plain));
        } finally {
            plain.release();
        }
    }
}
