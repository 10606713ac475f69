package io.toneguard.dtmf.inband;

import io.toneguard.dtmf.DtmfDigit;

/**
 * In-band DTMF detector for 8 kHz linear audio, frame by frame in any frame size, with all state
 * allocated once (zero allocation per frame).
 *
 * <p>How it works: Goertzel filters at the eight DTMF frequencies run over sub-blocks of
 * {@value #SUB_BLOCK} samples (2.5 ms). Each sub-block's complex outputs are kept, so a 15 ms
 * analysis window ({@value #WINDOW} samples, six sub-blocks) is assembled coherently every
 * 2.5 ms at the cost of a few complex multiplications. Each window is tested twice:
 * <ul>
 *   <li><b>suspect</b> (lenient): enough of the window's energy sits in one low and one high DTMF
 *       frequency. The window is reported to {@link InbandListener#toneSuspected} so the masker
 *       hides it, including the tone's first samples, before the digit is even known.</li>
 *   <li><b>digit</b> (strict, ITU-T Q.24): both tones loud enough, twist within limits, each tone
 *       well above its group's other frequencies, the pair carrying most of the energy, each tone
 *       within 2.5% of nominal (the nominal filter must beat filters 5% above and below, which
 *       sets the accept/reject boundary halfway between Q.24's 1.5% and 3.5%), and no strong
 *       second harmonic (speech has them, DTMF does not). Twist is judged on levels corrected for
 *       the loss of a tone that is off its nominal frequency, measured from how fast its phase
 *       turns from window to window, and averaged over two windows. A digit is reported once agreeing windows have followed each
 *       other for {@code confirmMillis} and, at least once in that run, the newest
 *       {@value #STEADY} samples (30 ms) were two steady sinusoids: Goertzel filters tuned to the
 *       two measured frequencies must capture {@code minSteadyShare} of that span's energy, which
 *       a key tone does and a speech vowel, whose harmonics drift in pitch and level, does not
 *       (talk-off guard). The digit ends after
 *       {@code endGapMillis} of disagreeing ones, so short drop-outs are bridged and 20 ms blips
 *       are rejected.</li>
 * </ul>
 * A pure function of the audio: no I/O, no logging.
 */
public final class InbandDtmfDetector {
    /** Sample rate the detector works at. */
    public static final int SAMPLE_RATE = 8000;
    /** Sub-block (hop) length in samples: 2.5 ms. */
    public static final int SUB_BLOCK = 20;
    /** Analysis window length in samples: 15 ms. */
    public static final int WINDOW = 120;
    private static final int SUBS = WINDOW / SUB_BLOCK;
    /**
     * The suspect window (10 ms, the newest four sub-blocks): shorter than the digit window, so it
     * sees a tone sooner and tolerates tones further off frequency, at the price of selectivity
     * that masking (unlike digit decisions) can afford.
     */
    public static final int SUSPECT_WINDOW = 80;
    private static final int SUSPECT_SUBS = SUSPECT_WINDOW / SUB_BLOCK;
    private static final double SUSPECT_NORM = 2.0 / ((double) SUSPECT_WINDOW * SUSPECT_WINDOW);
    /**
     * Consecutive suspect windows before masking starts (retroactively, from the first one): a
     * real tone gives a run of them, speech mostly single ones.
     */
    public static final int SUSPECT_CONFIRM = 3;
    /**
     * Around a junction (see {@link #discontinuity}), 5 ms windows (two sub-blocks) are tested too:
     * a lost or reordered packet can leave a few milliseconds of tone between unrelated audio, too
     * short for a run of suspect windows but long enough for a decoder made for fragments.
     */
    public static final int FRAGMENT_WINDOW = 2 * SUB_BLOCK;
    private static final int FRAGMENT_SUBS = FRAGMENT_WINDOW / SUB_BLOCK;
    private static final double FRAGMENT_NORM = 2.0 / ((double) FRAGMENT_WINDOW * FRAGMENT_WINDOW);
    /** Fragment windows are tested until this many samples after a junction (20 ms: one packet, and one window more). */
    private static final int FRAGMENT_AFTER = 160 + FRAGMENT_WINDOW;
    /** Share of a fragment window's energy its strongest low and high DTMF frequency must carry. */
    private static final double FRAGMENT_MIN_SHARE = 0.6;
    /** How far behind the newest sample masking may have to reach back: the suspect run plus one hop. */
    public static final int MASK_LOOKBACK = SUSPECT_WINDOW + SUSPECT_CONFIRM * SUB_BLOCK;
    /** Peak amplitude of a 0 dBm0 sine in 16-bit linear (G.711: +3.17 dBm0 is full scale). */
    static final double DBM0_PEAK = 32768 * Math.pow(10, -3.17 / 20);
    private static final double DBM0_POWER = DBM0_PEAK * DBM0_PEAK / 2;
    private static final double SIDE = 0.05;
    private static final double NORM = 2.0 / ((double) WINDOW * WINDOW);
    private static final int HISTORY = 256;
    /** Length of the steadiness test's span: 30 ms, fully inside a 40 ms tone for several windows. */
    public static final int STEADY = 240;
    /** Windows between the two phase readings a frequency is measured from (7.5 ms). */
    private static final int PHASE_LAG = 3;
    /** Window phasors kept for phase measurements (a power of two above {@link #PHASE_LAG}). */
    private static final int PHASE_RING = 4;
    /** The steadiness test starts at this window of a candidate run: before it, the span reaches back before any tone. */
    private static final int STEADY_FROM = 5;
    /** Off-frequency correction of the twist test stops here (beyond it the frequency test rejects anyway). */
    private static final double MAX_CORRECTED_DEVIATION = 0.02;

