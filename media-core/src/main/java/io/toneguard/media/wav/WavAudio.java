package io.toneguard.media.wav;

/**
 * Decoded mono telephone audio and the encoding it came in (so a rewritten file can keep it).
 *
 * @param encoding how the samples were (or will be) stored
 * @param sampleRate samples per second (ToneGuard works at 8000)
 * @param samples 16-bit linear samples
 */
public record WavAudio(WavEncoding encoding, int sampleRate, short[] samples) {
    /** Duration in milliseconds. */
    public long durationMillis() {
        return samples.length * 1000L / sampleRate;
    }
}
