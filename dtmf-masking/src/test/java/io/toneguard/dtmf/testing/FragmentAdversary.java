package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.DtmfDigit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A purpose-built decoder of DTMF fragments, the adversary the masking must beat: an agent who
 * records the call and looks for a few milliseconds of a key's two sines anywhere in it.
 *
 * <p>For windows of 4, 5, 7.5, 10 and 15 ms, hopping by 0.25 ms, it fits each of the 16 nominal DTMF
 * pairs by least squares (two sines, each with free amplitude and phase: four basis functions) and
 * calls the window a hit when the best pair explains at least 99% of the window's energy and the
 * window is louder than -45 dBm0, and both of the pair's sines are really there (within 20 dB of each
 * other: a lone sine, a beep or a whistle, names a row or a column, not a key; Q.24 allows 8 dB of
 * twist, decoders about 16). Overlapping or touching hits of one key merge into one digit.
 *
 * <p>The inner products come from prefix sums of {@code x[n] cos(wn)} and {@code x[n] sin(wn)} at the
 * eight frequencies, so each window costs a few hundred multiplications whatever its length.
 */
public final class FragmentAdversary {
    /** Window lengths, milliseconds. */
    public static final double[] WINDOWS_MS = {4, 5, 7.5, 10, 15};
    /** Hop between windows in samples: 0.25 ms. */
    public static final int HOP = 2;
    /** Share of the window's energy the best pair must explain. */
    public static final double MIN_EXPLAINED = 0.99;
    /** Largest difference between the pair's two fitted sines, dB, for a window to name a key. */
    public static final double MAX_TWIST_DB = 20;
    /** Level the window must exceed, dBm0 (mean power). */
    public static final double MIN_LEVEL_DBM0 = -45;

    private static final int RATE = 8000;
    private static final double[] HZ = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    private static final double MIN_POWER = Math.pow(Signal.DBM0_PEAK, 2) / 2 * Math.pow(10, MIN_LEVEL_DBM0 / 10);

    /**
     * One decoded digit: samples [{@code start}, {@code end}) of the audio.
     *
     * @param explained the best share of energy explained by any window of it
     * @param twistDb low tone over high tone in the window that explained most, dB
     */
    public record Detection(DtmfDigit digit, int start, int end, double explained, double twistDb) {
        public double durationMillis() {
            return (end - start) * 1000.0 / RATE;
        }

        /** The key is not printed: the adversary's findings are card digits. */
        @Override
        public String toString() {
            return "Detection[" + start * 1000.0 / RATE + " ms, " + durationMillis() + " ms, explained " + explained
                    + ", twist " + twistDb + " dB]";
        }
    }

    private FragmentAdversary() {
    }

