package io.toneguard.media.srtp;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Decrypts and authenticates RTCP from an SRTP leg in place; the first stage of that leg's inbound RTCP pipeline (packets that fail are dropped and counted by reason). */
public final class SrtcpDecryptStage extends TransformStage {
    private final SrtpSession session;

    public SrtcpDecryptStage(SrtpSession session) {
        super("srtcp-decrypt");
        this.session = session;
    }

    public SrtpSession session() {
        return session;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        return session.unprotectRtcp(p.buffer());
    }
}
