package io.toneguard.sip;

import java.time.Instant;

/**
 * What the rest of ToneGuard may know about a call: ids, parties, state, media ports. Never any
 * digit.
 */
public interface CallInfo {
    /** ToneGuard's own id of the call (also in every log line about it). */
    String id();

    CallState state();

    /** The caller's From URI. */
    String caller();

    /** Leg B's target URI. */
    String target();

    Instant startedAt();

    /** Answer time, or null while unanswered. */
    Instant answeredAt();

    /** ToneGuard's RTP port facing the caller. */
    int callerMediaPort();

    /** ToneGuard's RTP port facing the agent side. */
    int agentMediaPort();

    /** A header of leg B's answer (e.g. one naming the agent), or null. */
    String agentAnswerHeader(String name);
}
