package io.toneguard.media.sdp;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code o=} line: username, session id, session version, network type, address type and
 * address. Ids and versions are arbitrary-size decimal numbers.
 */
public record Origin(String username, BigInteger sessionId, BigInteger sessionVersion,
                     String netType, String addressType, String address) {

    private static final int MAX_DIGITS = 40;

    public Origin {
        SdpSyntax.requireToken(username, "o= username");
        requireNumber(sessionId, "o= sess-id");
        requireNumber(sessionVersion, "o= sess-version");
        SdpSyntax.requireToken(netType, "o= nettype");
        SdpSyntax.requireToken(addressType, "o= addrtype");
        if (address == null || address.isEmpty() || !address.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("o= unicast-address must be visible characters without spaces");
        }
    }

    private static void requireNumber(BigInteger n, String what) {
        Objects.requireNonNull(n, what);
        if (n.signum() < 0 || n.toString().length() > MAX_DIGITS) {
            throw new IllegalArgumentException(what + " must be a non-negative number of at most " + MAX_DIGITS + " digits");
        }
    }

    /** A new origin with a random session id (below 2^62) and version 1, as for a first offer or answer. */
    public static Origin fresh(String username, Connection connection) {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 62);
        return new Origin(username, BigInteger.valueOf(id), BigInteger.ONE, "IN",
                connection.addressType().name(), connection.address());
    }

    /** Parses the value of an o= line: six space-separated fields, numeric sess-id and sess-version. */
    public static Origin parse(String value) {
        List<String> f = SdpSyntax.fields(value, "o=");
        if (f.size() != 6) {
            throw new IllegalArgumentException("o= must have 6 fields, found " + f.size());
        }
        if (!SdpSyntax.isDigits(f.get(1), MAX_DIGITS)) {
            throw new IllegalArgumentException("o= sess-id must be numeric");
        }
        if (!SdpSyntax.isDigits(f.get(2), MAX_DIGITS)) {
            throw new IllegalArgumentException("o= sess-version must be numeric");
        }
        return new Origin(f.get(0), new BigInteger(f.get(1)), new BigInteger(f.get(2)), f.get(3), f.get(4), f.get(5));
    }

    /** The same session with its version incremented, for a modified re-offer (RFC 3264 §8). */
    public Origin nextVersion() {
        return new Origin(username, sessionId, sessionVersion.add(BigInteger.ONE), netType, addressType, address);
    }

    public String encode() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addressType + " " + address;
    }
}
