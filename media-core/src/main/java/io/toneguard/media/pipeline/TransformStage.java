package io.toneguard.media.pipeline;

/** A stage that may change the packet in place, or drop it with a reason. */
public abstract non-sealed class TransformStage extends MediaStage {
    protected TransformStage(String name) {
        super(name);
    }

    @Override
    final void process(PacketContext p) {
        DropReason verdict = transform(p);
        if (verdict == DropReason.NONE) {
            forward(p);
        } else {
            drop(p, verdict);
        }
    }

    /** Changes {@code p} as needed; returns {@link DropReason#NONE} to pass it on, else why it is dropped. */
    protected abstract DropReason transform(PacketContext p);
}
