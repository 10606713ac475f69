package io.toneguard.ivr.prompt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Minimal WAV files of any format, good or bad, for prompt set tests. */
public final class TestWavs {
    private TestWavs() {
    }

    /** A plain RIFF/WAVE file: fmt chunk with these fields, then {@code data}. */
    public static byte[] wav(int tag, int channels, int rate, int bits, byte[] data) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    /** 16-bit PCM, 8 kHz mono, of these samples. */
    public static byte[] pcm16(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return wav(1, 1, 8000, 16, b.array());
    }

    /** A 440 Hz tone of {@code n} samples at 8 kHz. */
    public static short[] tone(int n, int amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return s;
    }
}
