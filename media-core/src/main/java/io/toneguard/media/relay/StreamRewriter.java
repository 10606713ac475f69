package io.toneguard.media.relay;

import io.toneguard.media.rtp.RtpPacket;

/**
 * Gives one outgoing RTP stream its own SSRC and a continuous sequence and timestamp space, like
 * jitsi's {@code SilenceDiscarder}: packets removed upstream leave no gap in sequence numbers, and
 * a change of source (a new SSRC arriving, e.g. after a re-INVITE or a prompt player) continues
 * the numbering where the previous source left off, with the timestamp advanced by the real time
 * elapsed and the marker bit set. It also counts what it sent, for the RTCP sender report.
 *
 * <p>Used only on the owning event loop; the RTCP rewriter of the same call reads it there too.
 */
public final class StreamRewriter {
    /** Removals remembered for reordered packets (a power of two). */
    private static final int REMOVALS = 64;
    private final int outSsrc;
    private final int clockRate;

    private boolean started;
    private int inSsrc;
    private int seqDelta;
    private long tsDelta;
    private int highestInSeq;
    private int lastOutSeq;
    private long lastOutTs;
    private long lastOutNanos;
    private long packets;
    private long octets;
    private long sourceSwitches;
    /**
     * Input sequence numbers of the latest removals that shifted the numbering (ring): a reordered
     * packet older than some of them keeps the numbering of its own time, so it cannot take the
     * number of a packet already sent.
     */
    private final int[] removals = new int[REMOVALS];
    private int removalHead;
    private int removalSize;

    /**
     * @param outSsrc the SSRC every packet leaves with
     * @param clockRate RTP clock rate of the stream (8000 for G.711), to advance timestamps across
     *     source switches
     */
    public StreamRewriter(int outSsrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        this.outSsrc = outSsrc;
        this.clockRate = clockRate;
    }

    /** Rewrites SSRC, sequence number and timestamp of {@code p} in place. */
    public void rewrite(RtpPacket p, long nowNanos) {
        int seq = p.sequenceNumber();
        long ts = p.timestamp();
        if (!started) {
            started = true;
            inSsrc = p.ssrc();
            seqDelta = 0;
            tsDelta = 0;
            highestInSeq = seq;
        } else if (p.ssrc() != inSsrc) {
            long elapsed = Math.max(1, (nowNanos - lastOutNanos) * clockRate / 1_000_000_000L);
            inSsrc = p.ssrc();
            seqDelta = (lastOutSeq + 1 - seq) & 0xFFFF;
            tsDelta = (lastOutTs + elapsed - ts) & 0xFFFF_FFFFL;
            highestInSeq = seq;
            removalSize = 0;
            sourceSwitches++;
            p.setMarker(true);
        } else if (isNewer(seq, highestInSeq)) {
            highestInSeq = seq;
        }
        int late = seq == highestInSeq ? 0 : removalsAfter(seq); // in order: no removal can be after it
        int outSeq = (seq + seqDelta + late) & 0xFFFF;
        long outTs = (ts + tsDelta) & 0xFFFF_FFFFL;
        p.setSsrc(outSsrc);
        p.setSequenceNumber(outSeq);
        p.setTimestamp(outTs);
        if (packets == 0 || isNewer(outSeq, lastOutSeq)) {
            lastOutSeq = outSeq;
            lastOutTs = outTs;
            lastOutNanos = nowNanos;
        }
        packets++;
        octets += p.payloadLength();
    }

    /**
     * Tells the rewriter that {@code p} (still in input numbering) was removed on purpose, so the
     * packets after it are renumbered to close the gap. A late (reordered) packet removed after
     * newer ones were sent cannot be hidden and is ignored.
     */
    public void removed(RtpPacket p) {
        int seq = p.sequenceNumber();
        if (!started) {
            started = true;
            inSsrc = p.ssrc();
            highestInSeq = seq;
            seqDelta = -1;
            lastOutSeq = (seq - 1) & 0xFFFF;
            lastOutTs = p.timestamp();
            return;
        }
        if (p.ssrc() == inSsrc && isNewer(seq, highestInSeq)) {
            highestInSeq = seq;
            seqDelta = (seqDelta - 1) & 0xFFFF;
            removals[removalHead] = seq;
            removalHead = (removalHead + 1) & (REMOVALS - 1);
            removalSize = Math.min(REMOVALS, removalSize + 1);
        }
    }

    /** How many of the remembered removals came after input sequence number {@code seq}, a reordered packet's. */
    private int removalsAfter(int seq) {
        int n = 0;
        for (int i = 0; i < removalSize; i++) {
            if (isNewer(removals[i], seq)) {
                n++;
            }
        }
        return n;
    }

    /** RFC 1982 serial number comparison on 16 bits: is {@code a} after {@code b}? */
    static boolean isNewer(int a, int b) {
        return (short) (a - b) > 0;
    }

    public int outputSsrc() {
        return outSsrc;
    }

    /** The SSRC of the source currently being relayed (meaningful once started). */
    public int inputSsrc() {
        return inSsrc;
    }

    public boolean started() {
        return started;
    }

    /** Maps an input RTP timestamp of the current source to the output timeline. */
    public long outputTimestamp(long inputTimestamp) {
        return (inputTimestamp + tsDelta) & 0xFFFF_FFFFL;
    }

    /**
     * Maps an extended highest sequence number, as the far end reports it for our output, back to
     * the input numbering (the offset is applied as a signed 16-bit shift on the extended value).
     */
    public long inputExtendedSequence(long outputExtendedSequence) {
        return (outputExtendedSequence - (short) seqDelta) & 0xFFFF_FFFFL;
    }

    /** Packets sent with this SSRC (for the RTCP sender report). */
    public long packetCount() {
        return packets;
    }

    /** Payload octets sent with this SSRC (for the RTCP sender report). */
    public long octetCount() {
        return octets;
    }

    public long sourceSwitches() {
        return sourceSwitches;
    }
}
