package io.toneguard.media.relay;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;

/** Applies a {@link StreamRewriter} to each RTP packet. */
public final class RewriteStreamStage extends TransformStage {
    private final StreamRewriter rewriter;

    public RewriteStreamStage(StreamRewriter rewriter) {
        super("rewrite-stream");
        this.rewriter = rewriter;
    }

    @Override
    protected DropReason transform(PacketContext p) {
        rewriter.rewrite(p.rtp(), p.receivedNanos());
        return DropReason.NONE;
    }
}
