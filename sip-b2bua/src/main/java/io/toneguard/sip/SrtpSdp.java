package io.toneguard.sip;

import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * SDP views for SRTP legs: the plain RTP/AVP view that offer/answer with ToneGuard's capabilities
 * works on (keys are handled per leg by {@link SdesLeg}, never copied across), and the secure line
 * put back. Never logs: an SDP with {@code a=crypto} carries keys.
 */
final class SrtpSdp {
    private SrtpSdp() {
    }

    /** The index of the audio m-line ToneGuard anchors (the first active RTP audio line), or -1. */
    static int firstAudioIndex(SessionDescription sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (!m.isRejected() && m.media().equals("audio") && m.isRtp()) {
                return i;
            }
        }
        return -1;
    }

    static MediaDescription firstAudio(SessionDescription sdp) {
        int i = firstAudioIndex(sdp);
        return i < 0 ? null : sdp.media().get(i);
    }

    /** SDES-SRTP: RTP/SAVP or RTP/SAVPF (not DTLS-SRTP's UDP/TLS/RTP/SAVP). */
    static boolean isSdes(MediaDescription m) {
        return m.proto().equals("RTP/SAVP") || m.proto().equals("RTP/SAVPF");
    }

    /**
     * The description as plain RTP/AVP for offer/answer with ToneGuard's capabilities: RTP/AVPF,
     * RTP/SAVP(F) and UDP/TLS/RTP/SAVP(F) lines become RTP/AVP, without {@code a=crypto},
     * {@code a=fingerprint} and {@code a=setup}. ToneGuard sends no RTCP feedback; an AVPF offer is
     * answered in its own profile ({@link #withOfferedProfiles}) and then simply gets none.
     */
    static SessionDescription plainView(SessionDescription sdp) {
        List<MediaDescription> out = new ArrayList<>(sdp.media().size());
        boolean changed = false;
        for (MediaDescription m : sdp.media()) {
            if (isSdes(m) || DtlsLeg.isDtls(m) || m.proto().equals("RTP/AVPF")) {
                out.add(m.withProto("RTP/AVP").withoutAttributes("crypto").withoutAttributes("fingerprint")
                        .withoutAttributes("setup"));
                changed = true;
            } else {
                out.add(m);
            }
        }
        return changed ? sdp.withMedia(out) : sdp;
    }

    /** The answer with each m-line in the profile its offer line had (the answer must mirror it, RFC 3264). */
    static SessionDescription withOfferedProfiles(SessionDescription answer, SessionDescription offer) {
        if (answer.media().size() != offer.media().size()) {
            return answer;
        }
        List<MediaDescription> out = new ArrayList<>(answer.media().size());
        boolean changed = false;
        for (int i = 0; i < answer.media().size(); i++) {
            MediaDescription a = answer.media().get(i);
            String offered = offer.media().get(i).proto();
            if (!a.proto().equals(offered)) {
                a = a.withProto(offered);
                changed = true;
            }
            out.add(a);
        }
        return changed ? answer.withMedia(out) : answer;
    }

    /** The description with its anchored audio line replaced by {@code secure(line)}. */
    static SessionDescription withSecureAudio(SessionDescription sdp, UnaryOperator<MediaDescription> secure) {
        int i = firstAudioIndex(sdp);
        if (i < 0) {
            return sdp;
        }
        return sdp.withMedia(i, secure.apply(sdp.media().get(i)));
    }
}
