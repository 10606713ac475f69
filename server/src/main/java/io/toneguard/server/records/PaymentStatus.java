package io.toneguard.server.records;

/** Where a payment attempt is. */
public enum PaymentStatus {
    SUBMITTED("submitted"),
    APPROVED("approved"),
    DECLINED("declined"),
    FAILED("failed");

    private final String apiName;

    PaymentStatus(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
