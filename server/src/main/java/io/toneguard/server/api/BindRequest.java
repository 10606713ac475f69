package io.toneguard.server.api;

/** The body of {@code POST /api/v1/calls/{callId}/bind}: the agent the call is for. */
record BindRequest(String agent) {
    String agentName() {
        if (agent == null || agent.isBlank()) {
            throw ApiProblem.badRequest("agent is required");
        }
        return agent;
    }
}
