package io.toneguard.media.srtp;

import java.util.Optional;
import org.jitsi.srtp.SrtpPolicy;

/**
 * The SRTP crypto suites ToneGuard speaks, with their SDES names (RFC 4568, RFC 6188, RFC 7714)
 * and DTLS-SRTP protection profile ids (RFC 5764, RFC 7714) where one exists.
 *
 * <p>jitsi-srtp also implements AES-F8 and TwoFish; they are not offered (nobody uses them on
 * telephony trunks). MKI is not supported by jitsi-srtp.
 */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(SrtpPolicy.AESCM_ENCRYPTION, 16, 14, 10, 10, 0x0001),
    AES_CM_128_HMAC_SHA1_32(SrtpPolicy.AESCM_ENCRYPTION, 16, 14, 4, 10, 0x0002),
    AES_192_CM_HMAC_SHA1_80(SrtpPolicy.AESCM_ENCRYPTION, 24, 14, 10, 10, -1),
    AES_192_CM_HMAC_SHA1_32(SrtpPolicy.AESCM_ENCRYPTION, 24, 14, 4, 10, -1),
    AES_256_CM_HMAC_SHA1_80(SrtpPolicy.AESCM_ENCRYPTION, 32, 14, 10, 10, -1),
    AES_256_CM_HMAC_SHA1_32(SrtpPolicy.AESCM_ENCRYPTION, 32, 14, 4, 10, -1),
    AEAD_AES_128_GCM(SrtpPolicy.AESGCM_ENCRYPTION, 16, 12, 16, 16, 0x0007),
    AEAD_AES_256_GCM(SrtpPolicy.AESGCM_ENCRYPTION, 32, 12, 16, 16, 0x0008);

    /** HMAC-SHA1 session authentication key length (RFC 3711 §8.2). */
    private static final int HMAC_KEY_BYTES = 20;

    private final int encryption;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final int dtlsProfile;

    SrtpSuite(int encryption, int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength, int dtlsProfile) {
        this.encryption = encryption;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.dtlsProfile = dtlsProfile;
    }

    /** The suite named in an {@code a=crypto} line, if ToneGuard supports it. */
    public static Optional<SrtpSuite> fromSdesName(String name) {
        for (SrtpSuite s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The suite of a DTLS-SRTP protection profile id (RFC 5764 §4.1.2), if supported. */
    public static Optional<SrtpSuite> fromDtlsProfile(int profile) {
        for (SrtpSuite s : values()) {
            if (s.dtlsProfile == profile) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The name used in {@code a=crypto}. */
    public String sdesName() {
        return name();
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Bytes an SRTP packet grows by (the authentication or AEAD tag). */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Bytes of the SRTCP authentication or AEAD tag (80 bits for both HMAC suites, RFC 4568 §6.2). */
    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    /** True for the AEAD (GCM) suites. */
    public boolean isAead() {
        return encryption == SrtpPolicy.AESGCM_ENCRYPTION;
    }

    /** The DTLS-SRTP protection profile id, or empty when the suite has none. */
    public Optional<Integer> dtlsProfile() {
        return dtlsProfile < 0 ? Optional.empty() : Optional.of(dtlsProfile);
    }

    SrtpPolicy srtpPolicy() {
        return policy(rtpTagLength);
    }

    SrtpPolicy srtcpPolicy() {
        return policy(rtcpTagLength);
    }

    private SrtpPolicy policy(int tag) {
        return isAead()
                ? new SrtpPolicy(encryption, keyLength, SrtpPolicy.NULL_AUTHENTICATION, 0, tag, saltLength)
                : new SrtpPolicy(encryption, keyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION, HMAC_KEY_BYTES, tag,
                        saltLength);
    }
}
