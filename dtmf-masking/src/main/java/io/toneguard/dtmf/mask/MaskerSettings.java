package io.toneguard.dtmf.mask;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;

/**
 * Options of the masker.
 *
 * @param delayMillis the delay line: how late the agent hears the caller. It must cover the
 *     detector's 10 ms suspect window and the three 2.5 ms hops that confirm a suspicion
 *     (17.5 ms); what is left becomes the margin masked before each tone's first suspicious
 *     window. 20 ms, the default, leaves 2.5 ms.
 * @param postMarginMillis how long masking continues after the last window that looked like a tone
 * @param mode the replacement audio
 * @param detector the detector's thresholds
 */
public record MaskerSettings(double delayMillis, double postMarginMillis, ReplacementMode mode, DetectorSettings detector) {
    /** Shortest delay that still lets masking start at or before a tone's first sample. */
    public static final double MIN_DELAY_MILLIS =
            InbandDtmfDetector.MASK_LOOKBACK * 1000.0 / InbandDtmfDetector.SAMPLE_RATE;

    public static final MaskerSettings DEFAULT = new MaskerSettings(20, 10, ReplacementMode.FLAT_TONE, DetectorSettings.DEFAULT);

    public MaskerSettings {
        if (!(delayMillis >= MIN_DELAY_MILLIS && delayMillis <= 200)) { // also refuses NaN
            throw new IllegalArgumentException("delay must be " + MIN_DELAY_MILLIS + "-200 ms, was " + delayMillis);
        }
        if (!(postMarginMillis >= 0 && postMarginMillis <= 200)) {
            throw new IllegalArgumentException("post margin must be 0-200 ms, was " + postMarginMillis);
        }
        if (mode == null || detector == null) {
            throw new IllegalArgumentException("mode and detector are required");
        }
    }

    public int delaySamples() {
        return (int) Math.round(delayMillis * InbandDtmfDetector.SAMPLE_RATE / 1000.0);
    }

    /** Margin masked before a tone's first suspicious window: what the delay leaves beyond window + hop. */
    public int preMarginSamples() {
        return delaySamples() - InbandDtmfDetector.MASK_LOOKBACK;
    }

    public int postMarginSamples() {
        return (int) Math.round(postMarginMillis * InbandDtmfDetector.SAMPLE_RATE / 1000.0);
    }

    public MaskerSettings withMode(ReplacementMode m) {
        return new MaskerSettings(delayMillis, postMarginMillis, m, detector);
    }

    public MaskerSettings withDelayMillis(double d) {
        return new MaskerSettings(d, postMarginMillis, mode, detector);
    }
}
