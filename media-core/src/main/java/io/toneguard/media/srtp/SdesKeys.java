package io.toneguard.media.srtp;

import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpNegotiationException;
import java.util.List;

/**
 * What SDES agreed for one leg: the tag and suite, the peer's key (to decrypt what it sends) and
 * ToneGuard's own (to encrypt what it receives). Sensitive: {@link #close()} wipes both keys.
 */
public final class SdesKeys implements AutoCloseable {
    private final int tag;
    private final SrtpMasterKey remote;
    private final SrtpMasterKey local;

    SdesKeys(int tag, SrtpMasterKey remote, SrtpMasterKey local) {
        if (remote.suite() != local.suite()) {
            throw new IllegalArgumentException("both directions of an SDES leg use one suite");
        }
        this.tag = tag;
        this.remote = remote;
        this.local = local;
    }

    public int tag() {
        return tag;
    }

    public SrtpSuite suite() {
        return local.suite();
    }

    /** ToneGuard's own {@code a=crypto} line, for the answer. */
    public Crypto localCrypto() {
        return Sdes.crypto(tag, local);
    }

    /** The answer's m-line with the secure profile and ToneGuard's {@code a=crypto}. */
    public MediaDescription applyTo(MediaDescription answerLine) {
        return Sdes.withCrypto(answerLine, List.of(localCrypto()));
    }

    /**
     * Whether {@code offered} (a re-offer's line under our tag) still carries the peer's key: then
     * the session goes on unchanged (RFC 4568 section 7.1.4). Any unusable line is "not the same".
     */
    public boolean sameRemote(Crypto offered) {
        if (offered.tag() != tag || !offered.suite().equals(suite().sdesName())) {
            return false;
        }
        try (SrtpMasterKey k = Sdes.key(offered)) {
            return k.sameAs(remote);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads the peer's answer to our re-offer (which carried {@link #localCrypto()}): exactly one
     * {@code a=crypto}, under our tag and suite. The result keeps our key and takes the peer's,
     * which may be new (it re-keyed); close this object when the result replaces it.
     *
     * @throws SdpNegotiationException when the answer does not fit the re-offer
     */
    public SdesKeys reanswered(MediaDescription answerLine) throws SdpNegotiationException {
        List<Crypto> lines = answerLine.crypto();
        if (lines.size() != 1) {
            throw new SdpNegotiationException("answer must carry exactly one a=crypto, has " + lines.size());
        }
        Crypto c = lines.get(0);
        if (c.tag() != tag || !c.suite().equals(suite().sdesName())) {
            throw new SdpNegotiationException("answer a=crypto tag " + c.tag() + " " + c.suite() + " was not offered");
        }
        try {
            return new SdesKeys(tag, Sdes.key(c), local.copy());
        } catch (IllegalArgumentException e) {
            throw new SdpNegotiationException("answer a=crypto: " + e.getMessage());
        }
    }

    /** Whether both hold the same peer key (the peer did not re-key). */
    public boolean sameRemote(SdesKeys other) {
        return remote.sameAs(other.remote);
    }

    /** An SRTP session with these keys (copied into it: close this object once the session is open). */
    public SrtpSession openSession(String name) {
        return SrtpSession.open(name, remote, local);
    }

    @Override
    public void close() {
        remote.close();
        local.close();
    }

    @Override
    public String toString() {
        return "SdesKeys[tag=" + tag + " " + suite() + ", <redacted>]";
    }
}
