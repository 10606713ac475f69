package io.toneguard.dtmf.mask;

/**
 * Generates the replacement audio, continuous across masked stretches (the flat tone keeps its
 * phase, so there are no clicks inside a masked region). No allocation.
 */
final class ReplacementAudio {
    /** Flat tone frequency: 500 Hz, far from every DTMF frequency, an exact 16-sample period at 8 kHz. */
    static final int FLAT_TONE_HZ = 500;
    /** Flat tone level: -20 dBm0. */
    static final double FLAT_TONE_DBM0 = -20;
    /** Comfort noise level: about -55 dBm0 RMS. */
    static final double NOISE_DBM0 = -55;
    private static final double DBM0_PEAK = 32768 * Math.pow(10, -3.17 / 20);

    private final ReplacementMode mode;
    private final short[] period = new short[16];
    private final int noiseAmplitude;
    private int phase;
    private int seed = 0x2545F491;

    ReplacementAudio(ReplacementMode mode) {
        this.mode = mode;
        double amplitude = DBM0_PEAK * Math.pow(10, FLAT_TONE_DBM0 / 20);
        for (int i = 0; i < period.length; i++) {
            period[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * FLAT_TONE_HZ * i / 8000.0));
        }
        // uniform noise in [-a, a] has RMS a / sqrt(3)
        this.noiseAmplitude = (int) Math.round(Math.sqrt(3) * DBM0_PEAK / Math.sqrt(2) * Math.pow(10, NOISE_DBM0 / 20));
    }

    ReplacementMode mode() {
        return mode;
    }

    short next() {
        switch (mode) {
            case FLAT_TONE -> {
                short s = period[phase];
                phase = (phase + 1) & 15;
                return s;
            }
            case COMFORT_NOISE -> {
                seed ^= seed << 13;
                seed ^= seed >>> 17;
                seed ^= seed << 5;
                return (short) ((seed % (noiseAmplitude + 1)));
            }
            default -> {
                return 0;
            }
        }
    }
}
