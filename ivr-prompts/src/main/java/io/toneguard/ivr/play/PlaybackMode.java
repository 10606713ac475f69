package io.toneguard.ivr.play;

/**
 * What the caller hears from the agent side, set by the flow on {@link PlayPromptStage#mode}.
 * Whatever the mode, a playing prompt replaces the agent's audio, and is sent even when the agent
 * side sends nothing.
 */
public enum PlaybackMode {
    /** Agent audio reaches the caller whenever no prompt is playing (a normal call; the default). */
    PASS,
    /** The caller hears prompts or silence, never the agent; nothing is sent between prompts when the agent sends nothing. */
    SILENCE,
    /**
     * As {@link #SILENCE}, and the caller's stream never pauses: when the agent side sends nothing,
     * silence packets are sent between prompts too, so that an RTP timeout or a NAT binding at the
     * caller's end does not expire while the IVR waits for input.
     */
    PROMPT
}
