package io.toneguard.media.dtls;

import io.toneguard.media.srtp.SrtpSuite;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What ToneGuard negotiates in {@code use_srtp} (preference order, RFC 5764 §4.1.2) and how long
 * a handshake may take. {@link #DEFAULT}: SRTP_AES128_CM_HMAC_SHA1_80, then _32; 10 seconds.
 */
public record DtlsSrtpPolicy(List<SrtpSuite> profiles, Duration handshakeTimeout) {
    public static final DtlsSrtpPolicy DEFAULT = new DtlsSrtpPolicy(
            List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32), Duration.ofSeconds(10));

    public DtlsSrtpPolicy {
        profiles = List.copyOf(profiles);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one SRTP protection profile is required");
        }
        for (SrtpSuite s : profiles) {
            if (s.dtlsProfile().isEmpty()) {
                throw new IllegalArgumentException(s + " has no DTLS-SRTP protection profile");
            }
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive");
        }
    }

    public DtlsSrtpPolicy withProfiles(SrtpSuite... suites) {
        return new DtlsSrtpPolicy(List.of(suites), handshakeTimeout);
    }

    public DtlsSrtpPolicy withHandshakeTimeout(Duration timeout) {
        return new DtlsSrtpPolicy(profiles, timeout);
    }

    int[] profileIds() {
        return profiles.stream().mapToInt(s -> s.dtlsProfile().orElseThrow()).toArray();
    }
}
