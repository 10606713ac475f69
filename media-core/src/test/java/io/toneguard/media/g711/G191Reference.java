package io.toneguard.media.g711;

/**
 * A literal port of the ITU-T G.191 STL {@code g711.c} reference (segment search, C short arithmetic),
 * kept independent of {@link G711Tables}, for exhaustive comparison.
 */
final class G191Reference {

    private G191Reference() {
    }

    /** {@code alaw_compress} for one sample. */
    static int linear2alaw(short lin) {
        short ix = (short) (lin < 0 ? (~lin) >> 4 : lin >> 4);
        if (ix > 15) {
            short iexp = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                iexp++;
            }
            ix -= 16;
            ix += (short) (iexp << 4);
        }
        if (lin >= 0) {
            ix |= 0x0080;
        }
        return (ix ^ 0x0055) & 0xFF;
    }

    /** {@code alaw_expand} for one code. */
    static short alaw2linear(int log) {
        short ix = (short) (log ^ 0x0055);
        ix &= 0x007F;
        short iexp = (short) (ix >> 4);
        short mant = (short) (ix & 0x000F);
        if (iexp > 0) {
            mant = (short) (mant + 16);
        }
        mant = (short) ((mant << 4) + 0x0008);
        if (iexp > 1) {
            mant = (short) (mant << (iexp - 1));
        }
        return (short) (log > 127 ? mant : -mant);
    }

    /** {@code ulaw_compress} for one sample. */
    static int linear2ulaw(short lin) {
        short absno = (short) (lin < 0 ? ((~lin) >> 2) + 33 : (lin >> 2) + 33);
        if (absno > 0x1FFF) {
            absno = 0x1FFF;
        }
        short i = (short) (absno >> 6);
        short segno = 1;
        while (i != 0) {
            segno++;
            i >>= 1;
        }
        short highNibble = (short) (0x0008 - segno);
        short lowNibble = (short) ((absno >> segno) & 0x000F);
        lowNibble = (short) (0x000F - lowNibble);
        int log = (highNibble << 4) | lowNibble;
        if (lin >= 0) {
            log |= 0x0080;
        }
        return log & 0xFF;
    }

    /** {@code ulaw_expand} for one code. */
    static short ulaw2linear(int log) {
        short sign = (short) (log < 0x0080 ? -1 : 1);
        short mantissa = (short) ~log;
        short exponent = (short) ((mantissa >> 4) & 0x0007);
        short segment = (short) (exponent + 1);
        mantissa = (short) (mantissa & 0x000F);
        short step = (short) (4 << segment);
        return (short) (sign * ((0x0080 << exponent) + step * mantissa + step / 2 - 4 * 33));
    }
}
