package io.toneguard.sip;

import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpNegotiationException;
import io.toneguard.media.srtp.Sdes;
import io.toneguard.media.srtp.SdesKeys;
import io.toneguard.media.srtp.SdesOffer;
import io.toneguard.media.srtp.SdesPolicy;
import io.toneguard.media.srtp.SrtpSession;

/**
 * SDES-SRTP of one call leg: the keys agreed with that leg's peer (never the other leg's), our
 * offers and answers, and re-keying when a re-offer brings a new key. A re-offer that keeps the
 * peer's key keeps ours too, so the session goes on. {@link #close()} wipes every key.
 */
final class SdesLeg implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SdesLeg.class);

    private final String name;
    private final SdesPolicy policy;
    private SdesOffer pendingOffer;
    private SdesKeys keys;

    /**
     * SDES keys travel in the SDP: only over SIP over TLS, unless configuration allows otherwise.
     *
     * @throws SdpNegotiationException (SIP: 488) naming the leg and its transport, never a key
     */
    static void requireAllowed(SipSettings settings, String callId, String transport, String leg) throws SdpNegotiationException {
        if ("tls".equals(transport) || settings.allowSdesWithoutTls()) {
            return;
        }
        LOG.warn("call {}: SRTP with SDES keys refused toward {}: its SIP is {}, not TLS (sip.allowSdesWithoutTls is false)",
                callId, leg, transport);
        throw new SdpNegotiationException("SDES keys are only exchanged over SIP over TLS");
    }

    SdesLeg(String name, SdesPolicy policy) {
        this.name = name;
        this.policy = policy;
    }

    /** What we will answer to the peer's offer: unchanged keys, or new ones (not in use until {@link #commit}). */
    static final class Answer implements AutoCloseable {
        private final SdesKeys next;

        private Answer(SdesKeys next) {
            this.next = next;
        }

        @Override
        public void close() {
            if (next != null) {
                next.close();
            }
        }
    }

    /**
     * Reads the peer's offered line: the same key under the tag we agreed keeps everything; otherwise
     * the first usable {@code a=crypto} is answered with a fresh key of ours.
     *
     * @throws SdpNegotiationException when no line is usable (SIP: 488)
     */
    Answer prepareAnswer(MediaDescription offered) throws SdpNegotiationException {
        if (keys != null) {
            for (Crypto c : offered.crypto()) {
                if (c.tag() == keys.tag() && keys.sameRemote(c)) {
                    return new Answer(null);
                }
            }
        }
        return new Answer(Sdes.answer(offered, policy));
    }

    /** The answer's line: secure profile and our {@code a=crypto} (the new key, or the one in use). */
    MediaDescription answerLine(MediaDescription plainLine, Answer a) {
        SdesKeys k = a.next != null ? a.next : keys;
        return k.applyTo(plainLine);
    }

    /** The answer was sent: its keys are now the leg's. Returns the session to use, or null when unchanged. */
    SrtpSession commit(Answer a) {
        if (a.next == null) {
            return null;
        }
        return install(a.next);
    }

    /**
     * Our offer's line: fresh keys of ours on the first offer; afterwards the key in use (a
     * re-offer for hold or new ports does not re-key).
     */
    MediaDescription offerLine(MediaDescription plainLine) {
        if (keys != null) {
            return keys.applyTo(plainLine);
        }
        if (pendingOffer != null) {
            pendingOffer.close();
        }
        pendingOffer = Sdes.offer(policy);
        return pendingOffer.applyTo(plainLine);
    }

    /**
     * Reads the peer's answer to our offer or re-offer. Returns the session to use (first answer,
     * or the peer re-keyed), or null when nothing changed.
     *
     * @throws SdpNegotiationException when the answer does not fit (no, several or foreign a=crypto)
     */
    SrtpSession acceptAnswer(MediaDescription answerLine) throws SdpNegotiationException {
        if (pendingOffer != null) {
            SdesOffer offer = pendingOffer;
            pendingOffer = null;
            try {
                return install(offer.accept(answerLine));
            } finally {
                offer.close();
            }
        }
        if (keys == null) {
            throw new SdpNegotiationException("an SRTP answer to an offer without a=crypto");
        }
        SdesKeys next = keys.reanswered(answerLine);
        if (next.sameRemote(keys)) {
            next.close();
            return null;
        }
        return install(next);
    }

    boolean agreed() {
        return keys != null;
    }

    private SrtpSession install(SdesKeys next) {
        if (keys != null) {
            keys.close();
        }
        keys = next;
        return next.openSession(name);
    }

    @Override
    public void close() {
        if (pendingOffer != null) {
            pendingOffer.close();
            pendingOffer = null;
        }
        if (keys != null) {
            keys.close();
        }
    }

    @Override
    public String toString() {
        return "SdesLeg[" + name + ", <redacted>]";
    }
}
