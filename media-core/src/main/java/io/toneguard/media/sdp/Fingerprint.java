package io.toneguard.media.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code a=fingerprint:<hash function> <hex pairs separated by colons>} (RFC 8122). */
public record Fingerprint(String hashFunction, String fingerprint) implements Attribute {
    static final String NAME = "fingerprint";

    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*");
    private static final Map<String, Integer> DIGEST_BYTES = Map.of("md2", 16, "md5", 16, "sha-1", 20,
            "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);

    public Fingerprint {
        SdpSyntax.requireToken(hashFunction, "a=fingerprint hash function");
        if (fingerprint == null || fingerprint.length() > 64 * 3 || !HEX_PAIRS.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a=fingerprint must be hex pairs separated by colons");
        }
        Integer bytes = DIGEST_BYTES.get(hashFunction.toLowerCase(Locale.ROOT));
        if (bytes != null && (fingerprint.length() + 1) / 3 != bytes) {
            throw new IllegalArgumentException("a=fingerprint length does not match " + hashFunction);
        }
    }

    public static Fingerprint parse(String value) {
        List<String> f = SdpSyntax.fields(value, "a=fingerprint");
        if (f.size() != 2) {
            throw new IllegalArgumentException("a=fingerprint must be '<hash function> <fingerprint>'");
        }
        return new Fingerprint(f.get(0), f.get(1));
    }

    /** The digest bytes. */
    public byte[] bytes() {
        byte[] out = new byte[(fingerprint.length() + 1) / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(fingerprint.substring(i * 3, i * 3 + 2), 16);
        }
        return out;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> value() {
        return Optional.of(hashFunction + " " + fingerprint);
    }
}
