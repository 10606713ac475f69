package io.toneguard.media.srtp;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Decrypts and authenticates RTCP from an SRTP leg in place; the first stage of that leg's inbound RTCP pipeline (packets that fail are dropped and counted by reason). */
public final class SrtcpDecryptStage extends TransformStage {
    private SrtpSession session;

    public SrtcpDecryptStage(SrtpSession session) {
        super("srtcp-decrypt");
        this.session = session;
    }

    public SrtpSession session() {
        return session;
    }

    /** Re-keys the leg: later packets use {@code next}. Call on the thread that runs this stage (the relay's event loop). */
    public void session(SrtpSession next) {
        this.session = java.util.Objects.requireNonNull(next, "session");
    }

    @Override
    protected DropReason transform(PacketContext p) {
        return session.unprotectRtcp(p.buffer());
    }
}
