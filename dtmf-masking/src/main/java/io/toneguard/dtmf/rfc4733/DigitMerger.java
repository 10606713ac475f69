package io.toneguard.dtmf.rfc4733;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;

/**
 * Sits between a stream's detectors (in-band, RFC 4733, SIP INFO) and the real listener, and forwards each
 * key press once even when a gateway sends it both as telephone events and as in-band tones.
 *
 * <p>A press of key K from one source is suppressed, with its {@code digitEnded}, when its onset lies less
 * than the window from the onset of the last forwarded press of K from another source, and that press is
 * still active or ended less than the window before this onset. While that forwarded press has had no
 * twin from another source yet, the onsets may be up to twice the window apart: a twin can start late
 * when the first packets of its tone were lost, and events can run up to 40 ms ahead of the tones. Everything
 * else passes: other keys, the same key after a real pause, and every press of the source that was
 * forwarded (each detector already separates its own presses). An end with no forwarded start is dropped.
 *
 * <p>All sources share the stream's timeline: timestamps are unsigned 32-bit RTP timestamp units and may
 * wrap. SIP INFO carries no RTP timestamp, so its caller passes its best estimate: the RTP timestamp the
 * stream had when the INFO arrived (last received packet's timestamp plus the time since, at the clock
 * rate). Signalling and media paths differ, so a SIP INFO press can fall outside the window of its RFC 4733
 * or in-band twin; gateways rarely send both. Single-threaded; no allocation per digit.
 */
public final class DigitMerger implements DigitListener {
    /** 640 samples, 80 ms at 8 kHz: the shortest onset-to-onset of two presses (40 ms tone + 40 ms pause). */
    public static final int DEFAULT_WINDOW_SAMPLES = 640;

    private static final int KEYS = 16;
    private static final int SOURCES = DigitSource.values().length;
    private static final byte IDLE = 0;
    private static final byte FORWARDED = 1;
    private static final byte SUPPRESSED = 2;

    private final DigitListener downstream;
    private final int window;

    /** Per source and key: what happened to that source's current press of that key. */
    private final byte[] state = new byte[SOURCES * KEYS];
    /** Per key: the last forwarded press. */
    private final DigitSource[] lastSource = new DigitSource[KEYS];
    private final long[] lastOnset = new long[KEYS];
    private final long[] lastEnd = new long[KEYS];
    private final boolean[] lastActive = new boolean[KEYS];
    /** Per key: the last forwarded press has had its twin from another source suppressed. */
    private final boolean[] lastTwinned = new boolean[KEYS];

    private long forwarded;
    private long suppressed;

    /** A merger with {@link #DEFAULT_WINDOW_SAMPLES}. */
    public DigitMerger(DigitListener downstream) {
        this(downstream, DEFAULT_WINDOW_SAMPLES);
    }

    /** @param windowSamples the window in RTP timestamp units, 1 or more */
    public DigitMerger(DigitListener downstream, int windowSamples) {
        if (downstream == null) {
            throw new NullPointerException("downstream");
        }
        if (windowSamples < 1) {
            throw new IllegalArgumentException("windowSamples must be positive: " + windowSamples);
        }
        this.downstream = downstream;
        this.window = windowSamples;
    }

    @Override
    public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
        int key = digit.ordinal();
        int slot = slot(source, key);
        DigitSource other = lastSource[key];
        long reach = lastTwinned[key] ? window : 2L * window;
        if (other != null && other != source
                && Math.abs(difference(onsetTimestamp, lastOnset[key])) < reach
                && (lastActive[key] || difference(onsetTimestamp, lastEnd[key]) < window)) {
            state[slot] = SUPPRESSED;
            lastTwinned[key] = true;
            suppressed++;
            return;
        }
        state[slot] = FORWARDED;
        lastSource[key] = source;
        lastOnset[key] = onsetTimestamp;
        lastActive[key] = true;
        lastTwinned[key] = false;
        forwarded++;
        downstream.digitStarted(digit, source, onsetTimestamp);
    }

    @Override
    public void digitEnded(DtmfDigit digit, DigitSource source, long endTimestamp) {
        int key = digit.ordinal();
        int slot = slot(source, key);
        byte was = state[slot];
        state[slot] = IDLE;
        if (was != FORWARDED) {
            return;
        }
        if (lastSource[key] == source && lastActive[key]) {
            lastActive[key] = false;
            lastEnd[key] = endTimestamp;
        }
        downstream.digitEnded(digit, source, endTimestamp);
    }

    /** Presses passed on. */
    public long forwarded() {
        return forwarded;
    }

    /** Presses dropped as another source's report of a forwarded press. */
    public long suppressed() {
        return suppressed;
    }

    /** Counters only; never a digit. */
    @Override
    public String toString() {
        return "DigitMerger[window=" + window + ", forwarded=" + forwarded + ", suppressed=" + suppressed + ']';
    }

    private static int slot(DigitSource source, int key) {
        return source.ordinal() * KEYS + key;
    }

    /** {@code a - b} on the 32-bit RTP timeline, as a signed value. */
    private static long difference(long a, long b) {
        return (int) (a - b);
    }
}
