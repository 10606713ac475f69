package io.toneguard.server.api;

/**
 * A request the agent API refuses, with the HTTP status and a message fit for the agent (never card
 * data): 400 bad request, 404 unknown or not yours, 409 not allowed in the current state.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;

    public ApiProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(400, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(404, message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(409, message);
    }

    public int status() {
        return status;
    }
}
