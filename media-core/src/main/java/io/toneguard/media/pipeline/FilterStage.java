package io.toneguard.media.pipeline;

/** A stage that passes or drops packets without changing them. */
public abstract non-sealed class FilterStage extends MediaStage {
    private final DropReason reason;

    protected FilterStage(String name, DropReason reason) {
        super(name);
        this.reason = reason;
    }

    @Override
    final void process(PacketContext p) {
        if (test(p)) {
            forward(p);
        } else {
            drop(p, reason);
        }
    }

    /** True to pass the packet on. */
    protected abstract boolean test(PacketContext p);
}
