package io.toneguard.media.relay;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.FilterStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.PacketKind;
import io.toneguard.media.transport.SymmetricLatch;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Admits only packets from the peer's latched address (symmetric RTP with hijack protection).
 * For RTCP, only the host that the RTP stream latched to (or was signalled) may latch. Packets
 * generated locally ({@link PacketContext#generated()}) come from no peer and always pass.
 */
public final class AdmitSourceStage extends FilterStage {
    private final SymmetricLatch latch;
    private final SymmetricLatch rtpLatch;

    /** For RTP: {@code latch} is the RTP latch. */
    public static AdmitSourceStage rtp(SymmetricLatch latch) {
        return new AdmitSourceStage("admit-rtp-source", latch, null);
    }

    /** For RTCP: the RTCP latch, constrained to the host of the RTP latch. */
    public static AdmitSourceStage rtcp(SymmetricLatch rtcpLatch, SymmetricLatch rtpLatch) {
        return new AdmitSourceStage("admit-rtcp-source", rtcpLatch, rtpLatch);
    }

    private AdmitSourceStage(String name, SymmetricLatch latch, SymmetricLatch rtpLatch) {
        super(name, DropReason.UNEXPECTED_SOURCE);
        this.latch = latch;
        this.rtpLatch = rtpLatch;
    }

    @Override
    protected boolean test(PacketContext p) {
        if (p.generated()) {
            return true;
        }
        int seq = p.kind() == PacketKind.RTP ? p.rtp().sequenceNumber() : -1;
        return latch.admit(p.sender(), seq, p.receivedNanos(), requiredHost());
    }

    private InetAddress requiredHost() {
        if (rtpLatch == null) {
            return null;
        }
        InetSocketAddress rtpPeer = rtpLatch.destination();
        return rtpPeer == null ? null : rtpPeer.getAddress();
    }
}
