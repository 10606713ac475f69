package io.toneguard.media.dtls;

import io.toneguard.media.sdp.Fingerprint;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * ToneGuard's DTLS identity: a self-signed ECDSA P-256 certificate generated at start (RFC 5763
 * needs no CA; the SDP fingerprint is the trust), and its {@code a=fingerprint:sha-256}.
 * {@link #toString()} shows the fingerprint only; the private key never leaves this object.
 */
public final class DtlsCertificate {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final Fingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(der, "sha-256");
    }

    /** A fresh key pair and self-signed certificate (CN=ToneGuard), valid from a day ago for 30 days. */
    public static DtlsCertificate generate() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=ToneGuard");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
            return new DtlsCertificate(der, PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the DTLS certificate", e);
        }
    }

    /** The {@code a=fingerprint:sha-256} of this certificate. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The DER encoding of the certificate (public). */
    public byte[] encoded() {
        return der.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The fingerprint of a DER certificate with the SDP hash function name ({@code sha-256}, {@code sha-1}...). */
    public static Fingerprint fingerprintOf(byte[] der, String hashFunction) {
        byte[] digest = digest(der, hashFunction);
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        return new Fingerprint(hashFunction.toLowerCase(Locale.ROOT), hex);
    }

    /** True when {@code der} hashes to {@code expected} (constant-time comparison). */
    public static boolean matches(byte[] der, Fingerprint expected) {
        byte[] want = expected.bytes();
        return MessageDigest.isEqual(digest(der, expected.hashFunction()), want);
    }

    private static byte[] digest(byte[] der, String hashFunction) {
        String algorithm = switch (hashFunction.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash function " + hashFunction);
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint.encode() + "]";
    }
}
