package io.toneguard.sip.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made at test time (never committed): a CA and leaf certificates it signs for
 * 127.0.0.1 / localhost, ECDSA P-256, written as PEM (chain + PKCS#8 key) and PKCS#12 on request.
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(String name) throws GeneralSecurityException {
        this.name = name;
        this.caKeys = ecKeys();
        this.ca = sign(new X500Name("CN=" + name + " test CA"), caKeys, new X500Name("CN=" + name + " test CA"), caKeys, true);
    }

    /** A new CA named {@code name}. */
    public static TestPki ca(String name) {
        try {
            return new TestPki(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** A leaf identity for 127.0.0.1 and localhost signed by this CA. */
    public Identity issue(String commonName) {
        try {
            KeyPair keys = ecKeys();
            X509Certificate cert = sign(new X500Name("CN=" + commonName), keys, new X500Name("CN=" + name + " test CA"),
                    caKeys, false);
            return new Identity(keys, cert, ca);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding only this CA. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes this CA's certificate as PEM. */
    public Path writeCaPem(Path file) {
        write(file, pem("CERTIFICATE", encoded(ca)));
        return file;
    }

    /** A private key, its certificate and the CA above it. */
    public record Identity(KeyPair keys, X509Certificate certificate, X509Certificate ca) {
        /** An in-memory PKCS#12 keystore (empty password). */
        public KeyStore keyStore() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("id", keys.getPrivate(), new char[0], new java.security.cert.Certificate[] {certificate, ca});
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the chain (leaf then CA) as PEM. */
        public Path writeChainPem(Path file) {
            write(file, pem("CERTIFICATE", encoded(certificate)) + pem("CERTIFICATE", encoded(ca)));
            return file;
        }

        /** Writes the key as unencrypted PKCS#8 PEM (owner-readable only). */
        public Path writeKeyPem(Path file) {
            write(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            return file;
        }

        /** Writes a PKCS#12 keystore with this password. */
        public Path writePkcs12(Path file, char[] password) {
            try (var out = Files.newOutputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("id", keys.getPrivate(), password, new java.security.cert.Certificate[] {certificate, ca});
                ks.store(out, password);
                return file;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean isCa) throws GeneralSecurityException {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(2, ChronoUnit.DAYS)), subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
