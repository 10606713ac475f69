package io.toneguard.media.sdp;

import java.util.Optional;

/** {@code a=fmtp:<format> <parameters>}; the parameters are kept as text. */
public record Fmtp(String format, String parameters) implements Attribute {
    static final String NAME = "fmtp";

    public Fmtp {
        SdpSyntax.requireToken(format, "fmtp format");
        SdpSyntax.requireText(parameters, "fmtp parameters");
        if (parameters.isBlank() || !parameters.strip().equals(parameters)) {
            throw new IllegalArgumentException("a=fmtp parameters must be present and not padded");
        }
    }

    public static Fmtp parse(String value) {
        String v = value.strip();
        int space = v.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("a=fmtp must be '<format> <parameters>'");
        }
        String format = v.substring(0, space);
        if (!SdpSyntax.isToken(format)) {
            throw new IllegalArgumentException("a=fmtp format is not a token");
        }
        return new Fmtp(format, v.substring(space + 1).strip());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(format + " " + parameters);
    }
}