    private final DetectorSettings settings;
    private final InbandListener listener;

    // thresholds as linear power ratios
    private final double minTonePower;
    private final double suspectMinTonePower;
    private final double maxNormalTwist;
    private final double maxReverseTwist;
    private final double suspectMaxTwist;
    private final double minRelativePeak;
    private final double suspectMinRelativePeak;
    private final double maxHarmonic;
    private final double suspectMaxHarmonic;
    private final double minSteadyShare;
    private final int confirmWindows;
    private final int endWindows;

    // Goertzel state for the eight frequencies (0-3 low group, 4-7 high group)
    private final double[] coef = new double[8];
    private final double[] cosW = new double[8];
    private final double[] sinW = new double[8];
    /** e^{-j w S}: how far each frequency's phase turns in one sub-block. */
    private final double[] stepRe = new double[8];
    private final double[] stepIm = new double[8];
    /** e^{-j w S n} for the current sub-block n: puts every sub-block on one time origin. */
    private final double[] phaseRe = new double[8];
    private final double[] phaseIm = new double[8];
    private final double[] s1 = new double[8];
    private final double[] s2 = new double[8];
    private double subEnergy;
    private int subFill;

    // the last three sub-blocks' outputs, ring indexed by subCount % SUBS
    private final double[] subRe = new double[SUBS * 8];
    private final double[] subIm = new double[SUBS * 8];
    private final double[] subPower = new double[SUBS];
    private long subCount;
    private int suspectRun;
    private long suspectRunStart;
    private int subSlot;
    /** Fragment windows ending up to this sample are tested (after a junction). */
    private long fragmentWatchUntil = -1;
    private final double[] fragmentPower = new double[8];

    // per-window scratch
    private final double[] power = new double[8];
    private final double[] suspectPower = new double[8];
    /** The previous window's powers: twist is judged on two windows' mean, steadier than one's. */
    private final double[] previousPower = new double[8];
    /** Goertzel coefficients of the filters 5% below and above each DTMF frequency. */
    private final double[][] sideCoef = new double[8][2];
    /** Goertzel coefficients at twice each DTMF frequency. */
    private final double[] harmonicCoef = new double[8];
    private final short[] scratch = new short[HISTORY];
    /** The last {@link #PHASE_RING} windows' complex outputs, ring indexed by windowCount % PHASE_RING. */
    private final double[] windowRe = new double[PHASE_RING * 8];
    private final double[] windowIm = new double[PHASE_RING * 8];
    private long windowCount;
    private final double[] lanes = new double[4];
    private final double[] laneA = new double[4];
    private final double[] laneB = new double[4];
    private final short[] history = new short[HISTORY];
    private long sampleCount;

    // digit state
    private DtmfDigit candidate;
    private int candidateRun;
    /** The candidate run has passed the steadiness test at least once. */
    private boolean candidateSteady;
    private long candidateOnset;
    private DtmfDigit active;
    private int missRun;
    private long lastMatchEnd;

