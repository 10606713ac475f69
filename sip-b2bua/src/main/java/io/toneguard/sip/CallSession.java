package io.toneguard.sip;

import io.toneguard.media.sdp.Connection;
import io.toneguard.media.sdp.Direction;
import io.toneguard.media.sdp.LocalPorts;
import io.toneguard.media.sdp.LocalRole;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.sdp.NegotiatedMedia;
import io.toneguard.media.sdp.OfferAnswer;
import io.toneguard.media.sdp.SdpNegotiationException;
import io.toneguard.media.sdp.SdpParseException;
import io.toneguard.media.sdp.SdpParser;
import io.toneguard.media.sdp.SdpWriter;
import io.toneguard.media.sdp.SessionDescription;
import io.toneguard.media.transport.PortsExhaustedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the B2BUA: leg A (ToneGuard as the caller's UAS), leg B (ToneGuard as UAC
 * toward the agent side), SDP rewritten on both so that media crosses ToneGuard, and the media
 * relay with masking on the caller -> agent direction. Every SIP event of the call is handled
 * under the session's lock; log lines carry the call id, never a digit.
 */
final class CallSession implements CallInfo {
    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    enum Leg { A, B }

    private final SipB2bua b;
    private final String id;
    private final String aCallId;
    private final Request aInvite;
    private final ServerTransaction aInviteTx;
    private final Dialog aDialog;
    private final String aToTag;
    private final String aTransport;
    private final String caller;
    private final String target;
    private final Instant startedAt = Instant.now();
    private final Map<String, String> agentAnswerHeaders = new ConcurrentHashMap<>();

    private volatile CallState state = CallState.INVITING;
    private volatile Instant answeredAt;
    private ClientTransaction bInviteTx;
    private Dialog bDialog;
    private String bTransport;
    private final AgentMedia agentMedia;
    private CallMedia media;
    /** SDES-SRTP of each leg (null: plain RTP); keys of one leg never reach the other. */
    private SdesLeg aSdes;
    private SdesLeg bSdes;
    /** Our answer to the caller's SDES offer, used once leg A gets its 18x/200 with SDP. */
    private SdesLeg.Answer aSdesAnswer;
    /** DTLS-SRTP of each leg (null: not DTLS). */
    private DtlsLeg aDtls;
    private DtlsLeg bDtls;
    private SessionDescription aOffer;
    private SessionDescription offerToB;
    private SessionDescription sdpToA;
    private boolean lateOffer;
    private boolean aAcked;
    private boolean cancelled;
    private boolean reInviteInProgress;
    /** A leg put the call on hold (sendonly, inactive, 0.0.0.0): silence is expected, not a dead call. */
    private boolean onHold;
    private int callerTelephoneEventPt = -1;
    private final MediaActivity activity = new MediaActivity();
    private long sessionExpiresNanos;
    private long lastRefreshNanos = System.nanoTime();

    private CallSession(SipB2bua b, ServerTransaction st, Request invite, Dialog aDialog, String target,
            String bTransport, AgentMedia agentMedia) {
        this.b = b;
        this.id = "c" + Long.toString(IDS.incrementAndGet(), 36) + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        this.aCallId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        this.aInvite = invite;
        this.aInviteTx = st;
        this.aDialog = aDialog;
        this.aToTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.aTransport = ((ViaHeader) invite.getHeader(ViaHeader.NAME)).getTransport().toLowerCase();
        this.caller = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        this.target = target;
        this.bTransport = bTransport;
        this.agentMedia = agentMedia;
    }

