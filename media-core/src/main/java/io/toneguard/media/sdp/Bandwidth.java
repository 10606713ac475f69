package io.toneguard.media.sdp;

/** A {@code b=<bwtype>:<bandwidth>} line, e.g. {@code AS:64} (kbit/s) or {@code TIAS:64000}. */
public record Bandwidth(String type, long value) {

    public Bandwidth {
        SdpSyntax.requireToken(type, "bandwidth type");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bandwidth type must not contain ':'");
        }
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative");
        }
    }

    public static Bandwidth parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("b= must be '<bwtype>:<bandwidth>'");
        }
        String type = value.substring(0, colon);
        if (!SdpSyntax.isToken(type)) {
            throw new IllegalArgumentException("b= bandwidth type is not a token");
        }
        return new Bandwidth(type, SdpSyntax.parseLong(value.substring(colon + 1), 18, "b= bandwidth"));
    }

    public String encode() {
        return type + ":" + value;
    }
}
