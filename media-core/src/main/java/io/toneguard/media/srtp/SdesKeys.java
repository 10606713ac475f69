package io.toneguard.media.srtp;

import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
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