    // ------------------------------------------------------------------ CallInfo

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
        CallMedia m = media;
        return m == null ? 0 : m.callerPort();
    }

    @Override
    public int agentMediaPort() {
        CallMedia m = media;
        return m == null ? 0 : m.agentPort();
    }

    @Override
    public String agentAnswerHeader(String name) {
        return agentAnswerHeaders.get(name.toLowerCase());
    }

    @Override
    public String toString() {
        return "Call[" + id + ", " + state + "]";
    }

    // ------------------------------------------------------------------ a new call

    /** Handles a new INVITE from a caller: checks, routes, opens media, invites leg B. */
    static void begin(SipB2bua b, ServerTransaction st, Request invite) throws Exception {
        SipSupport sip = new SipSupport(b);
        if (!b.accepting()) {
            sip.reply(st, invite, Response.SERVICE_UNAVAILABLE, "Shutting down");
            return;
        }
        MaxForwardsHeader mf = (MaxForwardsHeader) invite.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            sip.reply(st, invite, Response.TOO_MANY_HOPS, null);
            return;
        }
        Optional<String> unsupported = sip.unsupportedRequired(invite);
        if (unsupported.isPresent()) {
            Response r = b.messages.createResponse(Response.BAD_EXTENSION, invite);
            r.addHeader(b.headers.createUnsupportedHeader(unsupported.get()));
            st.sendResponse(r);
            return;
        }
        URI uri = invite.getRequestURI();
        if (!(uri instanceof SipURI ruri)) {
            sip.reply(st, invite, Response.UNSUPPORTED_URI_SCHEME, "Only sip: URIs are routed");
            return;
        }
        int ruriPort = ruri.getPort() > 0 ? ruri.getPort() : 5060;
        boolean toUs = ruri.getHost().equals(b.settings.bindAddress()) && ruriPort == b.settings.port();
        Optional<Router.Target> route = b.router.route(ruri.getUser(), ruri.getHost(), ruriPort, toUs,
                ruri.toString(), name -> {
                    Header h = invite.getHeader(name);
                    return h == null ? null : headerValue(h);
                });
        if (route.isEmpty()) {
            sip.reply(st, invite, Response.NOT_FOUND, "No route for this destination");
            return;
        }
        SessionDescription offer = null;
        if (SipSupport.hasSdp(invite)) {
            try {
                offer = sdpOf(invite);
            } catch (SdpParseException e) {
                if (e.getMessage() != null && e.getMessage().contains("a=crypto")) {
                    // RFC 4568: an offer without a usable crypto line is not acceptable (the message names no key)
                    LOG.info("refused a call: unusable SDES offer: {}", e.getMessage());
                    sip.reply(st, invite, Response.NOT_ACCEPTABLE_HERE, "Unusable a=crypto");
                    return;
                }
                sip.reply(st, invite, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage());
                return;
            }
        }
        if (route.get().uri().startsWith(LocalCall.SCHEME)) {
            LocalCall.begin(b, st, invite, offer, route.get().uri());
            return;
        }
        Dialog dialog = b.provider.getNewDialog(st);
        SipURI targetUri;
        try {
            targetUri = (SipURI) b.addresses.createURI(route.get().uri());
        } catch (java.text.ParseException | ClassCastException e) {
            sip.reply(st, invite, Response.SERVER_INTERNAL_ERROR, "Bad route target");
            return;
        }
        String transport = route.get().transport() != null ? route.get().transport()
                : targetUri.getTransportParam() != null ? targetUri.getTransportParam().toLowerCase()
                : targetUri.isSecure() ? "tls" : "udp";
        if (!b.settings.transports().contains(transport)) {
            if (transport.equals("tls")) {
                LOG.warn("refused a call to {}: its route needs SIP over TLS, which is not configured (sip.transports)",
                        targetUri.getHost());
                sip.reply(st, invite, Response.SERVICE_UNAVAILABLE, "Route needs TLS");
                return;
            }
            transport = b.settings.transports().get(0);
        }
        AgentMedia agentMedia = route.get().agentMedia() != null ? route.get().agentMedia() : b.settings.agentMedia();
        CallSession s = new CallSession(b, st, invite, dialog, targetUri.toString(), transport, agentMedia);
        dialog.setApplicationData(s);
        s.start(offer, targetUri);
    }

    private static String headerValue(Header h) {
        String full = h.toString().trim();
        int colon = full.indexOf(':');
        return colon < 0 ? full : full.substring(colon + 1).trim();
    }

    private synchronized void start(SessionDescription offer, SipURI targetUri) throws Exception {
        SipSupport sip = new SipSupport(b);
        MediaCapabilities caps = b.capabilities;
        SessionDescription plainOffer = offer == null ? null : SrtpSdp.plainView(offer);
        try {
            boolean callerSdes = false;
            boolean callerDtls = false;
            if (offer != null) {
                // refuse before any port is taken when the caller offers nothing the masker can read
                OfferAnswer.createOffer(caps, local(), 9, plainOffer);
                OfferAnswer.answer(plainOffer, caps, local(), everyLine(9));
                MediaDescription line = SrtpSdp.firstAudio(offer);
                if (line != null && line.isSecureRtp()) {
                    if (SrtpSdp.isSdes(line)) {
                        callerSdes = true;
                        requireSdesAllowed(aTransport, "the caller");
                        aSdes = new SdesLeg(id + "/caller", b.sdesPolicy);
                        aSdesAnswer = aSdes.prepareAnswer(line);
                    } else if (DtlsLeg.isDtls(line)) {
                        callerDtls = true;
                        aDtls = new DtlsLeg(id + "/caller", b.dtlsCertificate, b.dtlsPolicy);
                        aDtls.readOffer(offer, line);
                    } else {
                        throw new SdpNegotiationException("transport " + line.proto() + " is not supported");
                    }
                }
            }
            if (agentMedia.sdes(callerSdes)) {
                requireSdesAllowed(bTransport, "the agent side");
                bSdes = new SdesLeg(id + "/agent", b.sdesPolicy);
            } else if (agentMedia.dtls(callerDtls)) {
                bDtls = new DtlsLeg(id + "/agent", b.dtlsCertificate, b.dtlsPolicy);
            }
            media = CallMedia.open(b.media, id);
        } catch (SdpNegotiationException e) {
            LOG.info("call {}: refused: {}", id, e.getMessage());
            closeKeys();
            sip.reply(aInviteTx, aInvite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return;
        } catch (PortsExhaustedException e) {
            LOG.warn("call {}: refused: {}", id, e.getMessage());
            closeKeys();
            sip.reply(aInviteTx, aInvite, Response.SERVICE_UNAVAILABLE, "No media ports free");
            return;
        }
        b.registry.add(this);
        b.byCallerCallId.put(aCallId, this);
        sessionTimer(aInvite);
        aInviteTx.sendResponse(b.messages.createResponse(Response.TRYING, aInvite));
        if (offer != null) {
            aOffer = offer;
            callerTelephoneEventPt = firstTelephoneEvent(offer);
            offerToB = secureOffer(Leg.B, OfferAnswer.createOffer(caps, local(), media.agentPort(), plainOffer));
            NegotiatedMedia.Accepted callerSide = callerSideOf(plainOffer);
            if (callerSide != null) {
                media.callerPeer(callerSide);
            }
        } else {
            lateOffer = true;
            offerToB = secureOffer(Leg.B, OfferAnswer.createOffer(caps, local(), media.agentPort()));
        }
        if (bDtls != null) {
            bDtls.listen(media.endpoint(false)); // the agent side may send its ClientHello before we see its answer
        }
        Request invite = sip.newInvite(aInvite, targetUri, bTransport, offerToB);
        bInviteTx = b.provider.getNewClientTransaction(invite);
        bDialog = b.provider.getNewDialog(bInviteTx);
        bDialog.setApplicationData(this);
        bInviteTx.setApplicationData(new InviteResponses());
        try {
            bInviteTx.sendRequest();
        } catch (javax.sip.SipException e) {
            // e.g. the TLS handshake failed (an untrusted certificate) or the connection was refused
            LOG.warn("call {}: cannot reach {} over {}: {}", id, target, bTransport, rootMessage(e));
            sip.reply(aInviteTx, aInvite, Response.SERVICE_UNAVAILABLE, "Destination unreachable");
            forget("destination unreachable");
            return;
        }
        LOG.info("call {}: {} -> {} ({}; caller {}, agent side {})", id, caller, target, lateOffer ? "late offer" : "offer",
                describe(Leg.A), describe(Leg.B));
        b.observer.callStarted(this);
    }

    /**
     * SDES keys travel in the SDP: only over SIP over TLS, unless configuration allows otherwise.
     *
     * @throws SdpNegotiationException (SIP: 488) naming the leg and its transport, never a key
     */
    private void requireSdesAllowed(String transport, String leg) throws SdpNegotiationException {
        SdesLeg.requireAllowed(b.settings, id, transport, leg);
    }

    private SdesLeg sdes(Leg leg) {
        return leg == Leg.A ? aSdes : bSdes;
    }

    private DtlsLeg dtls(Leg leg) {
        return leg == Leg.A ? aDtls : bDtls;
    }

    private static String legName(Leg leg) {
        return leg == Leg.A ? "caller" : "agent side";
    }

    private String describe(Leg leg) {
        String t = leg == Leg.A ? aTransport : bTransport;
        return t + (sdes(leg) != null ? " + SRTP (SDES)" : dtls(leg) != null ? " + SRTP (DTLS)" : " + RTP");
    }

    /** Our offer toward a leg: with our own a=crypto (SDES) or fingerprint and setup (DTLS-SRTP). */
    private SessionDescription secureOffer(Leg leg, SessionDescription plain) {
        SdesLeg s = sdes(leg);
        if (s != null) {
            return SrtpSdp.withSecureAudio(plain, s::offerLine);
        }
        DtlsLeg d = dtls(leg);
        return d == null ? plain : SrtpSdp.withSecureAudio(plain, d::offerLine);
    }

    /**
     * A leg's new offer (re-INVITE, UPDATE) must keep its kind (RTP or SDES-SRTP); for SRTP, what
     * we will answer (the same keys for the same crypto, new ones for a new key). Null for RTP.
     */
    private SdesLeg.Answer prepareReAnswer(Leg from, SessionDescription offer) throws SdpNegotiationException {
        SdesLeg s = sdes(from);
        DtlsLeg d = dtls(from);
        MediaDescription line = SrtpSdp.firstAudio(offer);
        if (line == null) {
            return null;
        }
        boolean legSecure = s != null || d != null;
        if (line.isSecureRtp() != legSecure) {
            throw new SdpNegotiationException(legSecure ? "this leg is SRTP: a plain RTP re-offer is not accepted"
                    : "this leg is plain RTP: an SRTP re-offer is not accepted");
        }
        if (d != null) {
            if (!DtlsLeg.isDtls(line)) {
                throw new SdpNegotiationException("this leg is DTLS-SRTP: transport " + line.proto() + " is not accepted");
            }
            d.readOffer(offer, line); // the same fingerprint keeps the association
            return null;
        }
        if (s == null) {
            return null;
        }
        if (!SrtpSdp.isSdes(line)) {
            throw new SdpNegotiationException("this leg is SDES-SRTP: transport " + line.proto() + " is not accepted");
        }
        return s.prepareAnswer(line);
    }

    /**
     * Puts the offer's profiles back on our answer, and our a=crypto (starting to use the keys,
     * re-keying the relay if new) or our fingerprint and setup on the anchored line.
     */
    private SessionDescription secureAnswer(Leg from, SessionDescription offer, SessionDescription answer,
            SdesLeg.Answer pending) {
        SessionDescription plainAnswer = SrtpSdp.withOfferedProfiles(answer, offer);
        DtlsLeg d = dtls(from);
        if (d != null) {
            return SrtpSdp.withSecureAudio(plainAnswer, d::answerLine);
        }
        if (pending == null) {
            return plainAnswer;
        }
        SdesLeg s = sdes(from);
        SessionDescription out = SrtpSdp.withSecureAudio(plainAnswer, line -> s.answerLine(line, pending));
        media.srtp(from == Leg.A, s.commit(pending));
        return out;
    }

    /** Wipes both legs' SDES keys (the SRTP sessions are the media's). */
    private void closeKeys() {
        if (aSdesAnswer != null) {
            aSdesAnswer.close();
            aSdesAnswer = null;
        }
        if (aSdes != null) {
            aSdes.close();
        }
        if (bSdes != null) {
            bSdes.close();
        }
        if (aDtls != null) {
            aDtls.close();
        }
        if (bDtls != null) {
            bDtls.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private Connection local() {
        return Connection.ip4(b.settings.bindAddress());
    }

    private static int firstTelephoneEvent(SessionDescription sdp) {
        return sdp.media().stream().filter(m -> m.media().equals("audio") && !m.isRejected())
                .flatMap(m -> m.telephoneEvents().stream()).mapToInt(te -> te.payloadType()).findFirst().orElse(-1);
    }

    /** What the caller's offer says about where to send (via a local answer, so we parse it once). */
    private NegotiatedMedia.Accepted callerSideOf(SessionDescription callerOffer) throws SdpNegotiationException {
        SessionDescription answer = OfferAnswer.answer(callerOffer, b.capabilities, local(), everyLine(media.callerPort()));
        return firstAccepted(OfferAnswer.negotiate(callerOffer, answer, LocalRole.ANSWERER));
    }

    private static NegotiatedMedia.Accepted firstAccepted(List<NegotiatedMedia> lines) {
        for (NegotiatedMedia m : lines) {
            if (m instanceof NegotiatedMedia.Accepted a && a.mediaType().equals("audio")) {
                return a;
            }
        }
        return null;
    }

    /** Capabilities cut down to the codec the agent side chose, so both legs use one codec. */
    private MediaCapabilities sameCodecAs(NegotiatedMedia.Accepted agentSide) {
        return b.capabilities.withCodecs(b.capabilities.codecs().stream()
                .filter(c -> c.matches(agentSide.codec())).toList());
    }

    /**
     * Starts relaying once every leg has its keys: DTLS-SRTP legs first run their handshakes (on
     * the handshake executor), and the relay starts when the last one completes.
     */
    private void startRelay() {
        if (media.started()) {
            return;
        }
        boolean waitingA = awaitHandshake(Leg.A);
        boolean waitingB = awaitHandshake(Leg.B);
        if (!waitingA && !waitingB) {
            media.start(b.callStages.create(this, callerTelephoneEventPt));
        }
    }

    /** Starts a DTLS leg's handshake if needed; true while it has no keys yet. */
    private boolean awaitHandshake(Leg leg) {
        DtlsLeg d = dtls(leg);
        if (d == null || media.srtp(leg == Leg.A)) {
            return false;
        }
        if (!d.started()) {
            d.start(media.endpoint(leg == Leg.A), b.dtlsHandshakes)
                    .whenComplete((session, error) -> handshakeDone(leg, d, session, error));
        }
        return true;
    }

    /** A DTLS-SRTP handshake ended: the leg gets its SRTP session, or the call ends on both legs. */
    private synchronized void handshakeDone(Leg leg, DtlsLeg d, io.toneguard.media.srtp.SrtpSession session, Throwable error) {
        if (state == CallState.ENDED || media == null) {
            if (session != null) {
                session.close();
            }
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            b.dtlsFailed();
            LOG.warn("call {}: DTLS-SRTP with the {} failed: {}", id, legName(leg), cause.getMessage());
            endBothLegs("DTLS-SRTP failed with the " + legName(leg));
            return;
        }
        media.srtp(leg == Leg.A, session);
        media.dtls(leg == Leg.A, d.transport());
        // nobody reads the association after the keys are out: later DTLS records (retransmitted
        // flights, alerts) are dropped and counted by the relay's demux instead of queueing up
        d.transport().close();
        LOG.info("call {}: DTLS-SRTP with the {} established ({})", id, legName(leg), session.inboundSuite());
        startRelay();
    }

    // ------------------------------------------------------------------ leg B's answers to the INVITE

    private final class InviteResponses implements B2buaListener.ResponseHandler {
        @Override
        public void response(Response r, Dialog dialog) throws Exception {
            synchronized (CallSession.this) {
                inviteResponse(r, dialog);
            }
        }

        @Override
        public void timeout() throws Exception {
            synchronized (CallSession.this) {
                if (state == CallState.INVITING || state == CallState.EARLY) {
                    LOG.info("call {}: no answer from {}", id, target);
                    if (!cancelled) {
                        new SipSupport(b).reply(aInviteTx, aInvite, Response.REQUEST_TIMEOUT, "No answer from the destination");
                    }
                    forget("timeout");
                }
            }
        }
    }

    private void inviteResponse(Response r, Dialog dialog) throws Exception {
        int code = r.getStatusCode();
        SipSupport sip = new SipSupport(b);
        if (code < 200) {
            if (code == 100 || cancelled) {
                return;
            }
            state = CallState.EARLY;
            if (SipSupport.hasOptionTag(r, "Require", "100rel") && dialog != null) {
                // leg B sends reliably: acknowledge with PRACK (RFC 3262)
                Request prack = dialog.createPrack(r);
                dialog.sendRequest(b.provider.getNewClientTransaction(prack));
            }
            SessionDescription sdp = null;
            if (SipSupport.hasSdp(r) && !lateOffer) {
                sdp = agentAnswered(r);
                if (sdp == null) {
                    return;
                }
            } else if (sdpToA != null) {
                sdp = sdpToA;
            }
            sendProvisionalToA(code, r.getReasonPhrase(), sdp);
            return;
        }
        if (code < 300) {
            if (dialog != null) {
                bDialog = dialog;
                bDialog.setApplicationData(this);
            }
            Request ack = bDialog.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
            bDialog.sendAck(ack);
            if (cancelled || state == CallState.ENDED) {
                sendBye(Leg.B);
                return;
            }
            rememberAnswerHeaders(r);
            SessionDescription sdp;
            if (lateOffer) {
                sdp = lateOfferAnswered(r);
            } else if (sdpToA == null) {
                sdp = agentAnswered(r);
            } else {
                sdp = sdpToA;
            }
            if (sdp == null) {
                return;
            }
            Response ok = sip.toA(Response.OK, null, aInvite, toTagForA(), aTransport, sdp);
            sip.addSessionTimer(ok, aInvite, sessionExpiresNanos);
            aInviteTx.sendResponse(ok);
            state = CallState.CONFIRMED;
            answeredAt = Instant.now();
            activity.reset(System.nanoTime());
            LOG.info("call {}: answered", id);
            b.observer.callAnswered(this);
            return;
        }
        if (!cancelled) {
            LOG.info("call {}: {} {} from the destination", id, code, r.getReasonPhrase());
            aInviteTx.sendResponse(sip.toA(code, r.getReasonPhrase(), aInvite, toTagForA(), aTransport, null));
        }
        forget(code + " " + r.getReasonPhrase());
    }

    /** A 18x toward the caller: reliably (RFC 3262) when the caller requires it. */
    private void sendProvisionalToA(int code, String reason, SessionDescription sdp) throws Exception {
        SipSupport sip = new SipSupport(b);
        if (SipSupport.hasOptionTag(aInvite, "Require", "100rel")) {
            try {
                Response reliable = aDialog.createReliableProvisionalResponse(code);
                if (reason != null) {
                    reliable.setReasonPhrase(reason);
                }
                sip.addContact(reliable, aTransport);
                if (sdp != null) {
                    reliable.setContent(SdpWriter.write(sdp), b.headers.createContentTypeHeader("application", "sdp"));
                }
                aDialog.sendReliableProvisionalResponse(reliable);
            } catch (javax.sip.SipException e) {
                LOG.debug("call {}: reliable {} not sent ({}): the previous one is not PRACKed yet", id, code, e.getMessage());
            }
            return;
        }
        aInviteTx.sendResponse(sip.toA(code, reason, aInvite, toTagForA(), aTransport, sdp));
    }

    /** The To tag of leg A: the dialog's once it has one (a reliable 18x may have set it). */
    private String toTagForA() {
        String local = aDialog.getLocalTag();
        return local != null ? local : aToTag;
    }

    /** PRACK from the caller for a reliable 18x: the dialog layer matched it; accept it. */
    synchronized void prack(ServerTransaction st, Request prack) throws Exception {
        st.sendResponse(b.messages.createResponse(Response.OK, prack));
    }

    private void rememberAnswerHeaders(Response r) {
        java.util.ListIterator<?> names = r.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            Header h = r.getHeader(name);
            if (h != null) {
                agentAnswerHeaders.put(name.toLowerCase(), headerValue(h));
            }
        }
    }

    /** Leg B's answer to our offer, with the agent side's media pointed at it. */
    private NegotiatedMedia.Accepted agentAnswer(Response r) throws SdpParseException, SdpNegotiationException {
        SessionDescription answer = sdpOf(r);
        NegotiatedMedia.Accepted agentSide = firstAccepted(OfferAnswer.negotiate(offerToB, answer, LocalRole.OFFERER));
        if (agentSide == null) {
            throw new SdpNegotiationException("the destination accepted no audio");
        }
        if (bSdes != null) {
            media.srtp(false, bSdes.acceptAnswer(answer.media().get(agentSide.index())));
        }
        if (bDtls != null) {
            bDtls.readAnswer(answer, answer.media().get(agentSide.index()));
        }
        media.agentPeer(agentSide);
        return agentSide;
    }

    private static SessionDescription sdpOf(javax.sip.message.Message m) throws SdpParseException {
        return SdpParser.parse(new String(m.getRawContent(), StandardCharsets.UTF_8));
    }

    /** The same local port for every m-line (ToneGuard anchors one audio stream per leg). */
    private static LocalPorts everyLine(int port) {
        return i -> port;
    }

    /** Leg B answered our offer (early or final): point media at it, start relaying, answer leg A. */
    private SessionDescription agentAnswered(Response r) throws Exception {
        SipSupport sip = new SipSupport(b);
        try {
            NegotiatedMedia.Accepted agentSide = agentAnswer(r);
            MediaCapabilities sameCodec = sameCodecAs(agentSide).withDirection(agentSide.direction());
            sdpToA = OfferAnswer.answer(SrtpSdp.plainView(aOffer), sameCodec, local(), everyLine(media.callerPort()));
            sdpToA = secureAnswer(Leg.A, aOffer, sdpToA, aSdesAnswer);
            aSdesAnswer = null;
            startRelay();
            return sdpToA;
        } catch (SdpParseException | SdpNegotiationException e) {
            LOG.info("call {}: the destination's SDP is unusable: {}", id, e.getMessage());
            aInviteTx.sendResponse(sip.toA(Response.NOT_ACCEPTABLE_HERE, "Destination SDP unusable", aInvite, toTagForA(), aTransport, null));
            sendCancelOrBye();
            forget("bad SDP from the destination");
            return null;
        }
    }

    /** Late offer: leg B answered our offer in its 200; now we offer leg A, who answers in the ACK. */
    private SessionDescription lateOfferAnswered(Response r) throws Exception {
        try {
            NegotiatedMedia.Accepted agentSide = agentAnswer(r);
            sdpToA = OfferAnswer.createOffer(sameCodecAs(agentSide), local(), media.callerPort());
            callerTelephoneEventPt = firstTelephoneEvent(sdpToA);
            startRelay();
            return sdpToA;
        } catch (SdpParseException | SdpNegotiationException e) {
            LOG.info("call {}: the destination's SDP is unusable: {}", id, e.getMessage());
            new SipSupport(b).reply(aInviteTx, aInvite, Response.NOT_ACCEPTABLE_HERE, "Destination SDP unusable");
            sendBye(Leg.B);
            forget("bad SDP from the destination");
            return null;
        }
    }

    // ------------------------------------------------------------------ requests from the legs

    synchronized void ack(Dialog dialog, Request ack) {
        if (dialog != aDialog) {
            return; // ACKs from leg B would answer our own 2xx (re-INVITEs we answered): nothing to do
        }
        if (lateOffer && !aAcked && SipSupport.hasSdp(ack)) {
            try {
                SessionDescription answer = sdpOf(ack);
                NegotiatedMedia.Accepted callerSide = firstAccepted(OfferAnswer.negotiate(sdpToA, answer, LocalRole.OFFERER));
                if (callerSide != null) {
                    media.callerPeer(callerSide);
                }
            } catch (SdpParseException | SdpNegotiationException e) {
                LOG.info("call {}: the caller's answer in ACK is unusable ({}); ending the call", id, e.getMessage());
                endBothLegs("bad SDP in ACK");
            }
        }
        aAcked = true;
    }

    synchronized void strayResponse(Dialog dialog, Response r) throws Exception {
        if (r.getStatusCode() / 100 == 2 && Request.INVITE.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())) {
            Request ack = dialog.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
            dialog.sendAck(ack);
        }
    }

    private Leg legOf(Dialog d) {
        return d == aDialog ? Leg.A : Leg.B;
    }

    private Dialog dialogOf(Leg leg) {
        return leg == Leg.A ? aDialog : bDialog;
    }

    synchronized void bye(Dialog d, ServerTransaction st, Request bye) throws Exception {
        Leg from = legOf(d);
        st.sendResponse(b.messages.createResponse(Response.OK, bye));
        LOG.info("call {}: BYE from {}", id, from == Leg.A ? "caller" : "agent side");
        if (from == Leg.A && (state == CallState.INVITING || state == CallState.EARLY)) {
            sendCancelOrBye();
        } else {
            sendBye(from == Leg.A ? Leg.B : Leg.A);
        }
        forget("BYE from " + (from == Leg.A ? "caller" : "agent side"));
    }

    synchronized void info(Dialog d, ServerTransaction st, Request info) throws Exception {
        Leg from = legOf(d);
        ContentTypeHeader ct = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        int event = ct == null ? -1 : DtmfInfo.event(ct.getContentSubType(), info.getRawContent());
        if (event >= 0 && from == Leg.A) {
            long ts = 0; // SIP INFO carries no RTP time; the merger places it by arrival
            b.observer.infoDigit(this, event, ts);
        }
        // DTMF INFO never goes on to the other leg; other INFO bodies are not relayed either
        st.sendResponse(b.messages.createResponse(Response.OK, info));
    }

    /** UPDATE: handled locally (media is anchored here): a new offer re-points that leg's media. */
    synchronized void update(Dialog d, ServerTransaction st, Request update) throws Exception {
        Leg from = legOf(d);
        lastRefreshNanos = System.nanoTime();
        Response ok = b.messages.createResponse(Response.OK, update);
        if (SipSupport.hasSdp(update)) {
            try {
                SessionDescription offer = sdpOf(update);
                SdesLeg.Answer pending = prepareReAnswer(from, offer);
                SessionDescription answer;
                try {
                    answer = secureAnswer(from, offer, answerLocally(from, offer), pending);
                } catch (SdpNegotiationException e) {
                    if (pending != null) {
                        pending.close();
                    }
                    throw e;
                }
                ok.setContent(SdpWriter.write(answer), b.headers.createContentTypeHeader("application", "sdp"));
            } catch (SdpParseException | SdpNegotiationException e) {
                new SipSupport(b).reply(st, update, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
                return;
            }
        }
        new SipSupport(b).addContact(ok, from == Leg.A ? aTransport : bTransport);
        st.sendResponse(ok);
    }

    /** The plain answer to a leg's offer, with that leg's media re-pointed (SDES keys are added by the caller). */
    private SessionDescription answerLocally(Leg from, SessionDescription securedOffer) throws SdpNegotiationException {
        SessionDescription offer = SrtpSdp.plainView(securedOffer);
        int port = from == Leg.A ? media.callerPort() : media.agentPort();
        SessionDescription answer = OfferAnswer.answer(offer, b.capabilities, local(), everyLine(port));
        NegotiatedMedia.Accepted side = firstAccepted(OfferAnswer.negotiate(offer, answer, LocalRole.ANSWERER));
        if (side != null) {
            if (from == Leg.A) {
                media.callerPeer(side);
            } else {
                media.agentPeer(side);
            }
        }
        return answer;
    }

    /**
     * re-INVITE from one leg: its media is re-pointed, the other leg gets a re-INVITE with our own
     * SDP in the same direction (hold, resume, new ports, new codec), and its answer comes back.
     * A re-INVITE without SDP is answered locally with a fresh offer.
     */
    synchronized void reInvite(Dialog d, ServerTransaction st, Request reinvite) throws Exception {
        Leg from = legOf(d);
        SipSupport sip = new SipSupport(b);
        lastRefreshNanos = System.nanoTime();
        if (reInviteInProgress) {
            sip.reply(st, reinvite, Response.REQUEST_PENDING, null);
            return;
        }
        if (state != CallState.CONFIRMED) {
            sip.reply(st, reinvite, Response.REQUEST_PENDING, null);
            return;
        }
        st.sendResponse(b.messages.createResponse(Response.TRYING, reinvite));
        String legTransport = from == Leg.A ? aTransport : bTransport;
        if (!SipSupport.hasSdp(reinvite)) {
            int port = from == Leg.A ? media.callerPort() : media.agentPort();
            SessionDescription offer = secureOffer(from, OfferAnswer.createOffer(b.capabilities, local(), port));
            Response ok = b.messages.createResponse(Response.OK, reinvite);
            ok.setContent(SdpWriter.write(offer), b.headers.createContentTypeHeader("application", "sdp"));
            sip.addContact(ok, legTransport);
            st.sendResponse(ok);
            return;
        }
        SessionDescription offer;
        SdesLeg.Answer pending = null;
        try {
            offer = sdpOf(reinvite);
            pending = prepareReAnswer(from, offer);
            answerLocally(from, offer); // re-points this leg's media now
        } catch (SdpParseException | SdpNegotiationException e) {
            if (pending != null) {
                pending.close();
            }
            LOG.info("call {}: re-INVITE from {} refused: {}", id, from == Leg.A ? "caller" : "agent side", e.getMessage());
            sip.reply(st, reinvite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return;
        }
        Leg other = from == Leg.A ? Leg.B : Leg.A;
        int otherPort = other == Leg.A ? media.callerPort() : media.agentPort();
        Direction direction = offer.media().isEmpty() ? Direction.SENDRECV : offer.direction(offer.media().get(0));
        onHold = OfferAnswer.isHold(offer) || direction != Direction.SENDRECV;
        if (OfferAnswer.isHold(offer) && direction == Direction.SENDRECV) {
            direction = Direction.SENDONLY;
        }
        SessionDescription onward;
        try {
            onward = secureOffer(other, OfferAnswer.createOffer(b.capabilities.withDirection(direction), local(), otherPort,
                    SrtpSdp.plainView(offer)));
        } catch (SdpNegotiationException e) {
            if (pending != null) {
                pending.close();
            }
            sip.reply(st, reinvite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
            return;
        }
        Dialog otherDialog = dialogOf(other);
        Request onwardInvite = otherDialog.createRequest(Request.INVITE);
        onwardInvite.setContent(SdpWriter.write(onward), b.headers.createContentTypeHeader("application", "sdp"));
        sip.addContact(onwardInvite, other == Leg.A ? aTransport : bTransport);
        ClientTransaction ct = b.provider.getNewClientTransaction(onwardInvite);
        reInviteInProgress = true;
        final SessionDescription offerFromLeg = offer;
        final SdesLeg.Answer sdesAnswer = pending;
        ct.setApplicationData(new B2buaListener.ResponseHandler() {
            @Override
            public void response(Response r, Dialog dialog) throws Exception {
                synchronized (CallSession.this) {
                    reInviteAnswered(r, dialog, st, reinvite, from, offerFromLeg, onward, sdesAnswer);
                }
            }

            @Override
            public void timeout() throws Exception {
                synchronized (CallSession.this) {
                    if (sdesAnswer != null) {
                        sdesAnswer.close();
                    }
                    reInviteInProgress = false;
                    new SipSupport(b).reply(st, reinvite, Response.REQUEST_TIMEOUT, null);
                }
            }
        });
        otherDialog.sendRequest(ct);
        LOG.info("call {}: re-INVITE from {} ({})", id, from == Leg.A ? "caller" : "agent side", direction);
    }

    private void reInviteAnswered(Response r, Dialog dialog, ServerTransaction st, Request reinvite, Leg from,
            SessionDescription offerFromLeg, SessionDescription onward, SdesLeg.Answer sdesAnswer) throws Exception {
        int code = r.getStatusCode();
        if (code < 200) {
            return;
        }
        SipSupport sip = new SipSupport(b);
        reInviteInProgress = false;
        if (code >= 300) {
            if (sdesAnswer != null) {
                sdesAnswer.close();
            }
            sip.reply(st, reinvite, code, r.getReasonPhrase());
            return;
        }
        Request ack = dialog.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
        dialog.sendAck(ack);
        Leg other = from == Leg.A ? Leg.B : Leg.A;
        try {
            SessionDescription answer = sdpOf(r);
            NegotiatedMedia.Accepted otherSide = firstAccepted(OfferAnswer.negotiate(onward, answer, LocalRole.OFFERER));
            if (otherSide == null) {
                throw new SdpNegotiationException("no audio accepted");
            }
            SdesLeg otherSdes = sdes(other);
            if (otherSdes != null) {
                media.srtp(other == Leg.A, otherSdes.acceptAnswer(answer.media().get(otherSide.index())));
            }
            DtlsLeg otherDtls = dtls(other);
            if (otherDtls != null) {
                otherDtls.readAnswer(answer, answer.media().get(otherSide.index()));
            }
            if (other == Leg.A) {
                media.callerPeer(otherSide);
            } else {
                media.agentPeer(otherSide);
            }
            int port = from == Leg.A ? media.callerPort() : media.agentPort();
            Direction mirrored = otherSide.direction();
            SessionDescription answerToLeg = secureAnswer(from, offerFromLeg, OfferAnswer.answer(SrtpSdp.plainView(offerFromLeg),
                    sameCodecAs(otherSide).withDirection(mirrored), local(), everyLine(port)), sdesAnswer);
            Response ok = b.messages.createResponse(Response.OK, reinvite);
            ok.setContent(SdpWriter.write(answerToLeg), b.headers.createContentTypeHeader("application", "sdp"));
            sip.addContact(ok, from == Leg.A ? aTransport : bTransport);
            st.sendResponse(ok);
        } catch (SdpParseException | SdpNegotiationException e) {
            if (sdesAnswer != null) {
                sdesAnswer.close();
            }
            LOG.info("call {}: re-INVITE answer unusable: {}", id, e.getMessage());
            sip.reply(st, reinvite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ ending

    synchronized void cancelledByCaller() throws Exception {
        if (state != CallState.INVITING && state != CallState.EARLY) {
            return;
        }
        cancelled = true;
        state = CallState.ENDING;
        LOG.info("call {}: cancelled by the caller", id);
        new SipSupport(b).replyToA(aInviteTx, aInvite, toTagForA(), Response.REQUEST_TERMINATED, null);
        sendCancelOrBye();
        forget("CANCEL");
    }

    /** Before leg B answered: CANCEL its INVITE; after: BYE. */
    private void sendCancelOrBye() {
        try {
            if (bInviteTx != null && bInviteTx.getState() != null
                    && bInviteTx.getState().getValue() < javax.sip.TransactionState._COMPLETED) {
                Request cancel = bInviteTx.createCancel();
                ClientTransaction ct = b.provider.getNewClientTransaction(cancel);
                ct.sendRequest();
            } else {
                sendBye(Leg.B);
            }
        } catch (Exception e) {
            LOG.debug("call {}: CANCEL toward the destination failed: {}", id, e.toString());
        }
    }

    private void sendBye(Leg leg) {
        Dialog d = dialogOf(leg);
        if (d == null || d.getState() == null || d.getState() == javax.sip.DialogState.TERMINATED) {
            return;
        }
        try {
            Request bye = d.createRequest(Request.BYE);
            ClientTransaction ct = b.provider.getNewClientTransaction(bye);
            d.sendRequest(ct);
        } catch (Exception e) {
            LOG.debug("call {}: BYE toward {} failed: {}", id, leg, e.toString());
        }
    }

    /** Ends the call on both legs (shutdown, RTP timeout, session timer). */
    synchronized void endBothLegs(String reason) {
        if (state == CallState.ENDED) {
            return;
        }
        LOG.info("call {}: ending both legs ({})", id, reason);
        if (state == CallState.INVITING || state == CallState.EARLY) {
            try {
                new SipSupport(b).replyToA(aInviteTx, aInvite, toTagForA(), Response.TEMPORARILY_UNAVAILABLE, reason);
            } catch (Exception e) {
                LOG.debug("call {}: final response to the caller failed: {}", id, e.toString());
            }
            sendCancelOrBye();
        } else {
            sendBye(Leg.A);
            sendBye(Leg.B);
        }
        forget(reason);
    }

    /** Releases everything of the call (idempotent). */
    synchronized void forget(String reason) {
        if (state == CallState.ENDED) {
            return;
        }
        state = CallState.ENDED;
        if (media != null) {
            media.close();
        }
        closeKeys();
        b.registry.remove(this);
        b.byCallerCallId.remove(aCallId, this);
        LOG.info("call {}: ended ({})", id, reason);
        b.observer.callEnded(this, reason);
    }

    /** Called every second: ends a confirmed call whose media stopped, or whose session timer ran out. */
    synchronized void checkMedia(long now, long timeoutNanos) {
        if (state != CallState.CONFIRMED || media == null) {
            return;
        }
        if (activity.silentFor(now, media.packetsReceived(), onHold) > timeoutNanos) {
            endBothLegs("no RTP for " + timeoutNanos / 1_000_000_000L + " s");
            return;
        }
        if (sessionExpiresNanos > 0 && now - lastRefreshNanos > sessionExpiresNanos) {
            endBothLegs("session timer expired");
        }
    }

    /** RFC 4028: a caller that asks for session timers refreshes; we end the call if it stops. */
    private void sessionTimer(Request invite) {
        Header se = invite.getHeader("Session-Expires");
        if (se == null) {
            se = invite.getHeader("x");
        }
        if (se == null) {
            return;
        }
        String v = headerValue(se);
        int semi = v.indexOf(';');
        try {
            long seconds = Long.parseLong((semi < 0 ? v : v.substring(0, semi)).trim());
            if (seconds >= 90) {
                sessionExpiresNanos = seconds * 1_000_000_000L;
            }
        } catch (NumberFormatException e) {
            LOG.debug("call {}: unreadable Session-Expires ignored", id);
        }
    }
}
