package io.toneguard.media.sdp;

import java.util.Objects;
import java.util.Optional;

/** {@code a=setup:<role>} (RFC 4145), the DTLS client/server choice of DTLS-SRTP. */
public record SetupAttribute(SetupRole role) implements Attribute {
    static final String NAME = "setup";

    public SetupAttribute {
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(role.value());
    }
}
