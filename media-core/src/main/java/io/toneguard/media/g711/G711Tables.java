package io.toneguard.media.g711;

/**
 * The four G.711 lookup tables, computed once at class load from the closed-form segment formulas.
 * Not API: {@link G711Codec} is the only user.
 */
final class G711Tables {

    /** µ-law decode: code (0-255) to 16-bit linear. */
    static final short[] ULAW_DECODE = new short[256];
    /** A-law decode: code (0-255) to 16-bit linear. */
    static final short[] ALAW_DECODE = new short[256];
    /** µ-law encode, indexed by the 14-bit sample {@code (s >> 2) & 0x3FFF}. */
    static final byte[] ULAW_ENCODE = new byte[1 << 14];
    /** A-law encode, indexed by the 12-bit sample {@code (s >> 4) & 0x0FFF}; G.191 drops the low four bits. */
    static final byte[] ALAW_ENCODE = new byte[1 << 12];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = ulawDecode(code);
            ALAW_DECODE[code] = alawDecode(code);
        }
        for (int i = 0; i < ULAW_ENCODE.length; i++) {
            ULAW_ENCODE[i] = ulawEncode((i << 18) >> 18);
        }
        for (int i = 0; i < ALAW_ENCODE.length; i++) {
            ALAW_ENCODE[i] = alawEncode((i << 20) >> 20);
        }
    }

    private G711Tables() {
    }

    /** µ-law: magnitude = ((2 * mantissa + 33) << exponent) - 33 in 14-bit units, times 4. */
    private static short ulawDecode(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x7;
        int mantissa = u & 0xF;
        int magnitude = (((2 * mantissa + 33) << exponent) - 33) << 2;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /** A-law: magnitude = 2 * mantissa + 1 (segment 0) or (2 * mantissa + 33) << (exponent - 1), in 13-bit units, times 8. */
    private static short alawDecode(int code) {
        int a = code ^ 0x55;
        int exponent = (a >> 4) & 0x7;
        int mantissa = a & 0xF;
        int magnitude = exponent == 0 ? 2 * mantissa + 1 : (2 * mantissa + 33) << (exponent - 1);
        magnitude <<= 3;
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    /** µ-law for a signed 14-bit sample; negatives use the one's complement magnitude, as G.191 does. */
    private static byte ulawEncode(int v) {
        int magnitude = v >= 0 ? v : ~v;
        int biased = Math.min(magnitude + 33, 0x1FFF);
        int exponent = (31 - Integer.numberOfLeadingZeros(biased)) - 5;
        int mantissa = (biased >> (exponent + 1)) & 0xF;
        int code = ~((exponent << 4) | mantissa) & 0x7F;
        return (byte) (v >= 0 ? code | 0x80 : code);
    }

    /** A-law for a signed 12-bit sample; negatives use the one's complement magnitude, as G.191 does. */
    private static byte alawEncode(int v) {
        int magnitude = v >= 0 ? v : ~v;
        int code;
        if (magnitude < 16) {
            code = magnitude;
        } else {
            int exponent = (31 - Integer.numberOfLeadingZeros(magnitude)) - 3;
            code = (exponent << 4) | ((magnitude >> (exponent - 1)) & 0xF);
        }
        if (v >= 0) {
            code |= 0x80;
        }
        return (byte) (code ^ 0x55);
    }
}
