package io.toneguard.media.pipeline;

/**
 * One step of a media pipeline. The family is closed: a stage transforms, filters, observes, or
 * is the sink at the end. Each stage counts what passes through it.
 */
public abstract sealed class MediaStage permits TransformStage, FilterStage, ObserverStage, SinkStage {
    private final String name;
    private final StageStats stats = new StageStats();
    private MediaStage next;
    private RemovalListener removalListener = RemovalListener.NONE;

    protected MediaStage(String name) {
        this.name = name;
    }

    /** The stage's name, also the key of its statistics. */
    public final String name() {
        return name;
    }

    public final StageStats stats() {
        return stats;
    }

    /** Entry point: counts the packet in and processes it. */
    public final void accept(PacketContext p) {
        stats.in(p.length());
        process(p);
    }

    abstract void process(PacketContext p);

    final void forward(PacketContext p) {
        stats.out();
        next.accept(p);
    }

    final void drop(PacketContext p, DropReason why) {
        stats.countDrop(why);
        if (why == DropReason.REMOVED) {
            removalListener.removed(p);
        }
        p.release();
    }

    final void linkTo(MediaStage following, RemovalListener listener) {
        this.next = following;
        this.removalListener = listener;
    }

    final MediaStage next() {
        return next;
    }
}
