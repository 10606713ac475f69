package io.toneguard.media.srtp;

import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpNegotiationException;
import java.util.ArrayList;
import java.util.List;

/**
 * ToneGuard's SDES offer for one m-line: a fresh key per offered suite under tags 1..n, kept until
 * the answer picks one. {@link #close()} wipes every key not handed over to {@link SdesKeys}.
 */
public final class SdesOffer implements AutoCloseable {
    private final List<SrtpMasterKey> keys = new ArrayList<>();
    private boolean accepted;

    SdesOffer(List<SrtpSuite> suites) {
        for (SrtpSuite s : suites) {
            keys.add(SrtpMasterKey.generate(s));
        }
    }

    /** The {@code a=crypto} lines of the offer, tags 1..n in preference order. */
    public List<Crypto> attributes() {
        List<Crypto> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(Sdes.crypto(i + 1, keys.get(i)));
        }
        return List.copyOf(out);
    }

    /** The offer's m-line with the secure profile and the {@code a=crypto} lines. */
    public MediaDescription applyTo(MediaDescription offerLine) {
        return Sdes.withCrypto(offerLine, attributes());
    }

    /**
     * Reads the answer's m-line: exactly one {@code a=crypto}, with a tag and suite we offered.
     *
     * @throws SdpNegotiationException when the answer does not fit the offer
     */
    public SdesKeys accept(MediaDescription answerLine) throws SdpNegotiationException {
        if (accepted) {
            throw new IllegalStateException("SDES offer already accepted");
        }
        List<Crypto> lines = answerLine.crypto();
        if (lines.size() != 1) {
            throw new SdpNegotiationException("answer must carry exactly one a=crypto, has " + lines.size());
        }
        Crypto c = lines.get(0);
        int index = c.tag() - 1;
        if (index < 0 || index >= keys.size()) {
            throw new SdpNegotiationException("answer a=crypto tag " + c.tag() + " was not offered");
        }
        SrtpMasterKey local = keys.get(index);
        if (!c.suite().equals(local.suite().sdesName())) {
            throw new SdpNegotiationException("answer a=crypto tag " + c.tag() + " has suite " + c.suite()
                    + ", offered " + local.suite());
        }
        SrtpMasterKey remote;
        try {
            remote = Sdes.key(c);
        } catch (IllegalArgumentException e) {
            throw new SdpNegotiationException("answer a=crypto: " + e.getMessage());
        }
        accepted = true;
        SdesKeys agreed = new SdesKeys(c.tag(), remote, local.copy());
        close();
        return agreed;
    }

    @Override
    public void close() {
        keys.forEach(SrtpMasterKey::close);
    }

    @Override
    public String toString() {
        return "SdesOffer[" + keys.size() + " suites, <redacted>]";
    }
}
