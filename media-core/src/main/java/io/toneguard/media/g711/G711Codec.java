package io.toneguard.media.g711;

import io.netty.buffer.ByteBuf;

/**
 * G.711 companding laws, table-driven and bit-exact with ITU-T G.191 {@code g711.c}
 * ({@code ulaw_compress/ulaw_expand}, {@code alaw_compress/alaw_expand}), samples scaled to 16 bits.
 */
public enum G711Codec {

    /** PCMU: µ-law, RTP static payload type 0, digital silence 0xFF. */
    MU_LAW(0, (byte) 0xFF, G711Tables.ULAW_DECODE, G711Tables.ULAW_ENCODE, 2),
    /** PCMA: A-law, RTP static payload type 8, digital silence 0xD5. */
    A_LAW(8, (byte) 0xD5, G711Tables.ALAW_DECODE, G711Tables.ALAW_ENCODE, 4);

    private final int payloadType;
    private final byte silence;
    private final short[] decodeTable;
    private final byte[] encodeTable;
    private final int shift;
    private final int mask;

    G711Codec(int payloadType, byte silence, short[] decodeTable, byte[] encodeTable, int shift) {
        this.payloadType = payloadType;
        this.silence = silence;
        this.decodeTable = decodeTable;
        this.encodeTable = encodeTable;
        this.shift = shift;
        this.mask = encodeTable.length - 1;
    }

    /** The static RTP payload type (RFC 3551): 0 for µ-law, 8 for A-law. */
    public int payloadType() {
        return payloadType;
    }

    /** The code of digital silence (decodes to the smallest positive level): 0xFF µ-law, 0xD5 A-law. */
    public byte silence() {
        return silence;
    }

    /** The law for an RTP static payload type, or {@code null} if it is neither 0 nor 8. */
    public static G711Codec forPayloadType(int payloadType) {
        return payloadType == 0 ? MU_LAW : payloadType == 8 ? A_LAW : null;
    }

    /** Expands one code to a 16-bit linear sample. */
    public short decode(byte code) {
        return decodeTable[code & 0xFF];
    }

    /** Compresses one 16-bit linear sample (G.191 truncation: low 2 bits µ-law, low 4 bits A-law ignored). */
    public byte encode(short sample) {
        return encodeTable[(sample >> shift) & mask];
    }

    /**
     * Expands {@code n} codes read at absolute {@code src[srcIndex..]} into {@code dst[dstOff..]};
     * reader and writer indexes are unchanged.
     */
    public void decode(ByteBuf src, int srcIndex, short[] dst, int dstOff, int n) {
        checkRange(srcIndex, n, src.capacity());
        checkRange(dstOff, n, dst.length);
        short[] table = decodeTable;
        if (src.hasArray()) {
            byte[] a = src.array();
            int base = src.arrayOffset() + srcIndex;
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = table[a[base + i] & 0xFF];
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = table[src.getByte(srcIndex + i) & 0xFF];
            }
        }
    }

    /**
     * Compresses {@code n} samples from {@code src[off..]} into {@code dst} at absolute {@code dstIndex..};
     * reader and writer indexes are unchanged, so the caller sets the writer index.
     */
    public void encode(short[] src, int off, int n, ByteBuf dst, int dstIndex) {
        checkRange(off, n, src.length);
        checkRange(dstIndex, n, dst.capacity());
        byte[] table = encodeTable;
        int s = shift;
        int m = mask;
        if (dst.hasArray()) {
            byte[] a = dst.array();
            int base = dst.arrayOffset() + dstIndex;
            for (int i = 0; i < n; i++) {
                a[base + i] = table[(src[off + i] >> s) & m];
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst.setByte(dstIndex + i, table[(src[off + i] >> s) & m]);
            }
        }
    }

    private static void checkRange(int index, int n, int length) {
        if ((index | n) < 0 || index > length - n) {
            throw new IndexOutOfBoundsException("index: " + index + ", n: " + n + ", length: " + length);
        }
    }
}
