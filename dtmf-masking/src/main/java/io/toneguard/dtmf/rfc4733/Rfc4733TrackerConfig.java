package io.toneguard.dtmf.rfc4733;

import io.toneguard.media.rfc4733.Rfc4733Payload;
import java.util.concurrent.TimeUnit;

/**
 * Options of an {@link Rfc4733EventTracker}. Sample counts are in RTP timestamp units of the
 * telephone-event clock (8 kHz unless negotiated otherwise).
 *
 * @param timeoutNanos an open event with no packet for this long is ended by {@link Rfc4733EventTracker#tick}
 * @param historySize how many recent (SSRC, timestamp) event keys are remembered to drop late packets
 * @param segmentToleranceSamples how far a long event's next segment may start after the end last seen of
 *     the previous one (lost packets), and how far below 65535 that previous segment may have been seen
 * @param reorderWindowSamples an unseen event starting at most this far before the newest event of the same
 *     SSRC arrived out of order and is dropped; further back is taken as a timestamp jump and tracked
 */
public record Rfc4733TrackerConfig(long timeoutNanos, int historySize, int segmentToleranceSamples,
        int reorderWindowSamples) {

    /** 250 ms: longer than any sane update interval (RFC 4733 senders update every 10-50 ms). */
    public static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The last 16 events. */
    public static final int DEFAULT_HISTORY_SIZE = 16;
    /** 1600 samples, 200 ms at 8 kHz. */
    public static final int DEFAULT_SEGMENT_TOLERANCE_SAMPLES = 1600;
    /** 8000 samples, 1 s at 8 kHz: no packet is held back longer than that by a network. */
    public static final int DEFAULT_REORDER_WINDOW_SAMPLES = 8000;

    /** All defaults. */
    public static final Rfc4733TrackerConfig DEFAULT = new Rfc4733TrackerConfig(DEFAULT_TIMEOUT_NANOS,
            DEFAULT_HISTORY_SIZE, DEFAULT_SEGMENT_TOLERANCE_SAMPLES, DEFAULT_REORDER_WINDOW_SAMPLES);

    /** Checks the ranges: positive timeout, history 1-1024, tolerance 0-65535, window 0 or more. */
    public Rfc4733TrackerConfig {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos must be positive: " + timeoutNanos);
        }
        if (historySize < 1 || historySize > 1024) {
            throw new IllegalArgumentException("historySize must be 1-1024: " + historySize);
        }
        if (segmentToleranceSamples < 0 || segmentToleranceSamples > Rfc4733Payload.MAX_DURATION) {
            throw new IllegalArgumentException("segmentToleranceSamples must be 0-65535: " + segmentToleranceSamples);
        }
        if (reorderWindowSamples < 0) {
            throw new IllegalArgumentException("reorderWindowSamples must not be negative: " + reorderWindowSamples);
        }
    }

    /** A copy with another timeout. */
    public Rfc4733TrackerConfig withTimeoutNanos(long nanos) {
        return new Rfc4733TrackerConfig(nanos, historySize, segmentToleranceSamples, reorderWindowSamples);
    }
}
