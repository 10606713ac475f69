package io.toneguard.server.cli;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.inband.InbandListener;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ToneMasker;
import io.toneguard.media.wav.WavAudio;
import java.util.Arrays;

/**
 * Runs the live pipeline's {@link ToneMasker} over a recording, in 20 ms frames, and returns audio
 * of the same length and alignment: the input is followed by the delay line's worth of silence and
 * the first delay's worth of output (the line filling up) is dropped.
 */
public final class WavMasker {

    private final MaskerSettings settings;

    public WavMasker(MaskerSettings settings) {
        this.settings = settings;
    }

    /** Masks {@code audio}, which must be at the detector's rate (8 kHz). */
    public MaskResult mask(WavAudio audio) {
        if (audio.sampleRate() != InbandDtmfDetector.SAMPLE_RATE) {
            throw new IllegalArgumentException("the masker needs 8000 Hz audio, got " + audio.sampleRate() + " Hz");
        }
        ToneMasker masker = new ToneMasker(settings, InbandListener.NONE);
        int delay = masker.delaySamples();
        int n = audio.samples().length;
        short[] in = Arrays.copyOf(audio.samples(), n + delay); // delay samples of silence flush the line
        short[] out = new short[in.length];
        long maskedWhileFilling = 0;
        int off = 0;
        while (off < in.length) {
            int len = Math.min(WavScanner.FRAME, in.length - off);
            if (off < delay && off + len > delay) {
                len = delay - off; // end one frame where the kept output starts, to count only what is kept
            }
            masker.process(in, off, len, out, off);
            off += len;
            if (off == delay) {
                maskedWhileFilling = masker.maskedSamples();
            }
        }
        WavAudio masked = new WavAudio(audio.encoding(), audio.sampleRate(), Arrays.copyOfRange(out, delay, delay + n));
        return new MaskResult(masked, masker.maskedSamples() - maskedWhileFilling, masker.lateSamples(), delay);
    }
}
