package io.toneguard.media.sdp;

import java.util.Optional;

/**
 * One {@code a=} line. Attributes ToneGuard understands are typed records validated on
 * construction; any other attribute is a {@link GenericAttribute} kept verbatim.
 */
public sealed interface Attribute
        permits RtpMap, Fmtp, Ptime, MaxPtime, Crypto, Fingerprint, SetupAttribute, DirectionAttribute,
        RtcpAttribute, GenericAttribute {

    /** Attribute name of {@code a=rtcp-mux} (RFC 5761), which never has a value. */
    String RTCP_MUX = "rtcp-mux";

    /** The attribute name, the text between {@code a=} and the first colon. */
    String name();

    /** The text after the colon, or empty for a property attribute such as {@code a=rtcp-mux}. */
    Optional<String> value();

    /** The text of the line after {@code a=}. */
    default String encode() {
        return value().map(v -> name() + ":" + v).orElse(name());
    }

    /** Parses a valued attribute; throws IllegalArgumentException (with a key-free message) when invalid. */
    static Attribute of(String name, String value) {
        return parse(name, Optional.of(value));
    }

    /** A property attribute without a value, such as {@code rtcp-mux} or {@code sendonly}. */
    static Attribute flag(String name) {
        return parse(name, Optional.empty());
    }

    /** Dispatches on the name to the typed attribute, or keeps it as a {@link GenericAttribute}. */
    static Attribute parse(String name, Optional<String> value) {
        Optional<Direction> direction = Direction.fromAttributeName(name);
        if (direction.isPresent()) {
            if (value.isPresent()) {
                throw new IllegalArgumentException("a=" + name + " takes no value");
            }
            return new DirectionAttribute(direction.get());
        }
        if (!GenericAttribute.isTyped(name)) {
            return new GenericAttribute(name, value);
        }
        String v = value.orElseThrow(() -> new IllegalArgumentException("a=" + name + " requires a value"));
        return switch (name) {
            case RtpMap.NAME -> RtpMap.parse(v);
            case Fmtp.NAME -> Fmtp.parse(v);
            case Ptime.NAME -> Ptime.parse(v);
            case MaxPtime.NAME -> MaxPtime.parse(v);
            case Crypto.NAME -> Crypto.parse(v);
            case Fingerprint.NAME -> Fingerprint.parse(v);
            case SetupAttribute.NAME -> new SetupAttribute(SetupRole.parse(v));
            case RtcpAttribute.NAME -> RtcpAttribute.parse(v);
            default -> throw new IllegalStateException("unhandled typed attribute");
        };
    }
}
