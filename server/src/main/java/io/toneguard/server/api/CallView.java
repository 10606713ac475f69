package io.toneguard.server.api;

import java.time.Instant;

/**
 * A call as an agent sees it.
 *
 * @param agent the agent the call is bound to, or null while unbound
 * @param captureId the capture running on the call, or null
 */
public record CallView(String id, String state, String caller, String target, String agent, Instant startedAt,
        Instant answeredAt, String captureId) {
}
