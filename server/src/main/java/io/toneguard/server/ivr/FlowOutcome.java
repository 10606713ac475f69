package io.toneguard.server.ivr;

/** How a payment IVR flow ended. */
public enum FlowOutcome {
    PAID("paid"),
    DECLINED("declined"),
    FAILED("failed"),
    /** The caller pressed 2 at the amount or * at any time, or the agent cancelled. */
    CANCELLED("cancelled"),
    NO_INPUT("noInput"),
    TOO_MANY_ATTEMPTS("tooManyAttempts"),
    /** No payment could be taken (a self-service amount could not be looked up, or the capture could not start). */
    UNAVAILABLE("unavailable"),
    /** A self-service amount lookup said nothing is due. */
    NOTHING_DUE("nothingDue");

    private final String apiName;

    FlowOutcome(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
