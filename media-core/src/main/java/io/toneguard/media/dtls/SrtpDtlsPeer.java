package io.toneguard.media.dtls;

import io.toneguard.media.sdp.Fingerprint;
import io.toneguard.media.srtp.SrtpMasterKey;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.srtp.SrtpSuite;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What the DTLS client and server share: our credentials, the peer fingerprint check and the SRTP key export. */
final class SrtpDtlsPeer {
    private final BcTlsCrypto crypto;
    private final DtlsCertificate local;
    private final Fingerprint remote;
    private final DtlsSrtpPolicy policy;
    private final String name;
    private SrtpSuite chosen;
    private SrtpSession session;
    private String failure;

    SrtpDtlsPeer(BcTlsCrypto crypto, DtlsCertificate local, Fingerprint remote, DtlsSrtpPolicy policy, String name) {
        this.crypto = crypto;
        this.local = local;
        this.remote = remote;
        this.policy = policy;
        this.name = name;
    }

    DtlsSrtpPolicy policy() {
        return policy;
    }

    Certificate certificate() throws IOException {
        TlsCertificate c = crypto.createCertificate(local.encoded());
        return new Certificate(new TlsCertificate[] {c});
    }

    TlsCredentialedSigner signer(TlsContext context) throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, local.privateKey(),
                certificate(), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** Checks the peer's end-entity certificate against its SDP fingerprint (RFC 5763 §5). */
    void verifyPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            throw fail("peer presented no certificate", AlertDescription.handshake_failure);
        }
        if (!DtlsCertificate.matches(peer.getCertificateAt(0).getEncoded(), remote)) {
            throw fail("peer certificate does not match its a=fingerprint", AlertDescription.bad_certificate);
        }
    }

    /** The first of our profiles that the other side lists; fails the handshake when none. */
    SrtpSuite choose(int[] offered) throws IOException {
        for (SrtpSuite s : policy.profiles()) {
            int id = s.dtlsProfile().orElseThrow();
            if (Arrays.stream(offered).anyMatch(o -> o == id)) {
                chosen = s;
                return s;
            }
        }
        throw fail("no common SRTP protection profile", AlertDescription.handshake_failure);
    }

    void chosen(SrtpSuite suite) {
        this.chosen = suite;
    }

    /** RFC 5764 §4.2: client key, server key, client salt, server salt; each side decrypts with the other's. */
    void exportKeys(TlsContext context) throws IOException {
        if (chosen == null) {
            throw fail("peer did not negotiate use_srtp", AlertDescription.handshake_failure);
        }
        int k = chosen.keyLength();
        int s = chosen.saltLength();
        byte[] km = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (k + s));
        try (SrtpMasterKey client = SrtpMasterKey.of(chosen, km, 0, km, 2 * k);
                SrtpMasterKey server = SrtpMasterKey.of(chosen, km, k, km, 2 * k + s)) {
            session = context.isServer() ? SrtpSession.open(name, client, server) : SrtpSession.open(name, server, client);
        } finally {
            Arrays.fill(km, (byte) 0);
        }
    }

    private TlsFatalAlert fail(String why, short alert) {
        if (failure == null) {
            failure = why;
        }
        return new TlsFatalAlert(alert, why);
    }

    String failure() {
        return failure;
    }

    SrtpSession session() {
        return session;
    }

    SrtpSuite suite() {
        return chosen;
    }
}
