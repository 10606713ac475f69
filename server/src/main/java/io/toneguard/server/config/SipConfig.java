package io.toneguard.server.config;

import io.toneguard.sip.SipSettings;
import java.time.Duration;
import java.util.List;

/** The {@code sip} section. */
public record SipConfig(String bindAddress, int port, List<String> transports, int maxMessageBytes,
        int rtpTimeoutSeconds, int drainSeconds, String userAgent) {

    /** Checks the values; messages name the key at fault. */
    public SipSettings toSettings() {
        ConfigException.require(bindAddress, "sip.bindAddress");
        try {
            java.net.InetAddress.getByName(bindAddress);
        } catch (java.net.UnknownHostException e) {
            throw new ConfigException("sip.bindAddress", "not an address: " + bindAddress);
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("sip.port", "must be 1-65535, was " + port);
        }
        ConfigException.require(transports, "sip.transports");
        for (String t : transports) {
            if (!"udp".equals(t) && !"tcp".equals(t)) {
                throw new ConfigException("sip.transports", "unknown transport '" + t + "' (use udp, tcp; tls arrives with SIP over TLS)");
            }
        }
        if (transports.isEmpty()) {
            throw new ConfigException("sip.transports", "at least one transport is needed");
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
        return new SipSettings(bindAddress, port, transports, maxMessageBytes, Duration.ofSeconds(rtpTimeoutSeconds),
                Duration.ofSeconds(drainSeconds), ConfigException.require(userAgent, "sip.userAgent"));
    }
}