    public InbandDtmfDetector(DetectorSettings settings, InbandListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.minTonePower = dbm0ToPower(settings.minToneDbm0());
        this.suspectMinTonePower = dbm0ToPower(settings.suspectMinToneDbm0());
        this.maxNormalTwist = dbToRatio(settings.maxNormalTwistDb());
        this.maxReverseTwist = dbToRatio(settings.maxReverseTwistDb());
        this.suspectMaxTwist = dbToRatio(settings.suspectMaxTwistDb());
        this.minRelativePeak = dbToRatio(settings.minRelativePeakDb());
        this.suspectMinRelativePeak = dbToRatio(settings.suspectMinRelativePeakDb());
        this.maxHarmonic = dbToRatio(settings.maxHarmonicDb());
        this.suspectMaxHarmonic = dbToRatio(settings.suspectMaxHarmonicDb());
        this.minSteadyShare = settings.minSteadyShare();
        this.confirmWindows = Math.max(1, (int) Math.round(settings.confirmMillis() * SAMPLE_RATE / 1000.0 / SUB_BLOCK));
        this.endWindows = Math.max(1, (int) Math.round(settings.endGapMillis() * SAMPLE_RATE / 1000.0 / SUB_BLOCK));
        for (int k = 0; k < 8; k++) {
            double hz = k < 4 ? DtmfDigit.LOW_HZ[k] : DtmfDigit.HIGH_HZ[k - 4];
            double w = 2 * Math.PI * hz / SAMPLE_RATE;
            coef[k] = 2 * Math.cos(w);
            cosW[k] = Math.cos(w);
            sinW[k] = Math.sin(w);
            sideCoef[k][0] = 2 * Math.cos(w * (1 - SIDE));
            sideCoef[k][1] = 2 * Math.cos(w * (1 + SIDE));
            harmonicCoef[k] = 2 * Math.cos(2 * w);
            stepRe[k] = Math.cos(w * SUB_BLOCK);
            stepIm[k] = -Math.sin(w * SUB_BLOCK);
            phaseRe[k] = 1;
            phaseIm[k] = 0;
        }
    }

    static double dbm0ToPower(double dbm0) {
        return DBM0_POWER * Math.pow(10, dbm0 / 10);
    }

    private static double dbToRatio(double db) {
        return Math.pow(10, db / 10);
    }

    /** Samples seen so far; the next sample's index. */
    public long sampleCount() {
        return sampleCount;
    }

    /** The digit currently held down, or null. */
    public DtmfDigit activeDigit() {
        return active;
    }

