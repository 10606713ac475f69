package io.toneguard.media.pipeline;

/** A stage that looks at every packet and always passes it on unchanged. */
public abstract non-sealed class ObserverStage extends MediaStage {
    protected ObserverStage(String name) {
        super(name);
    }

    @Override
    final void process(PacketContext p) {
        observe(p);
        forward(p);
    }

    protected abstract void observe(PacketContext p);
}
