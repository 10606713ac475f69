package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code a=crypto:<tag> <suite> <key-params> [<session-params>]} (RFC 4568 SDES). Keys are parsed
 * but opaque; neither {@link #toString()} nor a parse error ever contains them.
 */
public record Crypto(int tag, String suite, List<CryptoKey> keys, List<String> sessionParams) implements Attribute {
    static final String NAME = "crypto";

    private static final Pattern SUITE = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Master key + salt lengths in bytes of the suites we know; others are accepted without the check. */
    private static final Map<String, Integer> KEY_SALT_BYTES = Map.of(
            "AES_CM_128_HMAC_SHA1_80", 30, "AES_CM_128_HMAC_SHA1_32", 30,
            "F8_128_HMAC_SHA1_80", 30,
            "AES_192_CM_HMAC_SHA1_80", 38, "AES_192_CM_HMAC_SHA1_32", 38,
            "AES_256_CM_HMAC_SHA1_80", 46, "AES_256_CM_HMAC_SHA1_32", 46,
            "AEAD_AES_128_GCM", 28, "AEAD_AES_256_GCM", 44);

    public Crypto {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("a=crypto tag must be 0-999999999");
        }
        if (suite == null || !SUITE.matcher(suite).matches()) {
            throw new IllegalArgumentException("a=crypto suite is not a valid token");
        }
        keys = List.copyOf(keys);
        sessionParams = List.copyOf(sessionParams);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a=crypto needs a key parameter");
        }
        Integer expected = KEY_SALT_BYTES.get(suite);
        for (CryptoKey k : keys) {
            if (expected != null && k.decodeKeySalt().length != expected) {
                throw new IllegalArgumentException("a=crypto key length does not match suite " + suite);
            }
        }
        for (String p : sessionParams) {
            if (p.isEmpty() || !SdpSyntax.isSafeText(p) || p.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("a=crypto session parameter is malformed");
            }
        }
    }

    public static Crypto parse(String value) {
        List<String> f = SdpSyntax.fields(value, "a=crypto");
        if (f.size() < 3) {
            throw new IllegalArgumentException("a=crypto must be '<tag> <suite> <key-params> [<session-params>]'");
        }
        int tag = SdpSyntax.parseInt(f.get(0), 0, 999_999_999, "a=crypto tag");
        if (!SUITE.matcher(f.get(1)).matches()) {
            throw new IllegalArgumentException("a=crypto suite is not a valid token");
        }
        List<CryptoKey> keys = new ArrayList<>();
        for (String k : f.get(2).split(";", -1)) {
            keys.add(CryptoKey.parse(k));
        }
        return new Crypto(tag, f.get(1), keys, f.subList(3, f.size()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(keys.get(i).encode());
        }
        sessionParams.forEach(p -> sb.append(' ').append(p));
        return Optional.of(sb.toString());
    }

    /** The line value with every key replaced by {@code <redacted>}, safe to log. */
    public String redactedValue() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(keys.get(i).redacted());
        }
        sessionParams.forEach(p -> sb.append(' ').append(p));
        return sb.toString();
    }
}