    /** Feeds {@code len} samples; listener calls happen inside. */
    public void process(short[] samples, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int n = Math.min(end - i, SUB_BLOCK - subFill);
            goertzel(samples, i, n);
            double energy = subEnergy;
            for (int m = i; m < i + n; m++) {
                double x = samples[m];
                energy += x * x;
                history[(int) (sampleCount++ & (HISTORY - 1))] = samples[m];
            }
            subEnergy = energy;
            subFill += n;
            i += n;
            if (subFill == SUB_BLOCK) {
                finishSubBlock();
            }
        }
    }

    /**
     * Runs the eight Goertzel recurrences over {@code n} samples, four at a time with one local
     * pair per frequency: the four independent chains run in parallel in the CPU instead of
     * waiting on each other's latency, and still fit in registers.
     */
    private void goertzel(short[] x, int from, int n) {
        goertzel4(x, from, n, 0);
        goertzel4(x, from, n, 4);
    }

    private void goertzel4(short[] x, int from, int n, int k) {
        recur4(x, from, n, coef[k], coef[k + 1], coef[k + 2], coef[k + 3], s1, s2, k);
    }

    /**
     * Four independent Goertzel recurrences (coefficients 2cos(w)) over {@code x[from, from + n)},
     * continuing from and updating the state {@code a[k..k+3]} (s[n-1]) and {@code b[k..k+3]} (s[n-2]).
     */
    private static void recur4(short[] x, int from, int n, double c0, double c1, double c2, double c3,
            double[] a, double[] b, int k) {
        double a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3];
        double b0 = b[k], b1 = b[k + 1], b2 = b[k + 2], b3 = b[k + 3];
        for (int m = from, end = from + n; m < end; m++) {
            double v = x[m];
            // fma keeps the loop-carried dependency to one fused multiply-add per sample
            double t0 = Math.fma(c0, a0, v - b0);
            double t1 = Math.fma(c1, a1, v - b1);
            double t2 = Math.fma(c2, a2, v - b2);
            double t3 = Math.fma(c3, a3, v - b3);
            b0 = a0;
            b1 = a1;
            b2 = a2;
            b3 = a3;
            a0 = t0;
            a1 = t1;
            a2 = t2;
            a3 = t3;
        }
        a[k] = a0;
        a[k + 1] = a1;
        a[k + 2] = a2;
        a[k + 3] = a3;
        b[k] = b0;
        b[k + 1] = b1;
        b[k + 2] = b2;
        b[k + 3] = b3;
    }

    private void finishSubBlock() {
        int slot = subSlot;
        int base = slot * 8;
        boolean renormalize = (subCount & 1023) == 0;
        for (int k = 0; k < 8; k++) {
            // y = Goertzel output; z = y * phase, so all sub-blocks share one time origin
            double yr = s1[k] - cosW[k] * s2[k];
            double yi = sinW[k] * s2[k];
            double pr = phaseRe[k];
            double pi = phaseIm[k];
            subRe[base + k] = yr * pr - yi * pi;
            subIm[base + k] = yr * pi + yi * pr;
            double nr = pr * stepRe[k] - pi * stepIm[k];
            double ni = pr * stepIm[k] + pi * stepRe[k];
            if (renormalize) {
                double mag = Math.sqrt(nr * nr + ni * ni);
                nr /= mag;
                ni /= mag;
            }
            phaseRe[k] = nr;
            phaseIm[k] = ni;
            s1[k] = 0;
            s2[k] = 0;
        }
        subPower[slot] = subEnergy;
        subEnergy = 0;
        subFill = 0;
        subCount++;
        subSlot = slot == SUBS - 1 ? 0 : slot + 1;
        if (sampleCount <= fragmentWatchUntil) {
            checkFragment(0);
        }
        if (subCount >= SUBS) {
            analyseWindow();
        }
    }

    /**
     * The next sample does not follow the previous one: a packet was lost, or arrived out of order.
     * Every 5 ms window from 15 ms before the junction to 20 ms after it is tested for a DTMF-like
     * pair (one low and one high DTMF frequency carrying most of its energy, twist within the
     * lenient limit), and each that passes is reported as suspect, so the masker hides tone
     * fragments the junction cut off from the rest of their tone. Speech near a junction may be
     * masked a little more; nowhere else is anything different.
     */
    public void discontinuity() {
        int stored = (int) Math.min(subCount, SUBS);
        for (int skip = stored - FRAGMENT_SUBS; skip >= 0; skip--) {
            checkFragment(skip);
        }
        fragmentWatchUntil = sampleCount - subFill + FRAGMENT_AFTER;
    }

    /** Tests the 5 ms window that ends {@code skip} sub-blocks before the newest complete one. */
    private void checkFragment(int skip) {
        double energy = 0;
        int newest = Math.floorMod(subSlot - 1 - skip, SUBS);
        for (int k = 0; k < 8; k++) {
            double re = 0;
            double im = 0;
            for (int j = 0, slot = newest; j < FRAGMENT_SUBS; j++, slot = slot == 0 ? SUBS - 1 : slot - 1) {
                re += subRe[slot * 8 + k];
                im += subIm[slot * 8 + k];
            }
            fragmentPower[k] = (re * re + im * im) * FRAGMENT_NORM;
        }
        for (int j = 0, slot = newest; j < FRAGMENT_SUBS; j++, slot = slot == 0 ? SUBS - 1 : slot - 1) {
            energy += subPower[slot];
        }
        double meanPower = energy / FRAGMENT_WINDOW;
        double low = fragmentPower[strongest(fragmentPower, 0)];
        double high = fragmentPower[4 + strongest(fragmentPower, 4)];
        if (low >= suspectMinTonePower && high >= suspectMinTonePower && meanPower > 0
                && (low + high) / meanPower >= FRAGMENT_MIN_SHARE
                && low <= high * suspectMaxTwist && high <= low * suspectMaxTwist) {
            long end = sampleCount - subFill - (long) skip * SUB_BLOCK;
            listener.toneSuspected(end - FRAGMENT_WINDOW, end);
        }
    }

    private void analyseWindow() {
        // X = sum of the window's sub-blocks, already rotated onto one time origin; the suspect
        // window is the newest SUSPECT_SUBS of them
        int firstSuspect = (subSlot + SUBS - SUSPECT_SUBS) % SUBS;
        int ring = (int) (windowCount & (PHASE_RING - 1)) * 8;
        for (int k = 0; k < 8; k++) {
            double re = 0;
            double im = 0;
            double sre = 0;
            double sim = 0;
            for (int j = 0; j < SUBS; j++) {
                int idx = j * 8 + k;
                re += subRe[idx];
                im += subIm[idx];
            }
            for (int j = 0, slot = firstSuspect; j < SUSPECT_SUBS; j++, slot = slot == SUBS - 1 ? 0 : slot + 1) {
                int idx = slot * 8 + k;
                sre += subRe[idx];
                sim += subIm[idx];
            }
            power[k] = (re * re + im * im) * NORM;
            suspectPower[k] = (sre * sre + sim * sim) * SUSPECT_NORM;
            windowRe[ring + k] = re;
            windowIm[ring + k] = im;
        }
        windowCount++;
        double total = 0;
        for (int j = 0; j < SUBS; j++) {
            total += subPower[j];
        }
        double suspectTotal = 0;
        for (int j = 0, slot = firstSuspect; j < SUSPECT_SUBS; j++, slot = slot == SUBS - 1 ? 0 : slot + 1) {
            suspectTotal += subPower[slot];
        }
        long windowEnd = sampleCount;
        if (suspect(suspectTotal / SUSPECT_WINDOW)) {
            if (suspectRun++ == 0) {
                suspectRunStart = windowEnd - SUSPECT_WINDOW;
            }
            if (suspectRun == SUSPECT_CONFIRM) {
                listener.toneSuspected(suspectRunStart, windowEnd); // the whole run so far, retroactively
            } else if (suspectRun > SUSPECT_CONFIRM) {
                listener.toneSuspected(windowEnd - SUSPECT_WINDOW, windowEnd);
            }
        } else {
            suspectRun = 0;
        }
        double meanPower = total / WINDOW;
        int row = strongest(power, 0);
        int col = strongest(power, 4);
        double low = power[row];
        double high = power[4 + col];
        double toneShare = meanPower > 0 ? (low + high) / meanPower : 0;
        DtmfDigit verdict = isDigit(row, col, low, high, toneShare) ? DtmfDigit.at(row, col) : null;
        System.arraycopy(power, 0, previousPower, 0, 8);
        track(verdict, windowEnd - WINDOW, windowEnd);
    }

    /** The lenient test on the suspect window: is there a DTMF-like pair at all? */
    private boolean suspect(double meanPower) {
        int row = strongest(suspectPower, 0);
        int col = strongest(suspectPower, 4);
        double low = suspectPower[row];
        double high = suspectPower[4 + col];
        return low >= suspectMinTonePower && high >= suspectMinTonePower
                && meanPower > 0 && (low + high) / meanPower >= settings.suspectMinToneToTotal()
                && low <= high * suspectMaxTwist && high <= low * suspectMaxTwist
                && relativePeak(suspectPower, 0, row) >= suspectMinRelativePeak
                && relativePeak(suspectPower, 4, col) >= suspectMinRelativePeak
                && harmonicsQuiet(SUSPECT_WINDOW, row, col, low, high, suspectMaxHarmonic);
    }

    private static int strongest(double[] power, int from) {
        int best = from;
        for (int k = from + 1; k < from + 4; k++) {
            if (power[k] > power[best]) {
                best = k;
            }
        }
        return best - from;
    }

    /** Ratio of a group's strongest power to the next strongest of that group. */
    private static double relativePeak(double[] power, int from, int best) {
        double next = 0;
        for (int k = from; k < from + 4; k++) {
            if (k != from + best && power[k] > next) {
                next = power[k];
            }
        }
        return next == 0 ? Double.MAX_VALUE : power[from + best] / next;
    }

    private boolean isDigit(int row, int col, double low, double high, double toneShare) {
        if (low < minTonePower || high < minTonePower || toneShare < settings.minToneToTotal()) {
            return false;
        }
        // twist on the last two windows' mean levels (the other tone's leakage makes one window's
        // level flicker by about a decibel), corrected for the loss on an off-frequency tone
        double lowLevel = (low + previousPower[row]) / (2 * scallop(row));
        double highLevel = (high + previousPower[4 + col]) / (2 * scallop(4 + col));
        if (lowLevel > highLevel * maxNormalTwist || highLevel > lowLevel * maxReverseTwist) {
            return false;
        }
        if (relativePeak(power, 0, row) < minRelativePeak || relativePeak(power, 4, col) < minRelativePeak) {
            return false;
        }
        return onFrequency(row, col) && harmonicsQuiet(WINDOW, row, col, low, high, maxHarmonic);
    }

    /**
     * How far frequency {@code k} of the newest window is from nominal, in radians per sample,
     * from how far its phase turned over the last {@link #PHASE_LAG} windows (0 until there are
     * that many). Sub-blocks share one time origin, so a tone exactly on nominal does not turn at
     * all; the measurement is unambiguous within +-1/(2 * lag * hop) = +-67 Hz.
     */
    private double offsetRadians(int k) {
        if (windowCount <= PHASE_LAG) {
            return 0;
        }
        int now = (int) ((windowCount - 1) & (PHASE_RING - 1)) * 8 + k;
        int then = (int) ((windowCount - 1 - PHASE_LAG) & (PHASE_RING - 1)) * 8 + k;
        double ar = windowRe[now];
        double ai = windowIm[now];
        double br = windowRe[then];
        double bi = windowIm[then];
        // the angle of now * conj(then)
        return Math.atan2(ai * br - ar * bi, ar * br + ai * bi) / (PHASE_LAG * SUB_BLOCK);
    }

    /**
     * The window's power loss on frequency {@code k} at its measured offset (1 on nominal), the
     * offset capped at {@link #MAX_CORRECTED_DEVIATION}.
     */
    private double scallop(int k) {
        double offset = Math.abs(offsetRadians(k)) * SAMPLE_RATE / (2 * Math.PI);
        double nominal = k < 4 ? DtmfDigit.LOW_HZ[k] : DtmfDigit.HIGH_HZ[k - 4];
        double d = dirichlet(Math.min(offset, MAX_CORRECTED_DEVIATION * nominal), WINDOW);
        return d * d;
    }

    /**
     * Is the newest {@link #STEADY} samples span two steady sinusoids? Goertzel filters at the two
     * tones' measured frequencies must capture {@code minSteadyShare} of the span's energy. Key
     * tones do (all but the noise); speech, whose harmonics drift in frequency and level within
     * 30 ms, does not. Runs only a few times per candidate run.
     */
    private boolean steady(int row, int col) {
        double wLow = 2 * Math.PI * DtmfDigit.LOW_HZ[row] / SAMPLE_RATE + offsetRadians(row);
        double wHigh = 2 * Math.PI * DtmfDigit.HIGH_HZ[col] / SAMPLE_RATE + offsetRadians(4 + col);
        copyNewest(STEADY);
        double energy = 0;
        for (int n = 0; n < STEADY; n++) {
            double x = scratch[n];
            energy += x * x;
        }
        powers(STEADY, 2 * Math.cos(wLow), 2 * Math.cos(wHigh), 0, 0);
        return energy > 0 && lanes[0] + lanes[1] >= minSteadyShare * energy / STEADY;
    }

    /**
     * Each tone within 2.5% of nominal: each nominal filter must beat filters 5% above and below
     * it. The four side filters run in one pass over the window.
     */
    private boolean onFrequency(int row, int col) {
        int lowK = row;
        int highK = 4 + col;
        copyNewest(WINDOW);
        powers(WINDOW, sideCoef[lowK][0], sideCoef[lowK][1], sideCoef[highK][0], sideCoef[highK][1]);
        return power[lowK] >= lanes[0] && power[lowK] >= lanes[1]
                && power[highK] >= lanes[2] && power[highK] >= lanes[3];
    }

    /**
     * No strong second harmonic on either tone. The low tone's harmonic (1394-1882 Hz) sits near the
     * high group, so the high tone's own leakage into that filter is allowed for.
     */
    private boolean harmonicsQuiet(int length, int row, int col, double low, double high, double limit) {
        if (limit >= 1e9) {
            return true;
        }
        double fLow = DtmfDigit.LOW_HZ[row];
        double fHigh = DtmfDigit.HIGH_HZ[col];
        copyNewest(length);
        powers(length, harmonicCoef[row], harmonicCoef[4 + col], 0, 0);
        double l2 = lanes[0];
        double h2 = lanes[1];
        if (h2 > high * limit) {
            return false;
        }
        // the high tone may be up to 3.5% off nominal: allow for its leakage at the closest it can be
        double closest = Math.max(0, Math.abs(2 * fLow - fHigh) - 0.035 * fHigh);
        double leak = Math.sqrt(high) * dirichlet(closest, length);
        double allowed = Math.sqrt(low * limit) + leak;
        return l2 <= allowed * allowed;
    }

    /** Rectangular-window response at {@code deltaHz} from the filter, relative to on-frequency. */
    private static double dirichlet(double deltaHz, int length) {
        if (deltaHz >= SAMPLE_RATE / (double) length) {
            return 0.22; // beyond the main lobe: bounded by the first side lobe
        }
        double x = Math.PI * deltaHz / SAMPLE_RATE;
        if (Math.abs(x) < 1e-12) {
            return 1;
        }
        return Math.abs(Math.sin(length * x) / (length * Math.sin(x)));
    }

    /** Copies the newest {@code length} samples into {@link #scratch}, oldest first. */
    private void copyNewest(int length) {
        long start = sampleCount - length;
        for (int n = 0; n < length; n++) {
            scratch[n] = history[(int) ((start + n) & (HISTORY - 1))];
        }
    }

    /**
     * Goertzel power of four filters (coefficients 2cos(w)) over the first {@code length} samples
     * of {@link #scratch}, into {@link #lanes}; four independent chains in one pass. Used only on
     * candidate windows.
     */
    private void powers(int length, double c0, double c1, double c2, double c3) {
        java.util.Arrays.fill(laneA, 0);
        java.util.Arrays.fill(laneB, 0);
        recur4(scratch, 0, length, c0, c1, c2, c3, laneA, laneB, 0);
        double norm = 2.0 / ((double) length * length);
        lanes[0] = lanePower(0, c0) * norm;
        lanes[1] = lanePower(1, c1) * norm;
        lanes[2] = lanePower(2, c2) * norm;
        lanes[3] = lanePower(3, c3) * norm;
    }

    /** |y|^2 of lane {@code i} from its last two states: a^2 + b^2 - c a b. */
    private double lanePower(int i, double c) {
        double a = laneA[i];
        double b = laneB[i];
        return a * a + b * b - c * a * b;
    }

    private void track(DtmfDigit verdict, long windowStart, long windowEnd) {
        if (active != null) {
            if (verdict == active) {
                missRun = 0;
                lastMatchEnd = windowEnd;
                return;
            }
            missRun++;
            if (missRun < endWindows && verdict == null) {
                return; // a drop-out, perhaps: bridge it
            }
            listener.digitEnded(active, lastMatchEnd - WINDOW / 4);
            active = null;
            candidate = null;
        }
        if (verdict == null) {
            candidate = null;
            candidateRun = 0;
            candidateSteady = false;
            return;
        }
        if (verdict != candidate) {
            candidate = verdict;
            candidateRun = 0;
            candidateSteady = false;
            candidateOnset = windowStart;
        }
        ++candidateRun;
        if (!candidateSteady && (minSteadyShare <= 0
                || candidateRun >= Math.min(STEADY_FROM, confirmWindows) && steady(verdict.row(), verdict.column()))) {
            candidateSteady = true;
        }
        if (candidateRun >= confirmWindows && candidateSteady) {
            active = candidate;
            missRun = 0;
            lastMatchEnd = windowEnd;
            candidate = null;
            candidateRun = 0;
            candidateSteady = false;
            listener.digitStarted(active, candidateOnset);
        }
    }

    /** Ends a held digit (e.g. when the stream stops); reports its end if one was active. */
    public void flush() {
        if (active != null) {
            listener.digitEnded(active, lastMatchEnd - WINDOW / 4);
            active = null;
        }
        candidate = null;
        candidateRun = 0;
        candidateSteady = false;
    }
}
