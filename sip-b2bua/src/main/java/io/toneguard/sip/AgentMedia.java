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
    /** UDP/TLS/RTP/SAVP: DTLS-SRTP with ToneGuard's own certificate and fingerprint. */
    DTLS,
    /** Leg B speaks what leg A speaks: SDES, DTLS-SRTP or plain RTP (each with its own keys). */
    SAME_AS_CALLER;

    /** The configuration spelling: {@code plain}, {@code sdes}, {@code dtls}, {@code same-as-caller}. */
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
        throw new IllegalArgumentException("unknown agent media '" + value + "' (use plain, sdes, dtls, same-as-caller)");
    }

    /** Whether leg B speaks SDES-SRTP, given whether leg A does. */
    boolean sdes(boolean callerSdes) {
        return this == SDES || this == SAME_AS_CALLER && callerSdes;
    }

    /** Whether leg B speaks DTLS-SRTP, given whether leg A does. */
    boolean dtls(boolean callerDtls) {
        return this == DTLS || this == SAME_AS_CALLER && callerDtls;
    }
}
