package io.toneguard.media.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Symmetric RTP (RFC 4961 practice, "comedia"): learns where a peer really sends from (it may sit
 * behind NAT) and sends back there, while refusing a third party that tries to take the stream.
 *
 * <ul>
 *   <li>A packet from the address signalled in SDP latches at once.</li>
 *   <li>Otherwise an address latches after {@link LatchPolicy#probationPackets()} consecutive,
 *       in-sequence packets; packets are not admitted while on probation.</li>
 *   <li>Once latched, packets from any other address are refused, unless the latched address has
 *       been silent for {@link LatchPolicy#relatchAfterSilence()} and the newcomer passes
 *       probation (a NAT that rebinds).</li>
 *   <li>With {@code requiredHost} set (RTCP following RTP), only that host may latch.</li>
 * </ul>
 *
 * Used by one event loop thread; {@link #destination()} may be read from others.
 */
public final class SymmetricLatch {
    private final LatchPolicy policy;
    private final long relatchNanos;
    private volatile InetSocketAddress expected;
    private volatile InetSocketAddress latched;
    private InetSocketAddress candidate;
    private int candidateCount;
    private int candidateLastSeq = -1;
    private long lastAdmittedNanos;
    private long refused;
    private long relatches;

    public SymmetricLatch(LatchPolicy policy) {
        this.policy = policy;
        this.relatchNanos = policy.relatchAfterSilence().toNanos();
    }

    /** Sets the address signalled by the peer (SDP) and forgets what was learnt. */
    public void expect(InetSocketAddress signalled) {
        this.expected = signalled;
        this.latched = null;
        this.candidate = null;
        this.candidateCount = 0;
    }

    /**
     * Decides whether a packet from {@code from} belongs to the stream.
     *
     * @param seq the RTP sequence number, or -1 for packets without one (RTCP)
     * @param requiredHost if not null, only this host may latch (RTCP follows the RTP peer)
     */
    public boolean admit(InetSocketAddress from, int seq, long nowNanos, InetAddress requiredHost) {
        InetSocketAddress current = latched;
        if (current != null && current.equals(from)) {
            lastAdmittedNanos = nowNanos;
            return true;
        }
        if (requiredHost != null && !requiredHost.equals(from.getAddress())) {
            refused++;
            return false;
        }
        if (current != null && nowNanos - lastAdmittedNanos < relatchNanos) {
            refused++;
            return false;
        }
        if (from.equals(expected) && current == null) {
            latch(from, nowNanos);
            return true;
        }
        if (!from.equals(candidate)) {
            candidate = from;
            candidateCount = 1;
        } else if (seq < 0 || seq == ((candidateLastSeq + 1) & 0xFFFF)) {
            candidateCount++;
        } else {
            candidateCount = 1;
        }
        candidateLastSeq = seq;
        if (candidateCount >= policy.probationPackets()) {
            if (current != null) {
                relatches++;
            }
            latch(from, nowNanos);
            return true;
        }
        refused++;
        return false;
    }

    private void latch(InetSocketAddress from, long nowNanos) {
        latched = from;
        lastAdmittedNanos = nowNanos;
        candidate = null;
        candidateCount = 0;
    }

    /** Where to send to this peer: the latched address, else the signalled one, else null. */
    public InetSocketAddress destination() {
        InetSocketAddress l = latched;
        return l != null ? l : expected;
    }

    public InetSocketAddress latched() {
        return latched;
    }

    public InetSocketAddress expected() {
        return expected;
    }

    /** Packets refused so far (foreign sources and packets on probation). */
    public long refused() {
        return refused;
    }

    /** How often the stream moved to a new address after the old one fell silent. */
    public long relatches() {
        return relatches;
    }
}
