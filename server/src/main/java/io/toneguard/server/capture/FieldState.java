package io.toneguard.server.capture;

/** Where one field is. */
public enum FieldState {
    /** Not asked for yet, or cleared. */
    WAITING("waiting"),
    /** The caller is keying it (a digit count is shown). */
    ENTERING("entering"),
    /** Keyed and valid (a masked value is shown). */
    OBTAINED("obtained"),
    /** Keyed and not valid (a reason is shown); the agent re-requests it. */
    INVALID("invalid");

    private final String apiName;

    FieldState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
