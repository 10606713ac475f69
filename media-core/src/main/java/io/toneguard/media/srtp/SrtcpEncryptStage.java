package io.toneguard.media.srtp;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Encrypts RTCP toward an SRTP leg in place; the last stage before the send, so it sees the final, rewritten packet and the rollover counter follows the sequence numbers that leave. */
public final class SrtcpEncryptStage extends TransformStage {
    private SrtpSession session;

    public SrtcpEncryptStage(SrtpSession session) {
        super("srtcp-encrypt");
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
        TailRoom.ensure(p);
        return session.protectRtcp(p.buffer());
    }
}
