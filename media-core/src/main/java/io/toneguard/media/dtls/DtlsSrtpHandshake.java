package io.toneguard.media.dtls;

import io.toneguard.media.sdp.Fingerprint;
import io.toneguard.media.srtp.SrtpSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSRequest;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSVerifier;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP handshake (RFC 5763, RFC 5764) over a datagram transport, in the role that
 * {@code a=setup} decided, ending in an {@link SrtpSession} for that leg. Blocking: run it off
 * the event loop. The server side answers the first ClientHello with a stateless cookie
 * ({@link DTLSVerifier}) and only then keeps state. The peer's certificate must match the
 * {@code a=fingerprint} it signalled, or the handshake fails with a {@link DtlsHandshakeException}.
 */
public final class DtlsSrtpHandshake {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DtlsSrtpHandshake() {
    }

    /**
     * Runs the handshake.
     *
     * @param peerId  the peer's transport address bytes, bound into the server's cookie
     * @param name    the session's name (for logs and stats)
     * @throws DtlsHandshakeException with a reason that names no key material
     */
    public static SrtpSession run(DtlsRole role, DatagramTransport transport, byte[] peerId, DtlsCertificate local,
            Fingerprint remote, DtlsSrtpPolicy policy, String name) throws DtlsHandshakeException {
        Objects.requireNonNull(remote, "remote fingerprint");
        BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
        SrtpDtlsPeer peer = new SrtpDtlsPeer(crypto, local, remote, policy, name);
        try {
            if (role == DtlsRole.CLIENT) {
                new DTLSClientProtocol().connect(new SrtpDtlsClient(crypto, peer), transport);
            } else {
                DTLSRequest request = awaitVerifiedHello(crypto, transport, peerId, policy);
                new DTLSServerProtocol().accept(new SrtpDtlsServer(crypto, peer), transport, request);
            }
        } catch (IOException | RuntimeException e) {
            SrtpSession half = peer.session();
            if (half != null) {
                half.close();
            }
            String why = peer.failure() != null ? peer.failure()
                    : e instanceof DtlsHandshakeException d ? d.getMessage()
                    : e instanceof InterruptedIOException ? "DTLS handshake timed out"
                    : "DTLS handshake failed: " + e.getClass().getSimpleName();
            throw new DtlsHandshakeException(why, e);
        }
        SrtpSession session = peer.session();
        if (session == null) {
            throw new DtlsHandshakeException("DTLS handshake ended without SRTP keys", null);
        }
        return session;
    }

    /** Reads ClientHellos, answering each without a valid cookie with a HelloVerifyRequest. */
    private static DTLSRequest awaitVerifiedHello(BcTlsCrypto crypto, DatagramTransport transport, byte[] peerId,
            DtlsSrtpPolicy policy) throws IOException {
        DTLSVerifier verifier = new DTLSVerifier(crypto);
        byte[] buf = new byte[Math.max(transport.getReceiveLimit(), 1500)];
        long deadline = System.nanoTime() + policy.handshakeTimeout().toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new DtlsHandshakeException("DTLS handshake timed out waiting for a ClientHello", null);
            }
            int n;
            try {
                n = transport.receive(buf, 0, buf.length, (int) Math.min(left, 1000));
            } catch (SocketTimeoutException e) {
                continue; // some transports throw instead of returning -1
            }
            if (n > 0) {
                DTLSRequest request = verifier.verifyRequest(peerId, buf, 0, n, transport);
                if (request != null) {
                    return request;
                }
            }
        }
    }
}
