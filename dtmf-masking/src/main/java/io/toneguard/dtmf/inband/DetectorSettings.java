package io.toneguard.dtmf.inband;

/**
 * Thresholds of the in-band detector, in one place. Two sets of tests run on every analysis
 * window: strict ones (ITU-T Q.24 grade) decide digits, lenient ones decide what the masker hides.
 * Every lenient threshold must be looser than its strict counterpart, so a digit is always masked.
 *
 * @param minToneDbm0 weakest tone (each of the pair) accepted as a digit, dBm0
 * @param maxNormalTwistDb how much stronger the low tone may be than the high tone
 * @param maxReverseTwistDb how much stronger the high tone may be than the low tone
 * @param minRelativePeakDb how far each tone must stand above the other frequencies of its group
 * @param minToneToTotal share of the window's energy the two tones must carry (energy ratio test)
 * @param maxHarmonicDb second harmonic of either tone relative to the tone, at most (talk-off guard)
 * @param minSteadyShare share of the newest 30 ms that two steady sinusoids, at the frequencies
 *     measured from the tones' phase advance, must carry before a digit is confirmed (talk-off
 *     guard: speech harmonics drift in frequency and level, key tones do not); 0 turns it off
 * @param confirmMillis how long agreeing analysis windows (one every 2.5 ms) must follow each
 *     other before a digit is reported; with 15 ms windows, 22.5 ms accepts 40 ms tones and
 *     rejects 20 ms ones
 * @param endGapMillis how long windows must disagree to end a digit; shorter gaps (drop-outs)
 *     are bridged
 * @param suspectMinToneDbm0 lenient level for masking
 * @param suspectMaxTwistDb lenient twist, either way, for masking
 * @param suspectMinToneToTotal lenient energy ratio for masking
 * @param suspectMinRelativePeakDb lenient relative peak for masking
 * @param suspectMaxHarmonicDb lenient second-harmonic limit for masking (speech has harmonics)
 */
public record DetectorSettings(
        double minToneDbm0,
        double maxNormalTwistDb,
        double maxReverseTwistDb,
        double minRelativePeakDb,
        double minToneToTotal,
        double maxHarmonicDb,
        double confirmMillis,
        double endGapMillis,
        double suspectMinToneDbm0,
        double suspectMaxTwistDb,
        double suspectMinToneToTotal,
        double suspectMinRelativePeakDb,
        double suspectMaxHarmonicDb,
        double minSteadyShare) {

    /**
     * Q.24 acceptance with a strong talk-off guard: what reports digits to a capture. Measured
     * (docs/masking.md, "Talk-off, per corpus"): 0 false digits in 6.5 hours of speech in 17 languages, as
     * recorded and pitch-shifted, where a relative peak of 5 dB or a steadiness share of 0.65 each give
     * one; 620 of 640 keys keyed under speech 10 dB below them.
     */
    public static final DetectorSettings DEFAULT = new DetectorSettings(
            -33, 9, 5, 6, 0.6, -12, 22.5, 37.5,
            -45, 16, 0.50, 0, -6, 0.75);

    /**
     * As sensitive as the detector goes, for checking that masked audio carries nothing
     * decodable: weak tones, wide twist, short tones (about 20 ms), no frequency-harmonic test, no
     * steadiness test.
     */
    public static final DetectorSettings MOST_SENSITIVE = new DetectorSettings(
            -45, 16, 12, 3, 0.40, 100, 5, 10,
            -50, 20, 0.30, 0, 100, 0);

    public DetectorSettings {
        if (minSteadyShare < 0 || minSteadyShare >= 1) {
            throw new IllegalArgumentException("minSteadyShare must be in [0, 1)");
        }
        if (confirmMillis <= 0 || endGapMillis <= 0) {
            throw new IllegalArgumentException("confirmMillis and endGapMillis must be positive");
        }
        if (suspectMinToneDbm0 > minToneDbm0 || suspectMinToneToTotal > minToneToTotal
                || suspectMinRelativePeakDb > minRelativePeakDb || suspectMaxHarmonicDb < maxHarmonicDb
                || suspectMaxTwistDb < Math.max(maxNormalTwistDb, maxReverseTwistDb)) {
            throw new IllegalArgumentException("masking (suspect) thresholds must be looser than digit thresholds");
        }
    }
}
