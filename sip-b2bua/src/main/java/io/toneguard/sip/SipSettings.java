package io.toneguard.sip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of the SIP side, in one place.
 *
 * @param bindAddress address the SIP listening points bind to (and that Via/Contact carry)
 * @param port SIP port for UDP and TCP
 * @param transports "udp", "tcp" and/or "tls"
 * @param maxMessageBytes larger messages are refused
 * @param rtpTimeout a confirmed call whose media stopped in both directions for this long is ended
 * @param drainTime on shutdown, how long active calls may go on before they are ended
 * @param userAgent value of the User-Agent and Server headers
 * @param tlsPort SIP port of the TLS transport
 * @param tls certificate, trust and client-certificate policy of SIP over TLS (null without "tls")
 * @param agentMedia leg B's media when no route rule says otherwise
 * @param allowSdesWithoutTls whether SDES keys ({@code a=crypto}) may be sent on a leg whose SIP is not TLS
 */
public record SipSettings(
        String bindAddress,
        int port,
        List<String> transports,
        int maxMessageBytes,
        Duration rtpTimeout,
        Duration drainTime,
        String userAgent,
        int tlsPort,
        SipTls tls,
        AgentMedia agentMedia,
        boolean allowSdesWithoutTls) {

    public SipSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SIP port must be 1-65535, was " + port);
        }
        if (tlsPort < 1 || tlsPort > 65535) {
            throw new IllegalArgumentException("SIP TLS port must be 1-65535, was " + tlsPort);
        }
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP transport is needed");
        }
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
                throw new IllegalArgumentException("unknown SIP transport '" + t + "' (use udp, tcp, tls)");
            }
        }
        transports = List.copyOf(transports);
        if (transports.contains("tls") && tls == null) {
            throw new IllegalArgumentException("SIP over TLS needs a certificate and key");
        }
        if (transports.contains("tls") && (transports.contains("udp") || transports.contains("tcp")) && tlsPort == port) {
            throw new IllegalArgumentException("the SIP TLS port must differ from the UDP/TCP port " + port);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        Objects.requireNonNull(agentMedia, "agentMedia");
    }

    /** Plain UDP/TCP settings (no TLS, leg B's media like the caller's, SDES only over TLS). */
    public SipSettings(String bindAddress, int port, List<String> transports, int maxMessageBytes, Duration rtpTimeout,
            Duration drainTime, String userAgent) {
        this(bindAddress, port, transports, maxMessageBytes, rtpTimeout, drainTime, userAgent, 5061, null,
                AgentMedia.SAME_AS_CALLER, false);
    }

    public static SipSettings defaults() {
        return new SipSettings("127.0.0.1", 5060, List.of("udp", "tcp"), 65536, Duration.ofSeconds(60),
                Duration.ofSeconds(30), "ToneGuard");
    }

    /** A copy with SIP over TLS added on {@code port}. */
    public SipSettings withTls(int port, SipTls settings) {
        java.util.List<String> t = new java.util.ArrayList<>(transports);
        if (!t.contains("tls")) {
            t.add("tls");
        }
        return new SipSettings(bindAddress, this.port, t, maxMessageBytes, rtpTimeout, drainTime, userAgent, port,
                settings, agentMedia, allowSdesWithoutTls);
    }

    /** A copy with other media rules for leg B and SDES. */
    public SipSettings withMedia(AgentMedia media, boolean sdesWithoutTls) {
        return new SipSettings(bindAddress, port, transports, maxMessageBytes, rtpTimeout, drainTime, userAgent, tlsPort,
                tls, media, sdesWithoutTls);
    }

    /** The listening port of a transport. */
    public int portFor(String transport) {
        return "tls".equalsIgnoreCase(transport) ? tlsPort : port;
    }
}
