package io.toneguard.media.sdp;

import java.util.Optional;

/** {@code a=maxptime:<milliseconds>}: the largest packet time the writer can receive. */
public record MaxPtime(int millis) implements Attribute {
    static final String NAME = "maxptime";

    public MaxPtime {
        if (millis < 1 || millis > 1000) {
            throw new IllegalArgumentException("a=maxptime must be 1-1000 ms");
        }
    }

    public static MaxPtime parse(String value) {
        return new MaxPtime(SdpSyntax.parseInt(value.strip(), 1, 1000, "a=maxptime"));
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
