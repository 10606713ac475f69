package io.toneguard.server.cli;

import io.toneguard.media.wav.WavAudio;

/**
 * What {@link WavMasker} produced: the masked audio and how much of it was replaced.
 *
 * @param audio the masked audio, as long as the input and in its encoding
 * @param maskedSamples samples replaced
 * @param lateSamples samples that should have been masked but were already out (0 unless the delay is too short)
 * @param delaySamples the masker's delay line, which the live pipeline would add
 */
public record MaskResult(WavAudio audio, long maskedSamples, long lateSamples, int delaySamples) {
    public long maskedMillis() {
        return maskedSamples * 1000 / audio.sampleRate();
    }

    /** Share of the audio that was masked, 0-100. */
    public double maskedPercent() {
        int n = audio.samples().length;
        return n == 0 ? 0 : 100.0 * maskedSamples / n;
    }

    public double delayMillis() {
        return delaySamples * 1000.0 / audio.sampleRate();
    }
}
