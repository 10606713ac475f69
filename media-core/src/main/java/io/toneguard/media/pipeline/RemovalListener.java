package io.toneguard.media.pipeline;

/**
 * Hears of packets a stage drops with {@link DropReason#REMOVED}, just before their release, so
 * that a later sequence rewriter can renumber around them.
 */
@FunctionalInterface
public interface RemovalListener {
    RemovalListener NONE = p -> { };

    /** Called on the event loop with the packet still readable; must not keep the context. */
    void removed(PacketContext p);
}
