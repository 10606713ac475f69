package io.toneguard.sip;

import java.time.Duration;
import java.util.List;

/**
 * Options of the SIP side, in one place.
 *
 * @param bindAddress address the SIP listening points bind to (and that Via/Contact carry)
 * @param port SIP port for every transport
 * @param transports "udp" and/or "tcp"
 * @param maxMessageBytes larger messages are refused
 * @param rtpTimeout a confirmed call whose media stopped in both directions for this long is ended
 * @param drainTime on shutdown, how long active calls may go on before they are ended
 * @param userAgent value of the User-Agent and Server headers
 */
public record SipSettings(
        String bindAddress,
        int port,
        List<String> transports,
        int maxMessageBytes,
        Duration rtpTimeout,
        Duration drainTime,
        String userAgent) {

    public SipSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 1-65535, was " + port);
        }
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP transport is needed");
        }
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw new IllegalArgumentException("unknown SIP transport '" + t + "' (use udp, tcp)");
            }
        }
        transports = List.copyOf(transports);
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
    }

    public static SipSettings defaults() {
        return new SipSettings("127.0.0.1", 5060, List.of("udp", "tcp"), 65536, Duration.ofSeconds(60),
                Duration.ofSeconds(30), "ToneGuard");
    }
}
