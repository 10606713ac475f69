package io.toneguard.dtmf.mask;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.inband.InbandListener;

/**
 * Delays one stream's audio by a short delay line and replaces every stretch that looks like DTMF
 * with replacement audio, from before the tone's first sample to after its last.
 *
 * <p>The detector needs a 15 ms window to see a tone; by the time a window looks suspicious, the
 * samples it covers are still inside the delay line, so masking applies retroactively: nothing of
 * the tone's onset is ever emitted. Digits are passed on to an {@link InbandListener} (sample
 * indexes count input samples from 0). Everything is allocated once; {@link #process} allocates
 * nothing. Single-threaded.
 */
public final class ToneMasker {
    private static final int MAX_INTERVALS = 64;

    private final MaskerSettings settings;
    private final InbandDtmfDetector detector;
    private final InbandListener digits;
    private final ReplacementAudio replacement;
    private final int delay;
    private final int preMargin;
    private final int postMargin;
    private final short[] ring;
    private final int ringMask;

    /** Merged masking intervals [start, end) in input sample indexes, oldest first. */
    private final long[] starts = new long[MAX_INTERVALS];
    private final long[] ends = new long[MAX_INTERVALS];
    private final long[] laterStarts = new long[MAX_INTERVALS];
    private final long[] laterEnds = new long[MAX_INTERVALS];
    private int head;
    private int count;

    private long written;
    private long emitted;
    private long maskedSamples;
    private long lateSamples;
    /** Set from other threads (a capture), read once per block on the media thread. */
    private volatile boolean muted;
    private MaskedRunListener runListener = MaskedRunListener.NONE;
    private long runStart = -1;

    public ToneMasker(MaskerSettings settings, InbandListener digits) {
        this.settings = settings;
        this.digits = digits;
        this.delay = settings.delaySamples();
        this.preMargin = settings.preMarginSamples();
        this.postMargin = settings.postMarginSamples();
        this.replacement = new ReplacementAudio(settings.mode());
        int size = Integer.highestOneBit(Math.max(delay + 4096, 8192) - 1) << 1;
        this.ring = new short[size];
        this.ringMask = size - 1;
        this.detector = new InbandDtmfDetector(settings.detector(), new Listener());
    }

    public MaskerSettings settings() {
        return settings;
    }

    /** The delay line in samples: output sample i is input sample i - delay. */
    public int delaySamples() {
        return delay;
    }

    /**
     * Takes {@code len} input samples and writes {@code len} output samples (the input of
     * {@link #delaySamples()} ago, masked where needed). {@code in} and {@code out} may be the
     * same array and range. At most 4096 samples per call.
     */
    public void process(short[] in, int inOff, int len, short[] out, int outOff) {
        if (len > 4096) {
            throw new IllegalArgumentException("at most 4096 samples per call, got " + len);
        }
        detector.process(in, inOff, len);
        for (int i = 0; i < len; i++) {
            ring[(int) ((written + i) & ringMask)] = in[inOff + i];
        }
        written += len;
        emit(out, outOff, len);
    }

    /**
     * The next input sample does not follow the previous one (a lost or reordered packet): tone
     * fragments on either side of the junction are looked for with short windows and masked.
     */
    public void discontinuity() {
        detector.discontinuity();
    }

    /**
     * Takes {@code len} samples that carry no audio of their own (e.g. the time of an RFC 4733
     * event, or a lost packet) as silence, masks them in full, and emits {@code len} samples.
     */
    public void processMasked(int len, short[] out, int outOff) {
        if (len > 4096) {
            throw new IllegalArgumentException("at most 4096 samples per call, got " + len);
        }
        mask(written - preMargin, written + len + postMargin);
        for (int i = 0; i < len; i++) {
            ring[(int) ((written + i) & ringMask)] = 0;
        }
        written += len;
        feedSilence(len); // keeps the detector's sample count in step with the delay line
        emit(out, outOff, len);
    }

    private final short[] zeros = new short[160];

    private void feedSilence(int len) {
        while (len > 0) {
            int n = Math.min(len, zeros.length);
            detector.process(zeros, 0, n);
            len -= n;
        }
    }

    /**
     * Masks the next {@code samples} input samples whatever they contain (with the usual margins),
     * e.g. while RFC 4733 events say a key is down and the sender keeps sending audio.
     */
    public void maskNext(int samples) {
        mask(written - preMargin, written + samples + postMargin);
    }

    /**
     * Masks from input sample {@code onset} (a key's true onset, e.g. an RFC 4733 event's timestamp on
     * this stream's timeline, with the usual pre-margin) through the next {@code samples} input
     * samples and the post-margin. Whatever of it is already emitted is beyond reach (not counted as
     * late: the in-band path answers for that audio).
     */
    public void maskFrom(long onset, int samples) {
        long from = Math.max(onset - preMargin, emitted - delay);
        mask(from, Math.max(onset, written) + samples + postMargin);
    }

