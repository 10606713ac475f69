package io.toneguard.server.capture;

import io.toneguard.psp.card.Masking;
import io.toneguard.psp.card.SensitiveDigits;

/** How much of an obtained card number the agent sees: never more than the first six and last four. */
public enum PanDisplay {
    LAST_FOUR("last-four"),
    FIRST_SIX_LAST_FOUR("first-six-last-four");

    private final String configName;

    PanDisplay(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The masked form of {@code pan}. */
    public String mask(SensitiveDigits pan) {
        return this == LAST_FOUR ? Masking.lastFour(pan) : Masking.firstSixLastFour(pan);
    }

    public static PanDisplay parse(String name) {
        for (PanDisplay d : values()) {
            if (d.configName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("must be last-four or first-six-last-four, was '" + name + "'");
    }
}
