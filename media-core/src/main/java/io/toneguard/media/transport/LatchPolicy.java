package io.toneguard.media.transport;

import java.time.Duration;

/**
 * How symmetric RTP latching learns a peer's address.
 *
 * @param probationPackets consecutive in-sequence packets from one new address before it is
 *     trusted (an address matching the signalled one is trusted at once)
 * @param relatchAfterSilence how long the latched address must be silent before another address
 *     may take over (NAT rebinding); a competing address is ignored while the peer is alive
 */
public record LatchPolicy(int probationPackets, Duration relatchAfterSilence) {
    /** Two in-sequence packets, and a second of silence before re-latching. */
    public static final LatchPolicy DEFAULT = new LatchPolicy(2, Duration.ofSeconds(1));

    public LatchPolicy {
        if (probationPackets < 1) {
            throw new IllegalArgumentException("probationPackets must be at least 1");
        }
        if (relatchAfterSilence.isNegative()) {
            throw new IllegalArgumentException("relatchAfterSilence must not be negative");
        }
    }
}
