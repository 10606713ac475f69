package io.toneguard.server.capture;

/**
 * What a capture may do to its call besides reading digits: mute the caller -> agent audio, and
 * pause or resume the recording. Implementations are fast and never throw.
 */
public interface CallControls {
    CallControls NONE = new CallControls() { };

    /** Silences (or restores) everything the agent hears from the caller. */
    default void muteCallerAudio(boolean muted) {
    }

    /** Pauses the call's recording for a capture; true if a recording was actually paused. */
    default boolean pauseRecording(String captureId) {
        return false;
    }

    /** Resumes it after the capture; true if a recording was actually resumed. */
    default boolean resumeRecording(String captureId) {
        return false;
    }
}
