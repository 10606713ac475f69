package io.toneguard.dtmf.rfc4733;

import io.netty.buffer.ByteBuf;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import io.toneguard.media.rfc4733.Rfc4733Validation;
import io.toneguard.media.rtp.RtpPacket;

/**
 * Turns the telephone-event packets of one RTP stream into key presses (RFC 4733 §2.5): exactly one
 * {@code digitStarted} and at most one {@code digitEnded} per press, with source {@link DigitSource#RFC4733}.
 *
 * <p>An event is identified by (SSRC, RTP timestamp). The redundant end packets, retransmissions,
 * duplicates and late packets of a recent event are ignored. The first packet seen of a new event starts
 * the digit, even if it is an end packet (then the digit starts and ends at once). A press whose end
 * packets were all lost ends when the next event begins or when {@link #tick} finds it silent for the
 * configured timeout. The segments of an event longer than 65535 samples (§2.5.1.3, §2.5.2.3: same code, next
 * timestamp = previous timestamp + previous duration, E bit clear) are one press. Every 4-byte block of a
 * payload is an event (§2.5.1.5); the block after the first starts where the previous one ended. Event
 * codes other than 0-15 (e.g. 16, flash) and malformed payloads are counted and ignored.
 *
 * <p>Onset is the event's RTP timestamp (of its first segment); the end is the last segment's timestamp
 * plus the longest duration seen; both unsigned 32-bit. Single-threaded, allocation-free per packet; one
 * instance per stream, created once.
 */
public final class Rfc4733EventTracker {
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private final DigitListener listener;
    private final long timeoutNanos;
    private final int segmentTolerance;
    private final int reorderWindow;

    /** Ring of recently started event keys (segments included). */
    private final int[] historySsrc;
    private final int[] historyTimestamp;
    private int historyCount;
    private int historyNext;

    /** The event that has started and not yet ended. */
    private boolean open;
    private DtmfDigit openDigit;
    private int openSsrc;
    private int openTimestamp;
    private int openDuration;
    private long lastProgressNanos;

    /** Start of the newest event seen on the current SSRC. */
    private boolean haveNewest;
    private int newestSsrc;
    private int newestTimestamp;

    private long packets;
    private long duplicates;
    private long late;
    private long malformed;
    private long nonDtmfEvents;
    private long timeouts;
    private long superseded;

    /** A tracker with {@link Rfc4733TrackerConfig#DEFAULT}. */
    public Rfc4733EventTracker(DigitListener listener) {
        this(listener, Rfc4733TrackerConfig.DEFAULT);
    }

    /** A tracker reporting to {@code listener} (which must not throw), with the given options. */
    public Rfc4733EventTracker(DigitListener listener, Rfc4733TrackerConfig config) {
        if (listener == null || config == null) {
            throw new NullPointerException(listener == null ? "listener" : "config");
        }
        this.listener = listener;
        this.timeoutNanos = config.timeoutNanos();
        this.segmentTolerance = config.segmentToleranceSamples();
        this.reorderWindow = config.reorderWindowSamples();
        this.historySsrc = new int[config.historySize()];
        this.historyTimestamp = new int[config.historySize()];
    }

    /**
     * Takes one telephone-event packet (the caller has checked the payload type). Never throws on a
     * malformed payload.
     *
     * @param arrivalNanos receive time on the clock that {@link #tick} uses
     */
    public void accept(RtpPacket packet, long arrivalNanos) {
        packets++;
        if (!packet.isWrapped()) {
            malformed++;
            return;
        }
        ByteBuf buf = packet.buffer();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        if (Rfc4733Payload.validate(buf, offset, length) != Rfc4733Validation.VALID) {
            malformed++;
            return;
        }
        int ssrc = packet.ssrc();
        int timestamp = (int) packet.timestamp();
        int blocks = Rfc4733Payload.blockCount(length);
        for (int i = 0; i < blocks; i++) {
            int index = offset + i * Rfc4733Payload.BLOCK_LENGTH;
            int duration = Rfc4733Payload.duration(buf, index);
            acceptBlock(ssrc, timestamp, Rfc4733Payload.event(buf, index), Rfc4733Payload.isEnd(buf, index),
                    duration, arrivalNanos);
            timestamp += duration;
        }
    }

    /** Ends the open event if none of its packets brought news for the timeout (its end packets were lost). */
    public void tick(long nowNanos) {
        if (open && nowNanos - lastProgressNanos >= timeoutNanos) {
            timeouts++;
            finish();
        }
    }

    /** Whether a key press has started and not yet ended. */
    public boolean inEvent() {
        return open;
    }

    /** Packets given to {@link #accept}. */
    public long packets() {
        return packets;
    }

