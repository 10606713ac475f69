package io.toneguard.sip;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * SIP over TLS: ToneGuard's certificate and the peers it trusts (in one {@link SSLContext}), and
 * whether peers that connect must present a certificate (mutual TLS trunks). Only TLS 1.3 and
 * 1.2 with forward-secret AEAD suites are enabled, whatever the JDK would allow.
 */
public record SipTls(SSLContext context, boolean requireClientCertificate) {
    /** Protocols, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** TLS 1.3 suites and TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305: no RSA key exchange, no CBC. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public SipTls {
        Objects.requireNonNull(context, "context");
    }

    /** The suites of {@link #CIPHER_SUITES} this JDK supports, in that order. */
    public String[] suites() {
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        return CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    /** Parameters for a socket: protocols, suites, server preference; client auth on server sockets. */
    SSLParameters parameters(boolean server) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        p.setCipherSuites(suites());
        p.setUseCipherSuitesOrder(true);
        if (server) {
            p.setNeedClientAuth(requireClientCertificate);
            if (!requireClientCertificate) {
                p.setWantClientAuth(false);
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "SipTls[" + (requireClientCertificate ? "client certificates required" : "server certificate only") + "]";
    }
}
