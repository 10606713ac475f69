package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.DtmfDigit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds 8 kHz test audio segment by segment, and remembers where every tone lies, so tests can
 * check both what a detector reports and what a masker hid.
 */
public final class Signal {
    public static final int RATE = 8000;
    /** Peak amplitude of a 0 dBm0 sine in 16-bit linear. */
    public static final double DBM0_PEAK = 32768 * Math.pow(10, -3.17 / 20);

    /** Where a tone was put: samples [start, end). */
    public record Tone(DtmfDigit digit, int start, int end) {
    }

    private double[] samples = new double[RATE];
    private int length;
    private final List<Tone> tones = new ArrayList<>();
    private final Random random;

    public Signal(long seed) {
        this.random = new Random(seed);
    }

    public static int ms(double millis) {
        return (int) Math.round(millis * RATE / 1000.0);
    }

    private void ensure(int more) {
        if (length + more > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + more));
        }
    }

    public Signal silence(double millis) {
        int n = ms(millis);
        ensure(n);
        length += n;
        return this;
    }

    /** A standard tone: both frequencies at {@code dbm0} each, nominal frequencies, no twist. */
    public Signal tone(DtmfDigit d, double millis, double dbm0) {
        return tone(d, millis, dbm0, dbm0, 0, 0);
    }

    /**
     * A tone with each frequency's level and relative deviation given separately.
     *
     * @param lowDbm0 level of the low-group tone
     * @param highDbm0 level of the high-group tone
     * @param lowDeviation relative frequency error of the low tone (0.015 = +1.5%)
     * @param highDeviation relative frequency error of the high tone
     */
    public Signal tone(DtmfDigit d, double millis, double lowDbm0, double highDbm0, double lowDeviation, double highDeviation) {
        int n = ms(millis);
        ensure(n);
        double aLow = DBM0_PEAK * Math.pow(10, lowDbm0 / 20);
        double aHigh = DBM0_PEAK * Math.pow(10, highDbm0 / 20);
        double wLow = 2 * Math.PI * d.lowHz() * (1 + lowDeviation) / RATE;
        double wHigh = 2 * Math.PI * d.highHz() * (1 + highDeviation) / RATE;
        double pLow = random.nextDouble() * 2 * Math.PI;
        double pHigh = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            samples[length + i] += aLow * Math.sin(wLow * i + pLow) + aHigh * Math.sin(wHigh * i + pHigh);
        }
        tones.add(new Tone(d, length, length + n));
        length += n;
        return this;
    }

    /** Appends existing audio (e.g. speech). */
    public Signal audio(short[] pcm) {
        ensure(pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            samples[length + i] += pcm[i];
        }
        length += pcm.length;
        return this;
    }

    /** Adds a tone on top of what is already at {@code atSample} (a key pressed while talking). */
    public Signal overlayTone(DtmfDigit d, int atSample, double millis, double dbm0) {
        int n = ms(millis);
        if (atSample + n > length) {
            throw new IllegalArgumentException("overlay runs past the end");
        }
        double a = DBM0_PEAK * Math.pow(10, dbm0 / 20);
        double pLow = random.nextDouble() * 2 * Math.PI;
        double pHigh = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            samples[atSample + i] += a * Math.sin(2 * Math.PI * d.lowHz() * i / RATE + pLow)
                    + a * Math.sin(2 * Math.PI * d.highHz() * i / RATE + pHigh);
        }
        tones.add(new Tone(d, atSample, atSample + n));
        tones.sort((x, y) -> Integer.compare(x.start(), y.start()));
        return this;
    }

    /** Adds white Gaussian noise whose power is {@code snrDb} below one DTMF pair at {@code toneDbm0} per tone. */
    public Signal whiteNoise(double toneDbm0, double snrDb) {
        double tonePower = 2 * Math.pow(DBM0_PEAK * Math.pow(10, toneDbm0 / 20), 2) / 2;
        double sigma = Math.sqrt(tonePower / Math.pow(10, snrDb / 10));
        for (int i = 0; i < length; i++) {
            samples[i] += sigma * random.nextGaussian();
        }
        return this;
    }

    public List<Tone> tones() {
        return List.copyOf(tones);
    }

    public int length() {
        return length;
    }

    /** The audio as 16-bit samples (clipped). */
    public short[] pcm() {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(samples[i])));
        }
        return out;
    }
}
