package io.toneguard.dtmf.mask;

import java.util.Locale;

/** What the agent hears instead of a DTMF tone. */
public enum ReplacementMode {
    /** One steady 500 Hz tone, the same for every key: the agent knows a key was pressed, not which. */
    FLAT_TONE,
    /** Digital silence. */
    SILENCE,
    /** Low-level white noise, so the line does not sound dead. */
    COMFORT_NOISE;

    /** The configuration name: {@code flat-tone}, {@code silence}, {@code comfort-noise}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a configuration name; the message lists the valid ones. */
    public static ReplacementMode parse(String name) {
        for (ReplacementMode m : values()) {
            if (m.configName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown replacement mode '" + name + "' (use flat-tone, silence or comfort-noise)");
    }
}
