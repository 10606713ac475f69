package io.toneguard.media.g711;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.toneguard.media.testing.AllocationMeter;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class G711CodecTest {

    // --- reference values from the G.711 tables (µ-law Table 2a in 1/8159 units x4, A-law Table 1a in 1/4096 units x8)

    @ParameterizedTest(name = "mu-law 0x{0} -> {1} x 4")
    @CsvSource({
        // code, G.711 decoder output value (14-bit scale); first and last code of each segment
        "FF, 0", "FE, 2", "F0, 30",
        "EF, 33", "E0, 93",
        "DF, 99", "D0, 219",
        "CF, 231", "C0, 471",
        "BF, 495", "B0, 975",
        "AF, 1023", "A0, 1983",
        "9F, 2079", "90, 3999",
        "8F, 4191", "80, 8031",
        // negative half: same magnitudes, sign bit clear; 0x7F is negative zero
        "7F, 0", "7E, -2", "70, -30", "6F, -33", "0F, -4191", "00, -8031",
    })
    void muLawDecodeMatchesG711Table(String code, int g711Value) {
        assertEquals(g711Value * 4, G711Codec.MU_LAW.decode((byte) Integer.parseInt(code, 16)));
    }

    @ParameterizedTest(name = "A-law 0x{0} -> {1} x 8")
    @CsvSource({
        // code, G.711 decoder output value (12-bit + half step scale); even bits inverted on the line
        "D5, 1", "D4, 3", "DA, 31",
        "C5, 33", "CA, 63",
        "F5, 66", "FA, 126",
        "E5, 132", "EA, 252",
        "95, 264", "9A, 504",
        "85, 528", "8A, 1008",
        "B5, 1056", "BA, 2016",
        "A5, 2112", "AA, 4032",
        "55, -1", "54, -3", "25, -2112", "2A, -4032",
    })
    void aLawDecodeMatchesG711Table(String code, int g711Value) {
        assertEquals(g711Value * 8, G711Codec.A_LAW.decode((byte) Integer.parseInt(code, 16)));
    }

    @ParameterizedTest(name = "mu-law encode {0} -> 0x{1}")
    @CsvSource({
        // G.711 µ-law decision values d (14-bit) fall at 16-bit sample 4d; G.191 truncates the low two bits
        "0, FF", "3, FF", "4, FE", "11, FE", "12, FD",
        "123, F0", "124, EF",            // decision value 31: segment 1 -> 2
        "31611, 81", "31612, 80",        // decision value 7903: last code
        "32767, 80",
        // negatives use the one's complement (G.191): -1..-4 are the negative zero code
        "-1, 7F", "-4, 7F", "-5, 7E", "-124, 70", "-125, 6F",
        "-32768, 00",
    })
    void muLawEncodeAtDecisionValues(int sample, String code) {
        assertEquals((byte) Integer.parseInt(code, 16), G711Codec.MU_LAW.encode((short) sample));
    }

    @ParameterizedTest(name = "A-law encode {0} -> 0x{1}")
    @CsvSource({
        // G.711 A-law decision values d (4096 scale) fall at 16-bit sample 8d; G.191 truncates the low four bits
        "0, D5", "15, D5", "16, D4",
        "255, DA", "256, C5",             // decision value 32: segment 1 -> 2
        "31743, AB", "31744, AA",         // decision value 3968: last code
        "32767, AA",
        "-1, 55", "-16, 55", "-17, 54", "-32768, 2A",
    })
    void aLawEncodeAtDecisionValues(int sample, String code) {
        assertEquals((byte) Integer.parseInt(code, 16), G711Codec.A_LAW.encode((short) sample));
    }

    // --- exhaustive comparison with the G.191 reference algorithm

    @Test
    void muLawMatchesG191ForEveryInput() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals((byte) G191Reference.linear2ulaw((short) s), G711Codec.MU_LAW.encode((short) s), "sample " + s);
        }
        for (int c = 0; c < 256; c++) {
            assertEquals(G191Reference.ulaw2linear(c), G711Codec.MU_LAW.decode((byte) c), "code " + c);
        }
    }

    @Test
    void aLawMatchesG191ForEveryInput() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals((byte) G191Reference.linear2alaw((short) s), G711Codec.A_LAW.encode((short) s), "sample " + s);
        }
        for (int c = 0; c < 256; c++) {
            assertEquals(G191Reference.alaw2linear(c), G711Codec.A_LAW.decode((byte) c), "code " + c);
        }
    }

    @Test
    void referencePortAgreesWithPublishedEndpoints() {
        // guards the port itself against a transcription slip
        assertEquals(32124, G191Reference.ulaw2linear(0x80));
        assertEquals(-32124, G191Reference.ulaw2linear(0x00));
        assertEquals(0, G191Reference.ulaw2linear(0xFF));
        assertEquals(0, G191Reference.ulaw2linear(0x7F));
        assertEquals(8, G191Reference.alaw2linear(0xD5));
        assertEquals(-8, G191Reference.alaw2linear(0x55));
        assertEquals(32256, G191Reference.alaw2linear(0xAA));
        assertEquals(-32256, G191Reference.alaw2linear(0x2A));
        assertEquals(0xFF, G191Reference.linear2ulaw((short) 0));
        assertEquals(0x7F, G191Reference.linear2ulaw((short) -1));
        assertEquals(0xD5, G191Reference.linear2alaw((short) 0));
        assertEquals(0x55, G191Reference.linear2alaw((short) -1));
    }

    // --- round trip and shape

    @Test
    void muLawRoundTripIsIdentityExceptNegativeZero() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            byte back = G711Codec.MU_LAW.encode(G711Codec.MU_LAW.decode(code));
            assertEquals(c == 0x7F ? (byte) 0xFF : code, back, "code " + c);
        }
    }

    @Test
    void aLawRoundTripIsIdentity() {
        for (int c = 0; c < 256; c++) {
            assertEquals((byte) c, G711Codec.A_LAW.encode(G711Codec.A_LAW.decode((byte) c)), "code " + c);
        }
    }

    @Test
    void muLawDecodeIsMonotonicWithSegmentSteps() {
        // magnitude index k = 0..127: positive code 0xFF - k, negative code 0x7F - k
        int previous = -1;
        for (int k = 0; k < 128; k++) {
            int positive = G711Codec.MU_LAW.decode((byte) (0xFF - k));
            int negative = G711Codec.MU_LAW.decode((byte) (0x7F - k));
            assertEquals(-positive, negative, "symmetry at " + k);
            if (k > 0) {
                int segment = k >> 4;
                int step = (k & 0xF) == 0 ? -1 : 8 << segment;  // inside a segment the step is constant
                assertTrue(positive > previous, "monotonic at " + k);
                if (step > 0) {
                    assertEquals(step, positive - previous, "step at " + k);
                }
            }
            previous = positive;
        }
    }

    @Test
    void aLawDecodeIsMonotonicWithSegmentSteps() {
        int previous = 0;
        for (int k = 0; k < 128; k++) {
            int positive = G711Codec.A_LAW.decode((byte) ((0x80 | k) ^ 0x55));
            int negative = G711Codec.A_LAW.decode((byte) (k ^ 0x55));
            assertEquals(-positive, negative, "symmetry at " + k);
            assertTrue(positive > previous, "monotonic at " + k);
            int segment = k >> 4;
            int step = segment <= 1 ? 16 : 16 << (segment - 1);
            if (k > 0 && ((k & 0xF) != 0 || segment == 1)) {
                assertEquals(step, positive - previous, "step at " + k);
            }
            previous = positive;
        }
    }

    @Test
    void encodeIsMonotonic() {
        for (G711Codec law : G711Codec.values()) {
            int previous = Integer.MIN_VALUE;
            for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
                int level = law.decode(law.encode((short) s));
                assertTrue(level >= previous, law + " at " + s);
                previous = level;
            }
        }
    }

    @Test
    void payloadTypesAndSilence() {
        assertEquals(0, G711Codec.MU_LAW.payloadType());
        assertEquals(8, G711Codec.A_LAW.payloadType());
        assertEquals((byte) 0xFF, G711Codec.MU_LAW.silence());
        assertEquals((byte) 0xD5, G711Codec.A_LAW.silence());
        assertEquals(0, G711Codec.MU_LAW.decode(G711Codec.MU_LAW.silence()));
        assertEquals(8, G711Codec.A_LAW.decode(G711Codec.A_LAW.silence()));
        assertEquals(G711Codec.MU_LAW.silence(), G711Codec.MU_LAW.encode((short) 0));
        assertEquals(G711Codec.A_LAW.silence(), G711Codec.A_LAW.encode((short) 0));
        assertSame(G711Codec.MU_LAW, G711Codec.forPayloadType(0));
        assertSame(G711Codec.A_LAW, G711Codec.forPayloadType(8));
        assertNull(G711Codec.forPayloadType(101));
    }

    // --- bulk operations

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct", "pooledHeap", "pooledDirect", "readOnly"})
    void bulkMatchesScalarOnEveryBufferKind(String kind) {
        for (G711Codec law : G711Codec.values()) {
            ByteBuf codes = newBuffer(kind.equals("readOnly") ? "heap" : kind, 300);
            try {
                for (int c = 0; c < 256; c++) {
                    codes.setByte(10 + c, c);
                }
                ByteBuf src = kind.equals("readOnly") ? codes.asReadOnly() : codes;
                short[] pcm = new short[260];
                src.writerIndex(7).readerIndex(3);
                law.decode(src, 10, pcm, 2, 256);
                assertEquals(3, src.readerIndex());
                assertEquals(7, src.writerIndex());
                for (int c = 0; c < 256; c++) {
                    assertEquals(law.decode((byte) c), pcm[2 + c]);
                }
                if (kind.equals("readOnly")) {
                    continue;
                }
                ByteBuf out = newBuffer(kind, 300);
                try {
                    out.writerIndex(5);
                    law.encode(pcm, 2, 256, out, 20);
                    assertEquals(0, out.readerIndex());
                    assertEquals(5, out.writerIndex());
                    for (int c = 0; c < 256; c++) {
                        assertEquals(law.encode(pcm[2 + c]), out.getByte(20 + c));
                    }
                    assertEquals(0, out.getByte(19));
                    assertEquals(0, out.getByte(276));
                } finally {
                    out.release();
                }
            } finally {
                codes.release();
            }
        }
    }

    @Test
    void bulkEncodeOfEverySampleMatchesScalar() {
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        ByteBuf out = Unpooled.directBuffer(65536);
        try {
            for (G711Codec law : G711Codec.values()) {
                law.encode(pcm, 0, pcm.length, out, 0);
                for (int i = 0; i < pcm.length; i++) {
                    assertEquals(law.encode(pcm[i]), out.getByte(i));
                }
            }
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @EnumSource(G711Codec.class)
    void bulkRejectsRangesOutsideBuffers(G711Codec law) {
        ByteBuf buf = Unpooled.buffer(16, 16);
        try {
            short[] pcm = new short[16];
            assertThrows(IndexOutOfBoundsException.class, () -> law.decode(buf, 1, pcm, 0, 16));
            assertThrows(IndexOutOfBoundsException.class, () -> law.decode(buf, 0, pcm, 1, 16));
            assertThrows(IndexOutOfBoundsException.class, () -> law.decode(buf, -1, pcm, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> law.decode(buf, 0, pcm, 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> law.encode(pcm, 0, 16, buf, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> law.encode(pcm, 1, 16, buf, 0));
            law.decode(buf, 16, pcm, 16, 0);
            law.encode(pcm, 16, 0, buf, 16);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @EnumSource(G711Codec.class)
    void bulkAndScalarDoNotAllocate(G711Codec law) {
        // wrapped buffers are not leak-tracked: paranoid tracking itself allocates on every access
        ByteBuf heap = Unpooled.wrappedBuffer(new byte[160]);
        ByteBuf direct = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(160));
        short[] pcm = new short[160];
        try {
            long bytes = AllocationMeter.allocatedBytes(() -> {
                for (int i = 0; i < 2000; i++) {
                    law.decode(heap, 0, pcm, 0, 160);
                    law.encode(pcm, 0, 160, heap, 0);
                    law.decode(direct, 0, pcm, 0, 160);
                    law.encode(pcm, 0, 160, direct, 0);
                    pcm[i % 160] = law.decode(law.encode((short) i));
                }
            });
            assertEquals(0, bytes, "bytes allocated");
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void tablesAreNotShared() {
        short[] pcm = new short[256];
        ByteBuf codes = Unpooled.buffer(256);
        try {
            for (int c = 0; c < 256; c++) {
                codes.setByte(c, c);
            }
            G711Codec.MU_LAW.decode(codes, 0, pcm, 0, 256);
            short[] again = new short[256];
            for (int c = 0; c < 256; c++) {
                again[c] = G711Codec.MU_LAW.decode((byte) c);
            }
            assertArrayEquals(again, pcm);
        } finally {
            codes.release();
        }
    }

    private static ByteBuf newBuffer(String kind, int capacity) {
        ByteBuf buf = switch (kind) {
            case "heap" -> Unpooled.buffer(capacity);
            case "direct" -> Unpooled.directBuffer(capacity);
            case "pooledHeap" -> PooledByteBufAllocator.DEFAULT.heapBuffer(capacity);
            case "pooledDirect" -> PooledByteBufAllocator.DEFAULT.directBuffer(capacity);
            default -> throw new IllegalArgumentException(kind);
        };
        buf.setZero(0, capacity);
        return buf;
    }
}