    /** The digits found anywhere in 8 kHz audio, in order of onset. */
    public static List<Detection> decode(short[] pcm) {
        int n = pcm.length;
        // prefix sums of x cos(w m), x sin(w m) for the eight frequencies, and of x^2
        double[][] pc = new double[8][n + 1];
        double[][] ps = new double[8][n + 1];
        double[] pe = new double[n + 1];
        for (int k = 0; k < 8; k++) {
            double w = 2 * Math.PI * HZ[k] / RATE;
            double[] c = pc[k];
            double[] s = ps[k];
            for (int m = 0; m < n; m++) {
                c[m + 1] = c[m] + pcm[m] * Math.cos(w * m);
                s[m + 1] = s[m] + pcm[m] * Math.sin(w * m);
            }
        }
        for (int m = 0; m < n; m++) {
            pe[m + 1] = pe[m] + (double) pcm[m] * pcm[m];
        }
        List<Detection> hits = new ArrayList<>();
        double[] b = new double[4];
        double[] proj = new double[16];
        double[] coef = new double[4];
        for (double ms : WINDOWS_MS) {
            int len = (int) Math.round(ms * RATE / 1000);
            double[][][] inverse = inverseGrams(len);
            for (int start = 0; start + len <= n; start += HOP) {
                double energy = pe[start + len] - pe[start];
                if (energy / len < MIN_POWER) {
                    continue;
                }
                // inner products with cos(w(m - start)) and sin(w(m - start)) over the window
                for (int k = 0; k < 8; k++) {
                    double w = 2 * Math.PI * HZ[k] / RATE;
                    double sc = pc[k][start + len] - pc[k][start];
                    double ss = ps[k][start + len] - ps[k][start];
                    double cs = Math.cos(w * start);
                    double sn = Math.sin(w * start);
                    proj[2 * k] = sc * cs + ss * sn;
                    proj[2 * k + 1] = ss * cs - sc * sn;
                }
                double best = 0;
                int bestPair = -1;
                double bestTwist = 0;
                for (int row = 0; row < 4; row++) {
                    for (int col = 0; col < 4; col++) {
                        b[0] = proj[2 * row];
                        b[1] = proj[2 * row + 1];
                        b[2] = proj[2 * (4 + col)];
                        b[3] = proj[2 * (4 + col) + 1];
                        double[][] g = inverse[row * 4 + col];
                        double explained = 0;
                        for (int i = 0; i < 4; i++) {
                            double t = 0;
                            for (int j = 0; j < 4; j++) {
                                t += g[i][j] * b[j];
                            }
                            coef[i] = t;
                            explained += b[i] * t;
                        }
                        if (explained > best) {
                            best = explained;
                            bestPair = row * 4 + col;
                            double low = coef[0] * coef[0] + coef[1] * coef[1];
                            double high = coef[2] * coef[2] + coef[3] * coef[3];
                            bestTwist = 10 * Math.log10(Math.max(low, 1e-12) / Math.max(high, 1e-12));
                        }
                    }
                }
                double share = best / energy;
                if (share >= MIN_EXPLAINED && Math.abs(bestTwist) <= MAX_TWIST_DB) {
                    hits.add(new Detection(DtmfDigit.at(bestPair / 4, bestPair % 4), start, start + len, share, bestTwist));
                }
            }
        }
        return merge(hits);
    }

    /** Overlapping or touching hits of one key become one digit. */
    private static List<Detection> merge(List<Detection> hits) {
        hits.sort(Comparator.comparingInt(Detection::start));
        List<Detection> out = new ArrayList<>();
        List<Detection> open = new ArrayList<>(); // one per key at most
        for (Detection h : hits) {
            Detection same = null;
            for (Detection o : open) {
                if (o.digit() == h.digit() && h.start() <= o.end()) {
                    same = o;
                }
            }
            if (same != null) {
                open.remove(same);
                Detection better = h.explained() > same.explained() ? h : same;
                open.add(new Detection(h.digit(), same.start(), Math.max(same.end(), h.end()), better.explained(), better.twistDb()));
            } else {
                open.removeIf(o -> {
                    if (o.digit() == h.digit()) {
                        out.add(o);
                        return true;
                    }
                    return false;
                });
                open.add(h);
            }
        }
        out.addAll(open);
        out.sort(Comparator.comparingInt(Detection::start));
        return out;
    }

    /** For each of the 16 pairs, the inverse Gram matrix of its four basis functions over {@code len} samples. */
    private static double[][][] inverseGrams(int len) {
        double[][][] out = new double[16][][];
        double[][] basis = new double[4][len];
        for (int row = 0; row < 4; row++) {
            for (int col = 0; col < 4; col++) {
                double wl = 2 * Math.PI * HZ[row] / RATE;
                double wh = 2 * Math.PI * HZ[4 + col] / RATE;
                for (int m = 0; m < len; m++) {
                    basis[0][m] = Math.cos(wl * m);
                    basis[1][m] = Math.sin(wl * m);
                    basis[2][m] = Math.cos(wh * m);
                    basis[3][m] = Math.sin(wh * m);
                }
                double[][] g = new double[4][4];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        double s = 0;
                        for (int m = 0; m < len; m++) {
                            s += basis[i][m] * basis[j][m];
                        }
                        g[i][j] = s;
                    }
                }
                out[row * 4 + col] = invert(g);
            }
        }
        return out;
    }

    /** Gauss-Jordan inverse of a small symmetric positive definite matrix. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            double p = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
