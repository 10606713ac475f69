package io.toneguard.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * One direction's SRTP master key and master salt for a suite. Sensitive: the bytes live only in
 * this object's arrays, are wiped by {@link #close()}, and {@link #toString()} shows the suite only.
 */
public final class SrtpMasterKey implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SrtpSuite suite;
    private final byte[] key;
    private final byte[] salt;
    private boolean closed;

    private SrtpMasterKey(SrtpSuite suite, byte[] key, byte[] salt) {
        this.suite = suite;
        this.key = key;
        this.salt = salt;
    }

    /** A fresh random key and salt for ToneGuard's own sending side. */
    public static SrtpMasterKey generate(SrtpSuite suite) {
        Objects.requireNonNull(suite, "suite");
        byte[] key = new byte[suite.keyLength()];
        byte[] salt = new byte[suite.saltLength()];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(salt);
        return new SrtpMasterKey(suite, key, salt);
    }

    /**
     * Splits {@code keyThenSalt} (the SDES {@code inline:} bytes, or DTLS exporter output) into
     * key and salt copies. The argument is not wiped; the caller owns it.
     *
     * @throws IllegalArgumentException when the length does not match the suite (no bytes quoted)
     */
    public static SrtpMasterKey of(SrtpSuite suite, byte[] keyThenSalt) {
        Objects.requireNonNull(suite, "suite");
        int expected = suite.keyLength() + suite.saltLength();
        if (keyThenSalt == null || keyThenSalt.length != expected) {
            throw new IllegalArgumentException("master key and salt for " + suite + " must be " + expected
                    + " bytes, got " + (keyThenSalt == null ? 0 : keyThenSalt.length));
        }
        return of(suite, keyThenSalt, 0, keyThenSalt, suite.keyLength());
    }

    /** Copies key and salt from two regions (DTLS-SRTP keying material is laid out that way). */
    public static SrtpMasterKey of(SrtpSuite suite, byte[] keys, int keyOffset, byte[] salts, int saltOffset) {
        return new SrtpMasterKey(suite, Arrays.copyOfRange(keys, keyOffset, keyOffset + suite.keyLength()),
                Arrays.copyOfRange(salts, saltOffset, saltOffset + suite.saltLength()));
    }

    public SrtpSuite suite() {
        return suite;
    }

    /** A copy of key followed by salt; the caller wipes it. */
    public byte[] keyThenSalt() {
        requireOpen();
        byte[] out = new byte[key.length + salt.length];
        System.arraycopy(key, 0, out, 0, key.length);
        System.arraycopy(salt, 0, out, key.length, salt.length);
        return out;
    }

    /** The live key array, for jitsi-srtp (which copies it); never hand it further. */
    byte[] key() {
        requireOpen();
        return key;
    }

    /** The live salt array, for jitsi-srtp (which copies it). */
    byte[] salt() {
        requireOpen();
        return salt;
    }

    /** A copy that can be closed independently. */
    public SrtpMasterKey copy() {
        requireOpen();
        return new SrtpMasterKey(suite, key.clone(), salt.clone());
    }

    /** Same suite, key and salt (constant time in the bytes): a re-offer that keeps its key. */
    public boolean sameAs(SrtpMasterKey other) {
        requireOpen();
        other.requireOpen();
        return suite == other.suite && java.security.MessageDigest.isEqual(key, other.key)
                && java.security.MessageDigest.isEqual(salt, other.salt);
    }

    public boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("SRTP master key is closed");
        }
    }

    /** Wipes key and salt. */
    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + suite + ", <redacted>]";
    }
}
