package io.toneguard.media.sdp;

import java.util.Locale;

/** The {@code a=setup} role of RFC 4145 / RFC 5763 (DTLS-SRTP). */
public enum SetupRole {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    public static SetupRole parse(String value) {
        return switch (value) {
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "actpass" -> ACTPASS;
            case "holdconn" -> HOLDCONN;
            default -> throw new IllegalArgumentException("a=setup must be active, passive, actpass or holdconn");
        };
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
