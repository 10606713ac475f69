package io.toneguard.server.capture;

import java.util.List;

/** What a capture collects: a payment card or a bank account (ACH). */
public enum CaptureKind {
    CARD("card", List.of(CaptureField.CARD_NUMBER, CaptureField.EXPIRY, CaptureField.SECURITY_CODE, CaptureField.POSTCODE)),
    BANK_ACCOUNT("bankAccount", List.of(CaptureField.ROUTING_NUMBER, CaptureField.ACCOUNT_NUMBER));

    private final String apiName;
    private final List<CaptureField> fields;

    CaptureKind(String apiName, List<CaptureField> fields) {
        this.apiName = apiName;
        this.fields = fields;
    }

    /** The name in the API and configuration. */
    public String apiName() {
        return apiName;
    }

    /** The fields of this kind, in the order they are usually asked for. */
    public List<CaptureField> fields() {
        return fields;
    }

    public static CaptureKind fromApiName(String name) {
        for (CaptureKind k : values()) {
            if (k.apiName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown capture kind '" + name + "' (card or bankAccount)");
    }
}
