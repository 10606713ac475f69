package io.toneguard.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A unicast {@code c=IN IP4|IP6 <address>} connection: an IPv4 dotted quad, an IPv6 literal or a
 * host name. Multicast (TTL / address count suffixes) is not supported.
 */
public record Connection(AddressType addressType, String address) {

    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        String problem = Addresses.problem(addressType, address);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static Connection ip4(String address) {
        return new Connection(AddressType.IP4, address);
    }

    public static Connection ip6(String address) {
        return new Connection(AddressType.IP6, address);
    }

    /** Parses {@code IN IP4 192.0.2.1} (the value of a c= line or the tail of a=rtcp). */
    public static Connection parse(String value) {
        List<String> f = SdpSyntax.fields(value, "connection");
        if (f.size() != 3) {
            throw new IllegalArgumentException("connection must be 'IN IP4|IP6 <address>'");
        }
        return parse(f.get(0), f.get(1), f.get(2));
    }

    static Connection parse(String netType, String addrType, String address) {
        if (!netType.equals("IN")) {
            throw new IllegalArgumentException("network type must be IN");
        }
        AddressType type = switch (addrType) {
            case "IP4" -> AddressType.IP4;
            case "IP6" -> AddressType.IP6;
            default -> throw new IllegalArgumentException("address type must be IP4 or IP6");
        };
        return new Connection(type, address);
    }

    /** True for 0.0.0.0 (RFC 2543 hold) and the IPv6 unspecified address. */
    public boolean isUnspecified() {
        return Addresses.isUnspecified(address);
    }

    /** The SDP value, e.g. {@code IN IP4 192.0.2.1}. */
    public String encode() {
        return "IN " + addressType + " " + address;
    }
}
