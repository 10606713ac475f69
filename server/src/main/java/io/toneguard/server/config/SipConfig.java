package io.toneguard.server.config;

import io.toneguard.sip.AgentMedia;
import io.toneguard.sip.SipSettings;
import io.toneguard.sip.SipTls;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code sip} section.
 *
 * @param tlsPort SIP over TLS listens here when {@code transports} has {@code tls}
 * @param tls certificate, key, trust store and client-certificate policy of SIP over TLS
 * @param agentMedia leg B's media unless a route rule says otherwise: plain, sdes, same-as-caller
 * @param allowSdesWithoutTls whether SDES keys may be sent in SDP over UDP/TCP signalling
 */
public record SipConfig(String bindAddress, int port, List<String> transports, int maxMessageBytes,
        int rtpTimeoutSeconds, int drainSeconds, String userAgent, int tlsPort, TlsConfig tls, String agentMedia,
        boolean allowSdesWithoutTls) {

    /** Checks the values; messages name the key at fault ({@code env:} passwords from the environment). */
    public SipSettings toSettings() {
        return toSettings(System::getenv);
    }

    /** Checks the values and loads the TLS files; {@code env} resolves {@code env:NAME} passwords. */
    public SipSettings toSettings(Function<String, String> env) {
        ConfigException.require(bindAddress, "sip.bindAddress");
        try {
            java.net.InetAddress.getByName(bindAddress);
        } catch (java.net.UnknownHostException e) {
            throw new ConfigException("sip.bindAddress", "not an address: " + bindAddress);
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("sip.port", "must be 1-65535, was " + port);
        }
        if (tlsPort < 1 || tlsPort > 65535) {
            throw new ConfigException("sip.tlsPort", "must be 1-65535, was " + tlsPort);
        }
        ConfigException.require(transports, "sip.transports");
        for (String t : transports) {
            if (!"udp".equals(t) && !"tcp".equals(t) && !"tls".equals(t)) {
                throw new ConfigException("sip.transports", "unknown transport '" + t + "' (use udp, tcp, tls)");
            }
        }
        if (transports.isEmpty()) {
            throw new ConfigException("sip.transports", "at least one transport is needed");
        }
        if (transports.contains("tls") && tlsPort == port && (transports.contains("udp") || transports.contains("tcp"))) {
            throw new ConfigException("sip.tlsPort", "must differ from sip.port (" + port + ")");
        }
        if (maxMessageBytes < 1024) {
            throw new ConfigException("sip.maxMessageBytes", "must be at least 1024, was " + maxMessageBytes);
        }
        if (rtpTimeoutSeconds < 1) {
            throw new ConfigException("sip.rtpTimeoutSeconds", "must be at least 1, was " + rtpTimeoutSeconds);
        }
        if (drainSeconds < 0) {
            throw new ConfigException("sip.drainSeconds", "must not be negative");
        }
        AgentMedia media;
        try {
            media = AgentMedia.parse(ConfigException.require(agentMedia, "sip.agentMedia"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sip.agentMedia", e.getMessage());
        }
        SipTls sipTls = null;
        if (transports.contains("tls")) {
            TlsConfig t = ConfigException.require(tls, "sip.tls");
            sipTls = new SipTls(t.context("sip.tls", env), t.requireClientCertificate());
        }
        return new SipSettings(bindAddress, port, transports, maxMessageBytes, Duration.ofSeconds(rtpTimeoutSeconds),
                Duration.ofSeconds(drainSeconds), ConfigException.require(userAgent, "sip.userAgent"), tlsPort, sipTls,
                media, allowSdesWithoutTls);
    }
}
