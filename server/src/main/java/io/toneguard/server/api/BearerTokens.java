package io.toneguard.server.api;

import io.toneguard.server.config.ApiSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a bearer token belongs to. Only SHA-256 hashes of the configured tokens are kept, and a
 * presented token is compared with every one of them in constant time ({@link MessageDigest#isEqual}).
 */
final class BearerTokens {
    private record Entry(byte[] hash, Principal principal) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** From resolved settings (plain tokens). */
    BearerTokens(ApiSettings settings) {
        settings.agents().forEach(a -> entries.add(new Entry(sha256(a.token()), new Principal(a.name(), false))));
        settings.admins().forEach(a -> entries.add(new Entry(sha256(a.token()), new Principal(a.name(), true))));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The token's principal, or empty. Looks at every entry whatever the outcome. */
    Optional<Principal> principal(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
