package io.toneguard.sip;

import java.util.Locale;

/**
 * What the media of leg B (toward the agent side) is, per route or for all calls: plain RTP,
 * SDES-SRTP with ToneGuard's own keys, or whatever leg A is ({@link #SAME_AS_CALLER}).
 */
public enum AgentMedia {
    /** RTP/AVP toward the agent side, whatever the caller speaks. */
    PLAIN,
    /** RTP/SAVP with {@code a=crypto} of ToneGuard's own (needs SIP over TLS on leg B). */
    SDES,
    /** SRTP on leg B exactly when leg A is SRTP; plain otherwise. */
    SAME_AS_CALLER;

    /** The configuration spelling: {@code plain}, {@code sdes}, {@code same-as-caller}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads the configuration spelling.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static AgentMedia parse(String value) {
        for (AgentMedia m : values()) {
            if (m.configName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown agent media '" + value + "' (use plain, sdes, same-as-caller)");
    }

    /** Whether leg B speaks SDES-SRTP, given whether leg A does. */
    boolean sdes(boolean callerSrtp) {
        return this == SDES || this == SAME_AS_CALLER && callerSrtp;
    }
}
