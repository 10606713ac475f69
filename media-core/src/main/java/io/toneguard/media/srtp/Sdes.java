package io.toneguard.media.srtp;

import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.CryptoKey;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpNegotiationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SDES (RFC 4568): {@code a=crypto} lines to SRTP master keys and back, and the answerer's side
 * of the offer/answer. Error messages name the suite, tag or parameter, never key bytes.
 */
public final class Sdes {
    /** Secure profile of each plain RTP profile. */
    private static final Pattern PLAIN_PROFILE = Pattern.compile("RTP/AVP(F?)$");
    private static final Pattern WSH = Pattern.compile("WSH=[0-9]{1,9}");

    private Sdes() {
    }

    /**
     * The master key of a single {@code a=crypto} line.
     *
     * @throws IllegalArgumentException for an unsupported suite, MKI or several keys, a session
     *                                  parameter jitsi-srtp cannot honour, or a wrong key length
     */
    public static SrtpMasterKey key(Crypto crypto) {
        SrtpSuite suite = SrtpSuite.fromSdesName(crypto.suite()).orElseThrow(() ->
                new IllegalArgumentException("a=crypto suite " + crypto.suite() + " is not supported"));
        if (crypto.keys().size() != 1) {
            throw new IllegalArgumentException("a=crypto with several keys (MKI) is not supported");
        }
        CryptoKey k = crypto.keys().get(0);
        if (k.mki().isPresent()) {
            throw new IllegalArgumentException("a=crypto MKI is not supported");
        }
        for (String p : crypto.sessionParams()) {
            if (!WSH.matcher(p).matches() && !p.equals("KDR=0")) {
                int eq = p.indexOf('=');
                throw new IllegalArgumentException("a=crypto session parameter "
                        + (eq < 0 ? p : p.substring(0, eq)) + " is not supported");
            }
        }
        byte[] keySalt = k.decodeKeySalt();
        try {
            return SrtpMasterKey.of(suite, keySalt);
        } finally {
            Arrays.fill(keySalt, (byte) 0);
        }
    }

    /** The {@code a=crypto} line that announces {@code key} under {@code tag}. */
    public static Crypto crypto(int tag, SrtpMasterKey key) {
        byte[] keySalt = key.keyThenSalt();
        try {
            String inline = Base64.getEncoder().encodeToString(keySalt);
            return new Crypto(tag, key.suite().sdesName(),
                    List.of(new CryptoKey("inline", inline, Optional.empty(), Optional.empty())), List.of());
        } finally {
            Arrays.fill(keySalt, (byte) 0);
        }
    }

    /**
     * Answers the crypto offer of one m-line: picks the first offered line (the offerer's
     * preference) whose suite the policy accepts and whose key is usable, and pairs it with a
     * fresh key of ToneGuard's own under the same tag.
     *
     * @throws SdpNegotiationException when no offered line is usable (SIP: 488), with the reasons
     */
    public static SdesKeys answer(MediaDescription offered, SdesPolicy policy) throws SdpNegotiationException {
        List<Crypto> lines = offered.crypto();
        if (lines.isEmpty()) {
            throw new SdpNegotiationException("offer has no a=crypto for " + offered.proto());
        }
        List<String> reasons = new ArrayList<>();
        for (Crypto c : lines) {
            Optional<SrtpSuite> suite = SrtpSuite.fromSdesName(c.suite());
            if (suite.isEmpty() || !policy.accepted().contains(suite.get())) {
                reasons.add("tag " + c.tag() + ": suite " + c.suite() + " not accepted");
                continue;
            }
            SrtpMasterKey remote;
            try {
                remote = key(c);
            } catch (IllegalArgumentException e) {
                reasons.add("tag " + c.tag() + ": " + e.getMessage());
                continue;
            }
            return new SdesKeys(c.tag(), remote, SrtpMasterKey.generate(suite.get()));
        }
        throw new SdpNegotiationException("no usable a=crypto: " + String.join("; ", reasons));
    }

    /** Makes an offer of the policy's suites, each with a fresh key of ToneGuard's own. */
    public static SdesOffer offer(SdesPolicy policy) {
        return new SdesOffer(policy.offered());
    }

    /** The secure profile for a media line: RTP/AVP becomes RTP/SAVP, RTP/AVPF becomes RTP/SAVPF. */
    static String secureProfile(String proto) {
        return PLAIN_PROFILE.matcher(proto).replaceFirst("RTP/SAVP$1");
    }

    /** A copy of {@code m} with the secure profile and exactly these crypto lines. */
    static MediaDescription withCrypto(MediaDescription m, List<Crypto> lines) {
        MediaDescription out = m.withoutAttributes("crypto").withProto(secureProfile(m.proto()));
        for (Crypto c : lines) {
            out = out.withAttribute(c);
        }
        return out;
    }
}
