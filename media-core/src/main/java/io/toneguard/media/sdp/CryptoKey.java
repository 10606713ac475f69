package io.toneguard.media.sdp;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One SDES key parameter {@code inline:<key||salt>[|<lifetime>][|<mki>:<length>]} (RFC 4568).
 * The master key and salt stay base64 text; {@link #toString()} never shows them.
 */
public record CryptoKey(String method, String keySalt, Optional<String> lifetime, Optional<String> mki) {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{4,}={0,2}");
    private static final Pattern LIFETIME = Pattern.compile("(2\\^)?[0-9]{1,20}");
    private static final Pattern MKI = Pattern.compile("[0-9]{1,20}:[0-9]{1,3}");

    public CryptoKey {
        if (!"inline".equals(method)) {
            throw new IllegalArgumentException("a=crypto key method must be inline");
        }
        Objects.requireNonNull(keySalt, "keySalt");
        if (!BASE64.matcher(keySalt).matches() || decode(keySalt) == null) {
            throw new IllegalArgumentException("a=crypto key is not valid base64");
        }
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(mki, "mki");
        if (lifetime.isPresent() && !LIFETIME.matcher(lifetime.get()).matches()) {
            throw new IllegalArgumentException("a=crypto key lifetime is malformed");
        }
        if (mki.isPresent() && !MKI.matcher(mki.get()).matches()) {
            throw new IllegalArgumentException("a=crypto MKI is malformed");
        }
    }

    private static byte[] decode(String base64) {
        String unpadded = base64.replace("=", "");
        if (unpadded.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(unpadded + "==".substring(0, (4 - unpadded.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses {@code inline:...}; failures never quote the key. */
    public static CryptoKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a=crypto key parameter must be '<method>:<key info>'");
        }
        String method = text.substring(0, colon);
        if (!method.equals("inline")) {
            throw new IllegalArgumentException("a=crypto key method must be inline");
        }
        String[] parts = text.substring(colon + 1).split("\\|", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("a=crypto key parameter has too many '|' fields");
        }
        Optional<String> lifetime = Optional.empty();
        Optional<String> mki = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].indexOf(':') >= 0 && i == parts.length - 1) {
                mki = Optional.of(parts[i]);
            } else if (i == 1) {
                lifetime = Optional.of(parts[i]);
            } else {
                throw new IllegalArgumentException("a=crypto key parameter fields are out of order");
            }
        }
        return new CryptoKey(method, parts[0], lifetime, mki);
    }

    /** The decoded master key followed by the master salt; a fresh copy the caller should wipe. */
    public byte[] decodeKeySalt() {
        return decode(keySalt);
    }

    public String encode() {
        return method + ":" + keySalt + lifetime.map(l -> "|" + l).orElse("") + mki.map(m -> "|" + m).orElse("");
    }

    String redacted() {
        return method + ":<redacted>" + lifetime.map(l -> "|" + l).orElse("") + mki.map(m -> "|" + m).orElse("");
    }

    @Override
    public String toString() {
        return "CryptoKey[" + redacted() + "]";
    }
}
