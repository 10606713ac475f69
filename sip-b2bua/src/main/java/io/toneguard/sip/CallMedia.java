package io.toneguard.sip;

import io.netty.channel.EventLoop;
import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.sdp.NegotiatedMedia;
import io.toneguard.media.sdp.TransportAddress;
import io.toneguard.media.dtls.DtlsEndpointTransport;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.transport.MediaEndpoint;
import io.toneguard.media.transport.MediaTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's media: the endpoint facing the caller (leg A), the one facing the agent side (leg B),
 * both on one event loop, and the relay between them once it is started.
 */
final class CallMedia implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);

    private final String callId;
    private final MediaEndpoint caller;
    private final MediaEndpoint agent;
    private final EventLoop loop;
    private volatile RtpRelay relay;
    /** SRTP of leg A / leg B (null: plain RTP); owned here, closed on the event loop. */
    private SrtpSession callerSrtp;
    private SrtpSession agentSrtp;
    /** DTLS-SRTP legs: their transports keep taking DTLS records off the media path. */
    private DtlsEndpointTransport callerDtls;
    private DtlsEndpointTransport agentDtls;

    private CallMedia(String callId, MediaEndpoint caller, MediaEndpoint agent, EventLoop loop) {
        this.callId = callId;
        this.caller = caller;
        this.agent = agent;
        this.loop = loop;
    }

    static CallMedia open(MediaTransport transport, String callId) {
        EventLoop loop = transport.nextEventLoop();
        MediaEndpoint a = transport.openEndpoint(loop, callId + "/caller", false);
        try {
            MediaEndpoint b = transport.openEndpoint(loop, callId + "/agent", false);
            return new CallMedia(callId, a, b, loop);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    int callerPort() {
        return caller.rtpPort();
    }

    int agentPort() {
        return agent.rtpPort();
    }

    /** Points the caller side at what the caller's SDP says (unless it is on hold at 0.0.0.0). */
    void callerPeer(NegotiatedMedia.Accepted m) {
        peer(caller, m);
    }

    void agentPeer(NegotiatedMedia.Accepted m) {
        peer(agent, m);
    }

    private static void peer(MediaEndpoint e, NegotiatedMedia.Accepted m) {
        InetSocketAddress rtp = resolve(m.remoteRtp());
        if (rtp == null || rtp.getAddress().isAnyLocalAddress() || m.remoteRtp().port() == 0) {
            return; // hold the RFC 2543 way, or nothing usable: keep what we have
        }
        InetSocketAddress rtcp = resolve(m.remoteRtcp());
        e.expectPeer(rtp, rtcp, m.rtcpMux());
    }

    private static InetSocketAddress resolve(TransportAddress t) {
        try {
            return new InetSocketAddress(InetAddress.getByName(t.address()), t.port());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Sets a leg's SRTP session before the relay starts, or re-keys it on the event loop once it
     * runs (the old session is closed after the switch). A leg started as plain RTP stays plain.
     */
    synchronized void srtp(boolean legA, SrtpSession next) {
        if (next == null) {
            return;
        }
        SrtpSession old = legA ? callerSrtp : agentSrtp;
        if (legA) {
            callerSrtp = next;
        } else {
            agentSrtp = next;
        }
        RtpRelay r = relay;
        if (r == null) {
            closeSession(old);
            return;
        }
        onLoop(() -> {
            r.rekey(legA, next);
            if (old != null) {
                old.close();
            }
        });
    }

    /** The endpoint of a leg (for a DTLS handshake before the relay runs). */
    MediaEndpoint endpoint(boolean legA) {
        return legA ? caller : agent;
    }

    /** A leg is DTLS-SRTP: DTLS records arriving once the relay runs go to this transport, not to the media. */
    synchronized void dtls(boolean legA, DtlsEndpointTransport transport) {
        if (legA) {
            callerDtls = transport;
        } else {
            agentDtls = transport;
        }
    }

    boolean srtp(boolean legA) {
        return (legA ? callerSrtp : agentSrtp) != null;
    }

    /** Runs on the call's event loop, or here when the loop no longer takes tasks (shutdown). */
    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
        }
    }

    private void closeSession(SrtpSession s) {
        if (s != null) {
            onLoop(s::close);
        }
    }

    /** Starts relaying with the call's extra stages (masking first); later calls do nothing. */
    synchronized void start(CallStages.Stages stages) {
        if (relay != null) {
            return;
        }
        RtpRelay.Builder b = RtpRelay.builder(callId, caller, agent).aSrtp(callerSrtp).bSrtp(agentSrtp)
                .aDtls(callerDtls).bDtls(agentDtls);
        stages.callerToAgent().forEach(b::aToB);
        stages.agentToCaller().forEach(b::bToA);
        relay = b.start();
        try {
            stages.started().started(relay, loop);
        } catch (RuntimeException e) {
            // the extras of one call never break its media, but a failure must be seen
            LOG.warn("call {}: the relay's start hook failed: {}", callId, e.toString());
        }
    }

    boolean started() {
        return relay != null;
    }

    /**
     * RTP packets received so far from both peers, not counting those generated here (prompts):
     * read from another thread, so approximate.
     */
    long packetsReceived() {
        RtpRelay r = relay;
        if (r == null) {
            return 0;
        }
        return r.aToB().stages().get(0).stats().packetsIn() + r.bToA().stages().get(0).stats().packetsIn() - r.injectedPackets();
    }

    /** Stops the relay, closes both endpoints and wipes both legs' SRTP keys (on the event loop, after the last packet). */
    @Override
    public synchronized void close() {
        RtpRelay r = relay;
        if (r != null) {
            r.close();
        }
        caller.close();
        agent.close();
        closeSession(callerSrtp);
        closeSession(agentSrtp);
        callerSrtp = null;
        agentSrtp = null;
    }
}
