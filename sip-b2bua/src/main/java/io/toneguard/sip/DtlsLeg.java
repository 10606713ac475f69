package io.toneguard.sip;

import io.toneguard.media.dtls.DtlsCertificate;
import io.toneguard.media.dtls.DtlsEndpointTransport;
import io.toneguard.media.dtls.DtlsHandshakeException;
import io.toneguard.media.dtls.DtlsRole;
import io.toneguard.media.dtls.DtlsSrtpHandshake;
import io.toneguard.media.dtls.DtlsSrtpPolicy;
import io.toneguard.media.sdp.Fingerprint;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpNegotiationException;
import io.toneguard.media.sdp.SessionDescription;
import io.toneguard.media.sdp.SetupAttribute;
import io.toneguard.media.sdp.SetupRole;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.transport.MediaEndpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * DTLS-SRTP (RFC 5763/5764) of one call leg: our fingerprint and {@code a=setup} in that leg's
 * SDP, the peer's fingerprint and the role they decide, and the handshake, run on an executor
 * (never the event loop) with the endpoint's handshake pipeline in place until the relay starts.
 * The keys come out of the handshake as an {@link SrtpSession}; none of it is ever logged.
 */
final class DtlsLeg {
    /** The secure profile: RTP/AVP becomes UDP/TLS/RTP/SAVP, RTP/AVPF becomes UDP/TLS/RTP/SAVPF. */
    static String secureProfile(String plainProto) {
        return plainProto.endsWith("AVPF") ? "UDP/TLS/RTP/SAVPF" : "UDP/TLS/RTP/SAVP";
    }

    private final String name;
    private final DtlsCertificate certificate;
    private final DtlsSrtpPolicy policy;
    private DtlsRole role;
    private Fingerprint remote;
    private DtlsEndpointTransport transport;
    private CompletableFuture<SrtpSession> handshake;

    DtlsLeg(String name, DtlsCertificate certificate, DtlsSrtpPolicy policy) {
        this.name = name;
        this.certificate = certificate;
        this.policy = policy;
    }

    /** DTLS-SRTP's transport profiles. */
    static boolean isDtls(MediaDescription m) {
        return m.proto().startsWith("UDP/TLS/RTP/SAVP");
    }

    /** The peer's fingerprint for a line: sha-256 when offered, else the first one given. */
    private static Fingerprint fingerprintOf(SessionDescription sdp, MediaDescription m) throws SdpNegotiationException {
        List<Fingerprint> all = sdp.fingerprints(m);
        if (all.isEmpty()) {
            throw new SdpNegotiationException("DTLS-SRTP without a=fingerprint");
        }
        return all.stream().filter(f -> f.hashFunction().equalsIgnoreCase("sha-256")).findFirst().orElse(all.get(0));
    }

    private static SetupRole setupOf(SessionDescription sdp, MediaDescription m) {
        return m.setup().or(sdp::setup).orElse(SetupRole.ACTPASS);
    }

    /**
     * Reads the peer's offer (first or re-offer) and says what we answer: our role from its
     * {@code a=setup}. A re-offer must keep the fingerprint: a new DTLS association mid-call is
     * not supported.
     *
     * @throws SdpNegotiationException for a missing fingerprint, an unusable setup or a changed fingerprint
     */
    void readOffer(SessionDescription sdp, MediaDescription m) throws SdpNegotiationException {
        Fingerprint fp = fingerprintOf(sdp, m);
        if (remote != null) {
            if (!remote.equals(fp)) {
                throw new SdpNegotiationException("a new DTLS fingerprint mid-call is not supported");
            }
            return;
        }
        SetupRole offered = setupOf(sdp, m);
        try {
            role = DtlsRole.of(DtlsRole.answerTo(offered));
        } catch (IllegalArgumentException e) {
            throw new SdpNegotiationException("a=setup:" + offered.value() + " cannot be answered");
        }
        remote = fp;
    }

    /** Our answer's line: the DTLS profile, our fingerprint and the setup of our role. */
    MediaDescription answerLine(MediaDescription plainLine) {
        return plainLine.withProto(secureProfile(plainLine.proto()))
                .withAttribute(certificate.fingerprint())
                .withAttribute(new SetupAttribute(role == DtlsRole.CLIENT ? SetupRole.ACTIVE : SetupRole.PASSIVE));
    }

    /** Our offer's line: actpass before the association exists, our role afterwards. */
    MediaDescription offerLine(MediaDescription plainLine) {
        SetupRole setup = role == null ? SetupRole.ACTPASS : role == DtlsRole.CLIENT ? SetupRole.ACTIVE : SetupRole.PASSIVE;
        return plainLine.withProto(secureProfile(plainLine.proto()))
                .withAttribute(certificate.fingerprint())
                .withAttribute(new SetupAttribute(setup));
    }

    /** Reads the peer's answer to our offer: its fingerprint and the role its setup leaves us. */
    void readAnswer(SessionDescription sdp, MediaDescription m) throws SdpNegotiationException {
        Fingerprint fp = fingerprintOf(sdp, m);
        if (remote != null && !remote.equals(fp)) {
            throw new SdpNegotiationException("a new DTLS fingerprint mid-call is not supported");
        }
        SetupRole answered = m.setup().or(sdp::setup).orElse(SetupRole.ACTIVE); // RFC 4145: active by default
        DtlsRole theirs;
        try {
            theirs = DtlsRole.of(answered);
        } catch (IllegalArgumentException e) {
            throw new SdpNegotiationException("answer a=setup:" + answered.value() + " does not decide a DTLS role");
        }
        DtlsRole ours = theirs == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
        if (role != null && role != ours) {
            throw new SdpNegotiationException("the answer swaps DTLS roles mid-call");
        }
        role = ours;
        remote = fp;
    }

    boolean ready() {
        return role != null && remote != null;
    }

    boolean started() {
        return handshake != null;
    }

    /**
     * Installs the endpoint's handshake pipeline now, so that a peer that starts the handshake
     * before its answer reaches us (an agent side answering {@code a=setup:active}) is not lost.
     */
    void listen(MediaEndpoint endpoint) {
        if (transport == null) {
            transport = new DtlsEndpointTransport(endpoint);
            endpoint.inbound(transport.handshakePipeline(), null);
        }
    }

    /**
     * Starts the handshake on {@code executor} with the endpoint's handshake pipeline installed
     * (media from that peer waits for the keys). Idempotent; the future completes with the
     * session or a {@link DtlsHandshakeException}.
     */
    CompletableFuture<SrtpSession> start(MediaEndpoint endpoint, Executor executor) {
        if (handshake != null) {
            return handshake;
        }
        listen(endpoint);
        DtlsEndpointTransport t = transport;
        DtlsRole r = role;
        Fingerprint fp = remote;
        handshake = CompletableFuture.supplyAsync(() -> {
            try {
                return DtlsSrtpHandshake.run(r, t, t.peerId(), certificate, fp, policy, name);
            } catch (DtlsHandshakeException e) {
                throw new CompletionException(e);
            }
        }, executor);
        return handshake;
    }

    /** The endpoint transport (for the relay's demux of later DTLS records). */
    DtlsEndpointTransport transport() {
        return transport;
    }

    /** Stops a running handshake (its transport fails); the session, once handed over, is the media's to close. */
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "DtlsLeg[" + name + ", " + role + "]";
    }
}
