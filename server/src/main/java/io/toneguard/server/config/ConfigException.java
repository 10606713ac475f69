package io.toneguard.server.config;

/** Invalid configuration; the message names the key at fault and why. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String reason) {
        super("configuration key '" + key + "': " + reason);
        this.key = key;
    }

    /** Dotted path of the key at fault, e.g. {@code media.portMin}. */
    public String key() {
        return key;
    }

    static <T> T require(T value, String key) {
        if (value == null) {
            throw new ConfigException(key, "is required");
        }
        return value;
    }
}
