package io.toneguard.media.pipeline;

/**
 * The end of a pipeline. {@link #consume} must either take the buffer with
 * {@link PacketContext#handOff()} (counted as out) or return a drop reason (the pipeline
 * releases it).
 */
public abstract non-sealed class SinkStage extends MediaStage {
    protected SinkStage(String name) {
        super(name);
    }

    @Override
    final void process(PacketContext p) {
        DropReason verdict = consume(p);
        if (verdict == DropReason.NONE) {
            stats().out();
            p.release(); // no-op when the sink handed the buffer off
        } else {
            drop(p, verdict);
        }
    }

    /** Delivers the packet; returns {@link DropReason#NONE} on success, else why it could not. */
    protected abstract DropReason consume(PacketContext p);
}
