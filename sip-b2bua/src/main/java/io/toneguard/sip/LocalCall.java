package io.toneguard.sip;

import io.toneguard.media.sdp.Connection;
import io.toneguard.media.sdp.LocalRole;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.NegotiatedMedia;
import io.toneguard.media.sdp.OfferAnswer;
import io.toneguard.media.sdp.SdpNegotiationException;
import io.toneguard.media.sdp.SessionDescription;
import io.toneguard.media.transport.PortsExhaustedException;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call ToneGuard answers itself, with no leg B: a self-service number (a route whose target is
 * {@code self-service:<name>}). RTP or SRTP (SDES, or DTLS-SRTP) as the caller offers; the server
 * plays prompts into it and reads the caller's keys, then hangs up ({@link SipB2bua#hangUp}). The
 * caller may hang up first; a caller whose media stops for the RTP timeout is hung up on.
 */
final class LocalCall implements CallInfo {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCall.class);
    /** Route targets that mean "answer here". */
    static final String SCHEME = "self-service:";
    private static final AtomicLong IDS = new AtomicLong();

    private final SipB2bua b;
    private final String id;
    private final String caller;
    private final String target;
    private final Dialog dialog;
    private final Instant startedAt = Instant.now();
    private volatile CallState state = CallState.INVITING;
    private volatile Instant answeredAt;
    private CallMedia media;
    private SessionDescription answer;
    private int telephoneEventPt = -1;
    /** The caller's SRTP: SDES keys, or the DTLS-SRTP association (null: plain RTP). */
    private SdesLeg sdes;
    private DtlsLeg dtls;
    private final MediaActivity activity = new MediaActivity();

    private LocalCall(SipB2bua b, Request invite, Dialog dialog, String target) {
        this.b = b;
        this.id = "s" + Long.toString(IDS.incrementAndGet(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        this.caller = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        this.dialog = dialog;
        this.target = target;
    }

    /** Answers {@code invite} here: media anchored toward the caller, then told to the observer as answered. */
    static void begin(SipB2bua b, ServerTransaction st, Request invite, SessionDescription offer, String target) throws Exception {
        SipSupport sip = new SipSupport(b);
        if (offer == null) {
            sip.reply(st, invite, Response.NOT_ACCEPTABLE_HERE, "Self-service needs an SDP offer");
            return;
        }
        Dialog dialog = b.provider.getNewDialog(st);
        LocalCall call = new LocalCall(b, invite, dialog, target);
        dialog.setApplicationData(call);
        call.answer(sip, st, invite, offer);
    }

    private synchronized void answer(SipSupport sip, ServerTransaction st, Request invite, SessionDescription offer)
            throws Exception {
        Connection local = Connection.ip4(b.settings.bindAddress());
        String transport = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport().toLowerCase();
        SessionDescription plainOffer = SrtpSdp.plainView(offer);
        SdesLeg.Answer sdesAnswer = null;
        try {
            MediaDescription line = SrtpSdp.firstAudio(offer);
            if (line != null && line.isSecureRtp()) {
                if (SrtpSdp.isSdes(line)) {
                    SdesLeg.requireAllowed(b.settings, id, transport, "the caller");
                    sdes = new SdesLeg(id + "/caller", b.sdesPolicy);
                    sdesAnswer = sdes.prepareAnswer(line);
                } else if (DtlsLeg.isDtls(line)) {
                    dtls = new DtlsLeg(id + "/caller", b.dtlsCertificate, b.dtlsPolicy);
                    dtls.readOffer(offer, line);
                } else {
                    throw new SdpNegotiationException("transport " + line.proto() + " is not supported");
                }
            }
            media = CallMedia.open(b.media, id);
            SessionDescription plainAnswer = OfferAnswer.answer(plainOffer, b.capabilities, local, i -> media.callerPort());
            NegotiatedMedia.Accepted callerSide = OfferAnswer.negotiate(plainOffer, plainAnswer, LocalRole.ANSWERER).stream()
                    .filter(m -> m instanceof NegotiatedMedia.Accepted a && a.mediaType().equals("audio"))
                    .map(m -> (NegotiatedMedia.Accepted) m).findFirst()
                    .orElseThrow(() -> new SdpNegotiationException("no audio stream to answer"));
            media.callerPeer(callerSide);
            answer = secureAnswer(offer, SrtpSdp.withOfferedProfiles(plainAnswer, offer), sdesAnswer);
            sdesAnswer = null;
        } catch (SdpNegotiationException e) {
            LOG.info("self-service call {}: refused: {}", id, e.getMessage());
            if (sdesAnswer != null) {
                sdesAnswer.close();
            }
            close();
            sip.reply(st, invite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return;
        } catch (PortsExhaustedException e) {
            LOG.warn("self-service call {}: refused: {}", id, e.getMessage());
            close();
            sip.reply(st, invite, Response.SERVICE_UNAVAILABLE, "No media ports free");
            return;
        }
        b.registry.add(this);
        b.localCalls.put(id, this);
        st.sendResponse(sip.toA(Response.OK, null, invite, Long.toHexString(ThreadLocalRandom.current().nextLong()),
                transport, answer));
        state = CallState.CONFIRMED;
        answeredAt = Instant.now();
        LOG.info("self-service call {}: {} -> {} answered here ({})", id, caller, target,
                sdes != null ? "SRTP, SDES" : dtls != null ? "SRTP, DTLS" : "RTP");
        b.observer.callStarted(this);
        telephoneEventPt = offer.media().stream().filter(m -> m.media().equals("audio") && !m.isRejected())
                .flatMap(m -> m.telephoneEvents().stream()).mapToInt(t -> t.payloadType()).findFirst().orElse(-1);
        if (dtls == null) {
            startMedia();
        } else {
            dtls.start(media.endpoint(true), b.dtlsHandshakes).whenComplete(this::handshakeDone);
        }
    }

    /** Our answer's audio line: with our a=crypto (keys in use from now) or our fingerprint and setup. */
    private SessionDescription secureAnswer(SessionDescription offer, SessionDescription plainAnswer, SdesLeg.Answer pending) {
        if (dtls != null) {
            return SrtpSdp.withSecureAudio(plainAnswer, dtls::answerLine);
        }
        if (pending == null) {
            return plainAnswer;
        }
        SessionDescription out = SrtpSdp.withSecureAudio(plainAnswer, line -> sdes.answerLine(line, pending));
        media.srtp(true, sdes.commit(pending));
        return out;
    }

    /** The DTLS-SRTP handshake ended: the media starts with its keys, or the call ends. */
    private synchronized void handshakeDone(io.toneguard.media.srtp.SrtpSession session, Throwable error) {
        if (state == CallState.ENDED) {
            if (session != null) {
                session.close();
            }
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            b.dtlsFailed();
            LOG.warn("self-service call {}: DTLS-SRTP with the caller failed: {}", id, cause.getMessage());
            hangUp("DTLS-SRTP failed");
            return;
        }
        media.srtp(true, session);
        media.dtls(true, dtls.transport());
        dtls.transport().close();
        LOG.info("self-service call {}: DTLS-SRTP with the caller established ({})", id, session.inboundSuite());
        startMedia();
    }

    /** The relay runs (prompts toward the caller, the caller's keys read), and the server hears the call is answered. */
    private void startMedia() {
        media.start(b.callStages.create(this, telephoneEventPt));
        activity.reset(System.nanoTime());
        b.observer.callAnswered(this);
    }

    /** Called every second: a caller whose media stopped for {@code timeoutNanos} is hung up on. */
    synchronized void checkMedia(long now, long timeoutNanos) {
        if (state != CallState.CONFIRMED || media == null || !media.started()) {
            return;
        }
        if (activity.silentFor(now, media.packetsReceived(), false) > timeoutNanos) {
            hangUp("no RTP for " + timeoutNanos / 1_000_000_000L + " s");
        }
    }

    /** A request inside this call's dialog. */
    synchronized void request(ServerTransaction st, Request r) throws Exception {
        switch (r.getMethod()) {
            case Request.BYE -> {
                st.sendResponse(b.messages.createResponse(Response.OK, r));
                end("BYE from caller");
            }
            case Request.INVITE -> {
                // a re-INVITE (hold, refresh): the same media; we answer with the same SDP
                Response ok = new SipSupport(b).toA(Response.OK, null, r, null,
                        ((ViaHeader) r.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(), answer);
                st.sendResponse(ok);
            }
            case Request.INFO -> {
                ContentTypeHeader ct = (ContentTypeHeader) r.getHeader(ContentTypeHeader.NAME);
                int event = ct == null ? -1 : DtmfInfo.event(ct.getContentSubType(), r.getRawContent());
                if (event >= 0) {
                    b.observer.infoDigit(this, event, 0);
                }
                st.sendResponse(b.messages.createResponse(Response.OK, r));
            }
            default -> st.sendResponse(b.messages.createResponse(Response.OK, r));
        }
    }

    /** ToneGuard ends the call: BYE to the caller. */
    synchronized void hangUp(String reason) {
        if (state == CallState.ENDED) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = b.provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (Exception e) {
            LOG.warn("self-service call {}: BYE failed: {}", id, e.toString());
        }
        end(reason);
    }

    private void end(String reason) {
        if (state == CallState.ENDED) {
            return;
        }
        state = CallState.ENDED;
        b.registry.remove(this);
        b.localCalls.remove(id);
        close();
        LOG.info("self-service call {}: ended ({})", id, reason);
        b.observer.callEnded(this, reason);
    }

    private void close() {
        if (media != null) {
            media.close();
        }
        if (sdes != null) {
            sdes.close();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public String caller() {
        return caller;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public Instant answeredAt() {
        return answeredAt;
    }

    @Override
    public int callerMediaPort() {
        return media == null ? 0 : media.callerPort();
    }

    @Override
    public int agentMediaPort() {
        return media == null ? 0 : media.agentPort();
    }

    @Override
    public String agentAnswerHeader(String name) {
        return null;
    }
}
