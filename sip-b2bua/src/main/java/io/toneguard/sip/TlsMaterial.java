package io.toneguard.sip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates and keys from files, for SIP over TLS and HTTPS: a PEM certificate chain with an
 * unencrypted PKCS#8 PEM key, or a PKCS#12 keystore; trust from PEM certificates or a PKCS#12
 * store. Errors name the file and what is wrong with it, never key bytes or passwords.
 */
public final class TlsMaterial {
    private TlsMaterial() {
    }

    /**
     * A keystore (PKCS#12, in memory) holding the identity from PEM files.
     *
     * @throws IllegalArgumentException when a file is missing, unreadable or not what it should be
     */
    public static KeyStore fromPem(Path certificateChain, Path pkcs8Key) {
        List<X509Certificate> chain = certificates(certificateChain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificateChain + ": no certificate in the PEM file");
        }
        PrivateKey key = privateKey(pkcs8Key);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("toneguard", key, new char[0], chain.toArray(Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(pkcs8Key + ": the key does not fit the certificate (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A PKCS#12 keystore file. */
    public static KeyStore fromPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a readable PKCS#12 keystore, or a wrong password ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** A trust store from a PEM file of CA certificates, or a PKCS#12 store (by the .p12/.pfx name). */
    public static KeyStore trust(Path file, char[] password) {
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return fromPkcs12(file, password);
        }
        List<X509Certificate> certs = certificates(file);
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no certificate in the PEM file");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < certs.size(); i++) {
                ks.setCertificateEntry("ca-" + i, certs.get(i));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + ": cannot build a trust store (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A TLS context: our identity (may be null for a client without a certificate) and the peers
     * we trust (null: the JDK's default CAs).
     */
    public static SSLContext context(KeyStore identity, char[] identityPassword, KeyStore trusted) {
        try {
            KeyManagerFactory kmf = null;
            if (identity != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, identityPassword == null ? new char[0] : identityPassword);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getClass().getSimpleName()
                    + " (is the keystore password right?)");
        }
    }

    /** The certificates of a PEM file (possibly none). */
    public static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not a PEM certificate chain");
        }
    }

    private static PrivateKey privateKey(Path file) {
        byte[] der;
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = pem.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(file + ": expected an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----;"
                        + " convert with 'openssl pkcs8 -topk8 -nocrypt')");
            }
            der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            for (String alg : new String[] {"EC", "RSA", "Ed25519", "RSASSA-PSS"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException(file + ": not an EC, RSA or Ed25519 PKCS#8 key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
