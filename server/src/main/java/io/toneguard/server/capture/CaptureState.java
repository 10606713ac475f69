package io.toneguard.server.capture;

/** Where a capture is. The last five are final. */
public enum CaptureState {
    /** Fields are still missing (one may be being entered). */
    COLLECTING("collecting"),
    /** Every required field is obtained: Process Payment is allowed. */
    READY("ready"),
    /** The payment is with the gateway. */
    PROCESSING("processing"),
    APPROVED("approved"),
    DECLINED("declined"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    TIMED_OUT("timedOut");

    private final String apiName;

    CaptureState(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public boolean isFinal() {
        return ordinal() >= APPROVED.ordinal();
    }
}
