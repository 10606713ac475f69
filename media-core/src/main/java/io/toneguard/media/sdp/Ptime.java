package io.toneguard.media.sdp;

import java.util.Optional;

/** {@code a=ptime:<milliseconds>}: the packet time the writer wants to receive. */
public record Ptime(int millis) implements Attribute {
    static final String NAME = "ptime";

    public Ptime {
        if (millis < 1 || millis > 1000) {
            throw new IllegalArgumentException("a=ptime must be 1-1000 ms");
        }
    }

    public static Ptime parse(String value) {
        return new Ptime(SdpSyntax.parseInt(value.strip(), 1, 1000, "a=ptime"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(Integer.toString(millis));
    }
}
