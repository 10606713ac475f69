package io.toneguard.ivr.play;

/**
 * Hears when a playback ends, on the player's callback executor. Must not throw; with a
 * same-thread executor it runs on the media event loop and must also be quick.
 */
@FunctionalInterface
public interface PlaybackListener {
    PlaybackListener NONE = (playback, outcome) -> { };

    void finished(Playback playback, PlaybackOutcome outcome);
}
