package io.toneguard.server.capture;

/** One field a caller keys in. All of them are card data: their digits never leave the capture's buffers. */
public enum CaptureField {
    CARD_NUMBER("cardNumber", 19),
    EXPIRY("expiry", 4),
    SECURITY_CODE("securityCode", 4),
    POSTCODE("postcode", 10),
    ROUTING_NUMBER("routingNumber", 9),
    ACCOUNT_NUMBER("accountNumber", 17);

    private final String apiName;
    private final int maxDigits;

    CaptureField(String apiName, int maxDigits) {
        this.apiName = apiName;
        this.maxDigits = maxDigits;
    }

    /** The name in the API, events and configuration. */
    public String apiName() {
        return apiName;
    }

    /** The most digits the field takes; one more ends the field as invalid. */
    public int maxDigits() {
        return maxDigits;
    }

    public static CaptureField fromApiName(String name) {
        for (CaptureField f : values()) {
            if (f.apiName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown field '" + name + "'");
    }
}
