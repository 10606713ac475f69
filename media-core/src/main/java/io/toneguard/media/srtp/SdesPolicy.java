package io.toneguard.media.srtp;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which SDES suites ToneGuard offers (in preference order) and which it accepts in an offer.
 * {@link #DEFAULT} offers the two suites every SRTP phone and trunk speaks and accepts all.
 */
public record SdesPolicy(List<SrtpSuite> offered, Set<SrtpSuite> accepted) {
    public static final SdesPolicy DEFAULT = new SdesPolicy(
            List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32),
            Set.of(SrtpSuite.values()));

    public SdesPolicy {
        offered = List.copyOf(offered);
        accepted = Set.copyOf(Objects.requireNonNull(accepted, "accepted"));
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("an SDES policy must offer at least one suite");
        }
        if (offered.stream().distinct().count() != offered.size()) {
            throw new IllegalArgumentException("an SDES policy lists a suite twice");
        }
    }

    /** Offers and accepts exactly these suites. */
    public static SdesPolicy of(SrtpSuite... suites) {
        return new SdesPolicy(List.of(suites), Set.of(suites));
    }
}
