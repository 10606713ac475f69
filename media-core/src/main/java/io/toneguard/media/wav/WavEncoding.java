package io.toneguard.media.wav;

import io.toneguard.media.g711.G711Codec;

/** Sample encodings ToneGuard reads and writes. */
public enum WavEncoding {
    PCM16(1, 16),
    ALAW(6, 8),
    MULAW(7, 8);

    private final int formatTag;
    private final int bitsPerSample;

    WavEncoding(int formatTag, int bitsPerSample) {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    /** The WAVE format tag (1 PCM, 6 A-law, 7 mu-law). */
    public int formatTag() {
        return formatTag;
    }

    public int bitsPerSample() {
        return bitsPerSample;
    }

    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** The G.711 codec of a companded encoding, null for PCM16. */
    public G711Codec codec() {
        return switch (this) {
            case ALAW -> G711Codec.A_LAW;
            case MULAW -> G711Codec.MU_LAW;
            case PCM16 -> null;
        };
    }
}
