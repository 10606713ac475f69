package io.toneguard.server.config;

import io.toneguard.sip.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A TLS identity and trust as configured: a PEM certificate chain with a PKCS#8 PEM key, or a
 * PKCS#12 keystore (password as a literal or {@code env:NAME}); an optional trust store (PEM CA
 * certificates or PKCS#12) for verifying peers, the JDK's CAs when empty; and whether peers must
 * present a client certificate. Messages name the dotted key, never a password or key byte.
 */
public record TlsConfig(String certificate, String key, String keystore, String keystorePassword, String truststore,
        String truststorePassword, boolean requireClientCertificate) {

    /** Nothing configured (no identity yet). */
    public static final TlsConfig NONE = new TlsConfig("", "", "", "", "", "", false);

    @Override
    public String toString() {
        return "TlsConfig[certificate=" + certificate + ", keystore=" + keystore + ", truststore=" + truststore + ", passwords=***]";
    }

    /**
     * Loads the files into a TLS context; {@code at} is the section's dotted key (e.g. {@code sip.tls}).
     *
     * @throws ConfigException naming the key at fault
     */
    public SSLContext context(String at, Function<String, String> env) {
        boolean pem = !blank(certificate) || !blank(key);
        boolean p12 = !blank(keystore);
        if (pem && p12) {
            throw new ConfigException(at + ".keystore", "give either certificate + key (PEM) or keystore (PKCS#12), not both");
        }
        if (!pem && !p12) {
            throw new ConfigException(at + ".certificate", "TLS needs certificate + key (PEM) or keystore (PKCS#12)");
        }
        KeyStore identity;
        char[] identityPassword = new char[0];
        if (pem) {
            Path cert = file(certificate, at + ".certificate");
            Path k = file(key, at + ".key");
            try {
                if (TlsMaterial.certificates(cert).isEmpty()) {
                    throw new ConfigException(at + ".certificate", cert + ": no certificate in the PEM file");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".certificate", e.getMessage());
            }
            try {
                identity = TlsMaterial.fromPem(cert, k);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".key", e.getMessage());
            }
        } else {
            identityPassword = password(keystorePassword, at + ".keystorePassword", env);
            try {
                identity = TlsMaterial.fromPkcs12(file(keystore, at + ".keystore"), identityPassword);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".keystore", e.getMessage());
            }
        }
        KeyStore trust = null;
        if (!blank(truststore)) {
            try {
                trust = TlsMaterial.trust(file(truststore, at + ".truststore"), password(truststorePassword,
                        at + ".truststorePassword", env));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".truststore", e.getMessage());
            }
        } else if (requireClientCertificate) {
            throw new ConfigException(at + ".truststore", "requireClientCertificate needs a trust store of the peers' CAs");
        }
        try {
            return TlsMaterial.context(identity, identityPassword, trust);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + (pem ? ".key" : ".keystorePassword"), e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path file(String name, String key) {
        Path p = Path.of(name);
        if (!Files.isReadable(p)) {
            throw new ConfigException(key, "cannot read " + name);
        }
        return p;
    }

    private static char[] password(String value, String key, Function<String, String> env) {
        if (blank(value)) {
            return new char[0];
        }
        return PaymentsConfig.secret(value, key, env).toCharArray();
    }
}
