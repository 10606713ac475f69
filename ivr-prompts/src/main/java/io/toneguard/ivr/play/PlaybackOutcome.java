package io.toneguard.ivr.play;

/** How a playback ended. */
public enum PlaybackOutcome {
    /** Every clip was played to the end. */
    COMPLETED,
    /** {@link PromptPlayer#stop()} ended it (barge-in), while playing or before it started. */
    STOPPED
}