    /** Is the detector holding a digit down? */
    public boolean digitActive() {
        return detector.activeDigit() != null;
    }

    /** Input samples taken so far. */
    public long written() {
        return written;
    }

    /**
     * While muted, everything emitted is replacement audio (a caller reading digits aloud is not
     * heard). May be called from any thread; it takes effect from the next block.
     */
    public void muted(boolean mute) {
        this.muted = mute;
    }

    public boolean muted() {
        return muted;
    }

    /** Samples emitted so far. */
    public long emitted() {
        return emitted;
    }

    /** Samples emitted as replacement audio so far. */
    public long maskedSamples() {
        return maskedSamples;
    }

    /**
     * Samples that should have been masked but had already been emitted (0 unless the delay is set
     * below what the detector needs). A non-zero value means a possible leak and is worth an alarm.
     */
    public long lateSamples() {
        return lateSamples;
    }

    /** Input sample index the next emitted sample comes from (may be negative during the initial fill). */
    public long nextEmittedIndex() {
        return emitted - delay;
    }

    /** Hears each replaced stretch once it is complete. */
    public void onMaskedRun(MaskedRunListener listener) {
        this.runListener = listener == null ? MaskedRunListener.NONE : listener;
    }

    private void emit(short[] out, int outOff, int len) {
        boolean mute = muted;
        for (int i = 0; i < len; i++) {
            long j = emitted - delay;
            short sample = j < 0 ? 0 : ring[(int) (j & ringMask)];
            if (mute || isMasked(j)) {
                sample = replacement.next();
                maskedSamples++;
                if (runStart < 0) {
                    runStart = j;
                }
            } else if (runStart >= 0) {
                runListener.maskedRun(runStart, j);
                runStart = -1;
            }
            out[outOff + i] = sample;
            emitted++;
        }
    }

    /** Reports a masked stretch still open at the end of the output (call when the stream ends). */
    public void finish() {
        if (runStart >= 0) {
            runListener.maskedRun(runStart, emitted - delay);
            runStart = -1;
        }
        detector.flush();
    }

    private boolean isMasked(long j) {
        while (count > 0 && ends[head] <= j) {
            head = (head + 1) % MAX_INTERVALS;
            count--;
        }
        return count > 0 && starts[head] <= j;
    }

    /**
     * Adds [start, end) to the masking intervals, clamped to what is not yet emitted. Intervals stay
     * sorted and disjoint whatever order they come in: a retroactive one (the detector reaching back to
     * a tone's onset) may start before one already added for later samples (an RFC 4733 event).
     */
    private void mask(long start, long end) {
        long firstOpen = emitted - delay;
        if (start < firstOpen) {
            if (end > firstOpen && start < firstOpen - preMargin) {
                lateSamples += firstOpen - preMargin - start; // only what the pre-margin did not allow for
            }
            start = firstOpen;
        }
        if (end <= start) {
            return;
        }
        int later = 0;
        while (count > 0) {
            int last = (head + count - 1) % MAX_INTERVALS;
            if (ends[last] < start) {
                break; // wholly before the new interval: stays
            }
            if (starts[last] > end) {
                laterStarts[later] = starts[last]; // wholly after: goes back in after the new one
                laterEnds[later] = ends[last];
                later++;
            } else {
                start = Math.min(start, starts[last]);
                end = Math.max(end, ends[last]);
            }
            count--;
        }
        append(start, end);
        while (later > 0) {
            later--;
            append(laterStarts[later], laterEnds[later]);
        }
    }

    private void append(long start, long end) {
        if (count == MAX_INTERVALS) {
            // cannot happen at real-time rates (intervals are merged); keep the guarantee anyway
            int last = (head + count - 1) % MAX_INTERVALS;
            starts[last] = Math.min(starts[last], start);
            ends[last] = Math.max(ends[last], end);
            return;
        }
        int slot = (head + count) % MAX_INTERVALS;
        starts[slot] = start;
        ends[slot] = end;
        count++;
    }

    /** Bridges the detector's reports: suspicion becomes masking, digits go on. */
    private final class Listener implements InbandListener {
        @Override
        public void toneSuspected(long fromSample, long toSample) {
            mask(fromSample - preMargin, toSample + postMargin);
        }

        @Override
        public void digitStarted(DtmfDigit digit, long onsetSample) {
            digits.digitStarted(digit, onsetSample);
        }

        @Override
        public void digitEnded(DtmfDigit digit, long endSample) {
            digits.digitEnded(digit, endSample);
        }
    }
}
