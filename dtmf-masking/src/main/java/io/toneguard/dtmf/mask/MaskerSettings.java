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

    /** Longest delay line (and post margin) accepted: a caller heard later than this is a bad call. */
    public static final double MAX_MILLIS = 200;

    public static final MaskerSettings DEFAULT = new MaskerSettings(20, 10, ReplacementMode.FLAT_TONE, DetectorSettings.DEFAULT);

    public MaskerSettings {
        String problem = delayProblem(delayMillis);
        if (problem != null) {
            throw new IllegalArgumentException("delay " + problem);
        }
        problem = postMarginProblem(postMarginMillis);
        if (problem != null) {
            throw new IllegalArgumentException("post margin " + problem);
        }
        if (mode == null || detector == null) {
            throw new IllegalArgumentException("mode and detector are required");
        }
    }

    /**
     * What is wrong with a delay of {@code millis}, as the end of a sentence ("must be ..., was ..."), or
     * null when it is in range: the one check every way in (configuration, command line, code) uses.
     */
    public static String delayProblem(double millis) {
        if (millis >= MIN_DELAY_MILLIS && millis <= MAX_MILLIS) { // NaN fails both
            return null;
        }
        return "must be " + MIN_DELAY_MILLIS + "-" + (int) MAX_MILLIS + " ms (the detector needs " + MIN_DELAY_MILLIS
                + " ms to mask a tone from its first sample), was " + millis;
    }

    /** As {@link #delayProblem}, for the post margin. */
    public static String postMarginProblem(double millis) {
        if (millis >= 0 && millis <= MAX_MILLIS) {
            return null;
        }
        return "must be 0-" + (int) MAX_MILLIS + " ms, was " + millis;
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
