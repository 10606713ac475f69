package io.toneguard.media.sdp;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An attribute ToneGuard does not interpret, preserved verbatim (name and optional value). */
public record GenericAttribute(String name, Optional<String> value) implements Attribute {

    private static final Set<String> TYPED = Set.of(RtpMap.NAME, Fmtp.NAME, Ptime.NAME, MaxPtime.NAME,
            Crypto.NAME, Fingerprint.NAME, SetupAttribute.NAME, RtcpAttribute.NAME,
            "sendrecv", "sendonly", "recvonly", "inactive");

    public GenericAttribute {
        SdpSyntax.requireToken(name, "attribute name");
        Objects.requireNonNull(value, "value");
        if (TYPED.contains(name)) {
            throw new IllegalArgumentException("a=" + name + " must be built with Attribute.of");
        }
        if (name.equals(RTCP_MUX) && value.isPresent()) {
            throw new IllegalArgumentException("a=rtcp-mux takes no value");
        }
        value.ifPresent(v -> SdpSyntax.requireText(v, "a=" + name + " value"));
    }

    /** Attributes whose value is a secret (MIKEY keys, ICE passwords): redacted in {@link #toString()}. */
    private static final Set<String> SECRET = Set.of("key-mgmt", "ice-pwd");

    static boolean isTyped(String name) {
        return TYPED.contains(name);
    }

    /** True when the value is a secret that must not be logged. */
    public boolean isSecret() {
        return SECRET.contains(name);
    }

    @Override
    public String toString() {
        return "GenericAttribute[" + (isSecret() ? name + ":<redacted>" : encode()) + "]";
    }
}
