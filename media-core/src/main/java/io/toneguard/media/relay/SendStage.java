package io.toneguard.media.relay;

import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.transport.MediaEndpoint;

/** Sends the packet out of an endpoint to its peer; the endpoint is flushed after the read batch. */
public final class SendStage extends SinkStage {
    private final MediaEndpoint out;

    public SendStage(MediaEndpoint out) {
        super("send-" + out.name());
        this.out = out;
    }

    @Override
    protected DropReason consume(PacketContext p) {
        DropReason verdict = out.send(p.buffer(), p.kind());
        if (verdict == DropReason.NONE) {
            p.handOff();
        }
        return verdict;
    }
}
