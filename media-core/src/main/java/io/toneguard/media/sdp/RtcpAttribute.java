package io.toneguard.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code a=rtcp:<port> [IN IP4|IP6 <address>]} (RFC 3605). */
public record RtcpAttribute(int port, Optional<Connection> connection) implements Attribute {
    static final String NAME = "rtcp";

    public RtcpAttribute {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a=rtcp port must be 0-65535");
        }
        Objects.requireNonNull(connection, "connection");
    }

    public static RtcpAttribute parse(String value) {
        List<String> f = SdpSyntax.fields(value, "a=rtcp");
        if (f.size() != 1 && f.size() != 4) {
            throw new IllegalArgumentException("a=rtcp must be '<port> [IN IP4|IP6 <address>]'");
        }
        int port = SdpSyntax.parseInt(f.get(0), 0, 65535, "a=rtcp port");
        Optional<Connection> c = f.size() == 4
                ? Optional.of(Connection.parse(f.get(1), f.get(2), f.get(3))) : Optional.empty();
        return new RtcpAttribute(port, c);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(port + connection.map(c -> " " + c.encode()).orElse(""));
    }
}
