package io.toneguard.media.wav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds RIFF/WAVE files chunk by chunk, including damaged ones, for the reader's tests. */
final class WavBytes {
    private WavBytes() {
    }

    /** A RIFF/WAVE file of the given chunks (each already built by {@link #chunk}). */
    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteBuffer b = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray());
        return b.array();
    }

    /** One chunk: id, size, body and the pad byte that follows an odd-sized body. */
    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose size field says {@code declaredSize}, whatever the body's real length. */
    static byte[] chunk(String id, long declaredSize, byte[] body) {
        int pad = body.length & 1;
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize).put(body);
        return b.array();
    }

    /** A plain 16-byte fmt chunk. */
    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return chunk("fmt ", fmtBody(tag, channels, rate, bits, 16).array());
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int bits) {
        ByteBuffer b = fmtBody(0xFFFE, channels, rate, bits, 40);
        b.putShort((short) 22) // cbSize
                .putShort((short) bits) // valid bits per sample
                .putInt(channels == 1 ? 0x4 : 0x3) // channel mask: front centre / front left+right
                .putShort((short) subTag)
                // rest of KSDATAFORMAT_SUBTYPE_*: 0000-0010-8000-00aa00389b71
                .putShort((short) 0x0000).putShort((short) 0x0010)
                .put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    private static ByteBuffer fmtBody(int tag, int channels, int rate, int bits, int size) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
    }

    static byte[] data(byte[] body) {
        return chunk("data", body);
    }

    /** PCM16 little-endian bytes of the samples. */
    static byte[] pcm16(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