    /**
     * Event blocks that told nothing new: of an ended or older event, or of the open event without a longer
     * duration or an end (retransmissions, redundant end packets, network duplicates).
     */
    public long duplicates() {
        return duplicates;
    }

    /** Blocks of an unseen event older than the newest one of the stream (its packets all came late). */
    public long late() {
        return late;
    }

    /** Packets with no usable payload (not a whole number of 4-byte blocks, or none). */
    public long malformed() {
        return malformed;
    }

    /** Blocks with an event code that is not a DTMF key (16 flash, 17 and above). */
    public long nonDtmfEvents() {
        return nonDtmfEvents;
    }

    /** Presses ended by {@link #tick} because their end packets were lost. */
    public long timeouts() {
        return timeouts;
    }

    /** Presses ended because a new event began before their end packet arrived. */
    public long superseded() {
        return superseded;
    }

    private void acceptBlock(int ssrc, int timestamp, int event, boolean end, int duration, long nowNanos) {
        DtmfDigit digit = DtmfDigit.ofEvent(event);
        if (digit == null) {
            nonDtmfEvents++;
            return;
        }
        if (open && ssrc == openSsrc && timestamp == openTimestamp) {
            update(digit, end, duration, nowNanos);
            return;
        }
        if (remembered(ssrc, timestamp)) {
            duplicates++;
            return;
        }
        if (isLate(ssrc, timestamp)) {
            late++;
            return;
        }
        remember(ssrc, timestamp);
        if (open && continuesOpenEvent(ssrc, timestamp, digit)) {
            openTimestamp = timestamp;
            openDuration = duration;
            lastProgressNanos = nowNanos;
            if (end) {
                finish();
            }
            return;
        }
        if (open) {
            superseded++;
            finish();
        }
        open = true;
        openDigit = digit;
        openSsrc = ssrc;
        openTimestamp = timestamp;
        openDuration = duration;
        lastProgressNanos = nowNanos;
        listener.digitStarted(digit, DigitSource.RFC4733, timestamp & TIMESTAMP_MASK);
        if (end) {
            finish();
        }
    }

    private void update(DtmfDigit digit, boolean end, int duration, long nowNanos) {
        if (digit != openDigit || (!end && duration <= openDuration)) {
            // a retransmission, a reordered older update, or a conflicting code on the same key
            duplicates++;
            if (digit == openDigit && duration == openDuration) {
                lastProgressNanos = nowNanos;
            }
            return;
        }
        if (duration > openDuration) {
            openDuration = duration;
        }
        lastProgressNanos = nowNanos;
        if (end) {
            finish();
        }
    }

    /** A new segment of the open long event: same SSRC and code, after a near-maximal segment, contiguous. */
    private boolean continuesOpenEvent(int ssrc, int timestamp, DtmfDigit digit) {
        if (ssrc != openSsrc || digit != openDigit || openDuration < Rfc4733Payload.MAX_DURATION - segmentTolerance) {
            return false;
        }
        int gap = timestamp - (openTimestamp + openDuration);
        return Integer.compareUnsigned(gap, segmentTolerance) <= 0;
    }

    private boolean isLate(int ssrc, int timestamp) {
        if (!haveNewest || ssrc != newestSsrc) {
            return false;
        }
        int behind = newestTimestamp - timestamp;
        return behind != 0 && Integer.compareUnsigned(behind, reorderWindow) <= 0;
    }

    private boolean remembered(int ssrc, int timestamp) {
        for (int i = 0; i < historyCount; i++) {
            if (historyTimestamp[i] == timestamp && historySsrc[i] == ssrc) {
                return true;
            }
        }
        return false;
    }

    /** Records a new key; it is the newest of its SSRC (older unseen keys were dropped as late). */
    private void remember(int ssrc, int timestamp) {
        historySsrc[historyNext] = ssrc;
        historyTimestamp[historyNext] = timestamp;
        historyNext = historyNext + 1 == historySsrc.length ? 0 : historyNext + 1;
        if (historyCount < historySsrc.length) {
            historyCount++;
        }
        haveNewest = true;
        newestSsrc = ssrc;
        newestTimestamp = timestamp;
    }

    private void finish() {
        open = false;
        listener.digitEnded(openDigit, DigitSource.RFC4733, (openTimestamp + openDuration) & TIMESTAMP_MASK);
    }

    /** Counters only; never an event code. */
    @Override
    public String toString() {
        return "Rfc4733EventTracker[packets=" + packets + ", duplicates=" + duplicates + ", late=" + late
                + ", malformed=" + malformed + ", nonDtmfEvents=" + nonDtmfEvents + ", timeouts=" + timeouts
                + ", superseded=" + superseded + ", inEvent=" + open + ']';
    }
}
