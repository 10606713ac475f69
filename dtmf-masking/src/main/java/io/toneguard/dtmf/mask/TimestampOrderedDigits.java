package io.toneguard.dtmf.mask;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.inband.InbandListener;

/**
 * In-band digit detection in RTP timestamp order, for a stream whose packets arrive out of order. The
 * masker must work in arrival order (it cannot hold audio back), and there a reordered packet cuts a
 * key's tone into pieces too short to decode; this detector sees the audio as it was sent. A packet
 * that arrives ahead of a gap is held (up to {@value #HOLD}) until the missing one comes or the gap
 * is given up as lost; one that comes after its gap was given up is not fed at all. Its digits go to
 * the stream's merger as in-band digits, at their RTP timestamps. Created only for streams that
 * reorder; allocates nothing per packet.
 */
final class TimestampOrderedDigits {
    /** Packets held while waiting for a missing one. */
    static final int HOLD = 2;

    private final InbandDtmfDetector detector;
    private final DigitListener merger;
    private final RtpTimeline timeline = new RtpTimeline();
    private final short[][] held;
    private final long[] heldTs = new long[HOLD];
    private final int[] heldLength = new int[HOLD];
    private int heldCount;
    /** The RTP timestamp of the next sample the detector expects; -1 before any. */
    private long expectedTs = -1;

    TimestampOrderedDigits(DetectorSettings settings, DigitListener merger, int maxSamples) {
        this.merger = merger;
        this.detector = new InbandDtmfDetector(settings, new Listener());
        this.held = new short[HOLD][maxSamples];
    }

    /** A packet's audio as received (before masking): {@code n} samples from RTP timestamp {@code ts}. */
    void accept(long ts, short[] samples, int n) {
        if (expectedTs < 0 || ts == expectedTs) {
            feed(ts, samples, 0, n);
            drainHeld();
            return;
        }
        if ((int) (ts - expectedTs) < 0) {
            return; // its place was given up as lost: the audio around it has gone to the detector already
        }
        if (heldCount == HOLD) {
            giveUpGap();
            accept(ts, samples, n);
            return;
        }
        int at = heldCount;
        while (at > 0 && (int) (heldTs[at - 1] - ts) > 0) {
            at--;
        }
        if (at < heldCount && heldTs[at] == ts) {
            return; // a duplicate
        }
        short[] slot = held[heldCount];
        for (int i = heldCount; i > at; i--) {
            held[i] = held[i - 1];
            heldTs[i] = heldTs[i - 1];
            heldLength[i] = heldLength[i - 1];
        }
        held[at] = slot;
        System.arraycopy(samples, 0, slot, 0, n);
        heldTs[at] = ts;
        heldLength[at] = n;
        heldCount++;
    }

    /** Ends a digit still held down (the stream stopped). */
    void flush() {
        while (heldCount > 0) {
            giveUpGap();
        }
        detector.flush();
    }

    private void feed(long ts, short[] samples, int off, int n) {
        if (expectedTs >= 0 && ts != expectedTs) {
            detector.discontinuity();
        }
        timeline.add(detector.sampleCount(), ts);
        detector.process(samples, off, n);
        expectedTs = (ts + n) & 0xFFFF_FFFFL;
    }

    /** The missing audio before the oldest held packet is taken as lost: feed from there on. */
    private void giveUpGap() {
        expectedTs = heldTs[0];
        drainHeld();
    }

    private void drainHeld() {
        while (heldCount > 0 && heldTs[0] == expectedTs) {
            short[] first = held[0];
            feed(heldTs[0], first, 0, heldLength[0]);
            for (int i = 1; i < heldCount; i++) {
                held[i - 1] = held[i];
                heldTs[i - 1] = heldTs[i];
                heldLength[i - 1] = heldLength[i];
            }
            heldCount--;
            held[heldCount] = first;
        }
    }

    private final class Listener implements InbandListener {
        @Override
        public void toneSuspected(long fromSample, long toSample) {
            // masking is the arrival-order masker's
        }

        @Override
        public void digitStarted(DtmfDigit digit, long onsetSample) {
            merger.digitStarted(digit, DigitSource.INBAND, timeline.timestampOf(onsetSample));
        }

        @Override
        public void digitEnded(DtmfDigit digit, long endSample) {
            merger.digitEnded(digit, DigitSource.INBAND, timeline.timestampOf(endSample));
        }
    }
}
