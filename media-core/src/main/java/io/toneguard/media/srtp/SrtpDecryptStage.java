package io.toneguard.media.srtp;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Decrypts and authenticates RTP from an SRTP leg in place; the first stage of that leg's inbound RTP pipeline (packets that fail are dropped and counted by reason). */
public final class SrtpDecryptStage extends TransformStage {
    private SrtpSession session;

    public SrtpDecryptStage(SrtpSession session) {
        super("srtp-decrypt");
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
        if (p.generated()) {
            return DropReason.NONE; // made by ToneGuard (a prompt toward the other leg): plaintext already
        }
        return session.unprotectRtp(p.buffer());
    }
}
