package io.toneguard.media.srtp;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Encrypts RTCP toward an SRTP leg in place; the last stage before the send, so it sees the final, rewritten packet and the rollover counter follows the sequence numbers that leave. */
public final class SrtcpEncryptStage extends TransformStage {
    private final SrtpSession session;

    public SrtcpEncryptStage(SrtpSession session) {
        super("srtcp-encrypt");
        this.session = session;
    }

    public SrtpSession session() {
        return session;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        TailRoom.ensure(p);
        return session.protectRtcp(p.buffer());
    }
}
