package io.toneguard.sip;

import io.toneguard.media.sdp.SdpWriter;
import io.toneguard.media.sdp.SessionDescription;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Small builders of the SIP messages the B2BUA sends. */
final class SipSupport {
    /** Extensions ToneGuard supports when a peer requires them. */
    private static final List<String> SUPPORTED = List.of("timer", "100rel");

    private final SipB2bua b;

    SipSupport(SipB2bua b) {
        this.b = b;
    }

    /** Whether the message carries {@code tag} in a header of {@code name} (Require, Supported). */
    static boolean hasOptionTag(Message m, String name, String tag) {
        ListIterator<?> it = m.getHeaders(name);
        while (it.hasNext()) {
            String v = it.next().toString();
            int colon = v.indexOf(':');
            for (String t : v.substring(colon + 1).split(",")) {
                if (t.trim().equalsIgnoreCase(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasSdp(Message m) {
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        byte[] body = m.getRawContent();
        return ct != null && body != null && body.length > 0
                && "application".equalsIgnoreCase(ct.getContentType()) && "sdp".equalsIgnoreCase(ct.getContentSubType());
    }

    /** An option tag the request requires and ToneGuard does not support (e.g. 100rel), if any. */
    Optional<String> unsupportedRequired(Request r) {
        ListIterator<?> it = r.getHeaders(RequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag();
            if (!SUPPORTED.contains(tag.toLowerCase())) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }

    void reply(ServerTransaction st, Request r, int code, String reason) throws Exception {
        Response resp = b.messages.createResponse(code, r);
        if (reason != null) {
            resp.setReasonPhrase(reason);
        }
        st.sendResponse(resp);
    }

    /** A final answer to leg A's INVITE, carrying leg A's To tag. */
    void replyToA(ServerTransaction st, Request invite, String toTag, int code, String reason) throws Exception {
        st.sendResponse(toA(code, reason, invite, toTag, null, null));
    }

    /** A response to leg A's INVITE: our To tag, our Contact, and SDP if given. */
    Response toA(int code, String reason, Request invite, String toTag, String transport, SessionDescription sdp)
            throws ParseException {
        Response r = b.messages.createResponse(code, invite);
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null && code > 100) {
            to.setTag(toTag);
        }
        if (code < 300 && code > 100) {
            addContact(r, transport);
        }
        r.addHeader(b.headers.createServerHeader(List.of(b.settings.userAgent())));
        if (sdp != null) {
            r.setContent(SdpWriter.write(sdp), b.headers.createContentTypeHeader("application", "sdp"));
        }
        return r;
    }

    void addContact(Message m, String transport) throws ParseException {
        SipURI uri = b.addresses.createSipURI("toneguard", b.settings.bindAddress());
        uri.setPort(b.settings.portFor(transport));
        if (transport != null && !transport.equals("udp")) {
            uri.setTransportParam(transport);
        }
        ContactHeader c = b.headers.createContactHeader(b.addresses.createAddress(uri));
        m.setHeader(c);
    }

    /** RFC 4028 in our 2xx: the caller (UAC) refreshes, as it asked. */
    void addSessionTimer(Response ok, Request invite, long sessionExpiresNanos) throws ParseException {
        if (sessionExpiresNanos <= 0) {
            return;
        }
        ok.setHeader(b.headers.createHeader("Session-Expires", (sessionExpiresNanos / 1_000_000_000L) + ";refresher=uac"));
        ok.addHeader(b.headers.createRequireHeader("timer"));
    }

    /** Leg B's INVITE: a new Call-ID and tags, the caller's From identity, our Via and Contact. */
    Request newInvite(Request aInvite, SipURI target, String transport, SessionDescription sdp)
            throws ParseException, InvalidArgumentException {
        SipURI requestUri = (SipURI) target.clone();
        if (!transport.equals("udp")) {
            requestUri.setTransportParam(transport);
        }
        CallIdHeader callId = b.provider.getNewCallId();
        CSeqHeader cseq = b.headers.createCSeqHeader(1L, Request.INVITE);
        FromHeader aFrom = (FromHeader) aInvite.getHeader(FromHeader.NAME);
        FromHeader from = b.headers.createFromHeader((Address) aFrom.getAddress().clone(),
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
        ToHeader aTo = (ToHeader) aInvite.getHeader(ToHeader.NAME);
        Address toAddress = (Address) aTo.getAddress().clone();
        toAddress.setURI((SipURI) target.clone());
        ToHeader to = b.headers.createToHeader(toAddress, null);
        ViaHeader via = b.headers.createViaHeader(b.settings.bindAddress(), b.settings.portFor(transport), transport, null);
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(via);
        MaxForwardsHeader aMf = (MaxForwardsHeader) aInvite.getHeader(MaxForwardsHeader.NAME);
        MaxForwardsHeader mf = b.headers.createMaxForwardsHeader(aMf == null ? 70 : Math.max(0, aMf.getMaxForwards() - 1));
        Request invite = b.messages.createRequest(requestUri, Request.INVITE, callId, cseq, from, to, vias, mf);
        addContact(invite, transport);
        invite.addHeader(b.headers.createUserAgentHeader(List.of(b.settings.userAgent())));
        invite.addHeader(b.headers.createAllowHeader(B2buaListener.ALLOW));
        invite.setContent(SdpWriter.write(sdp), b.headers.createContentTypeHeader("application", "sdp"));
        return invite;
    }
}
