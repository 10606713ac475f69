package io.toneguard.media.relay;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.dtls.DtlsDemuxStage;
import io.toneguard.media.dtls.DtlsEndpointTransport;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.srtp.SrtcpDecryptStage;
import io.toneguard.media.srtp.SrtcpEncryptStage;
import io.toneguard.media.srtp.SrtpDecryptStage;
import io.toneguard.media.srtp.SrtpEncryptStage;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.transport.MediaEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Relays media both ways between two endpoints (a call's two legs). Each direction's RTP and RTCP
 * pipelines are declared in {@link #wire}, top to bottom; extra stages (DTMF detection, masking,
 * prompt injection) are slotted in per direction by the caller.
 *
 * <p>Both endpoints must run on the same event loop, so that a call is handled by one thread
 * without locks.
 *
 * <p>A leg may speak SRTP ({@link Builder#aSrtp}, {@link Builder#bSrtp}): its packets are
 * decrypted first, before parsing and source admission (the RTP header is in the clear, but only
 * an authenticated packet may latch the peer's address, and the parser must not see the tag or
 * encrypted padding), and packets toward it are encrypted last, after the rewriter, right before
 * the send (so the rollover counter follows the sequence numbers that actually leave, including
 * replaced and renumbered packets). Each leg has its own keys; nothing is passed through.
 */
public final class RtpRelay implements AutoCloseable {
    /** Packets injected (generated here), both ways; see {@link #injectedPackets()}. */
    private long injected;
    private final String name;
    private final MediaEndpoint a;
    private final MediaEndpoint b;
    private final StreamRewriter aToBStream;
    private final StreamRewriter bToAStream;
    private final MediaPipeline aToBRtp;
    private final MediaPipeline bToARtp;
    private final MediaPipeline aToBRtcp;
    private final MediaPipeline bToARtcp;
    private final PacketContext aToBInjected = new PacketContext();
    private final PacketContext bToAInjected = new PacketContext();

    private RtpRelay(Builder builder) {
        this.name = builder.name;
        this.a = builder.a;
        this.b = builder.b;
        this.aToBStream = new StreamRewriter(randomSsrc(), builder.clockRate);
        this.bToAStream = new StreamRewriter(randomSsrc(), builder.clockRate);
        this.aToBRtp = wire(name + " a->b rtp", a, b, aToBStream, builder.aToB, builder.aDtls, builder.aSrtp,
                builder.bSrtp);
        this.bToARtp = wire(name + " b->a rtp", b, a, bToAStream, builder.bToA, builder.bDtls, builder.bSrtp,
                builder.aSrtp);
        this.aToBRtcp = wireRtcp(name + " a->b rtcp", a, b, aToBStream, bToAStream, builder.aSrtp, builder.bSrtp);
        this.bToARtcp = wireRtcp(name + " b->a rtcp", b, a, bToAStream, aToBStream, builder.bSrtp, builder.aSrtp);
    }

    /**
     * RTP from {@code in}'s peer to {@code out}'s peer. {@code inSrtp} and {@code outSrtp} are the
     * legs' SRTP sessions, or null for plain RTP; {@code inDtls} takes DTLS records off a
     * DTLS-SRTP leg first.
     */
    private static MediaPipeline wire(String name, MediaEndpoint in, MediaEndpoint out, StreamRewriter stream,
            List<MediaStage> extra, DtlsEndpointTransport inDtls, SrtpSession inSrtp, SrtpSession outSrtp) {
        MediaPipeline.Builder p = MediaPipeline.builder(name).onRemoved(ctx -> stream.removed(ctx.rtp()));
        if (inDtls != null) {
            p.then(new DtlsDemuxStage(inDtls));
        }
        if (inSrtp != null) {
            p.then(new SrtpDecryptStage(inSrtp));
        }
        p.then(new ParseRtpStage())
                .then(AdmitSourceStage.rtp(in.rtpLatch()));
        extra.forEach(p::then);
        p.then(new RewriteStreamStage(stream));
        if (outSrtp != null) {
            p.then(new SrtpEncryptStage(outSrtp));
        }
        return p.sink(new SendStage(out));
    }

    /** RTCP from {@code in}'s peer to {@code out}'s peer: SSRCs and counts follow the rewritten streams. */
    private static MediaPipeline wireRtcp(String name, MediaEndpoint in, MediaEndpoint out, StreamRewriter sentOnward,
            StreamRewriter sentBack, SrtpSession inSrtp, SrtpSession outSrtp) {
        MediaPipeline.Builder p = MediaPipeline.builder(name);
        if (inSrtp != null) {
            p.then(new SrtcpDecryptStage(inSrtp));
        }
        p.then(AdmitSourceStage.rtcp(in.rtcpLatch(), in.rtpLatch()))
                .then(new ParseRtcpStage())
                .then(new RewriteRtcpStage(sentOnward, sentBack));
        if (outSrtp != null) {
            p.then(new SrtcpEncryptStage(outSrtp));
        }
        return p.sink(new SendStage(out));
    }

    private static int randomSsrc() {
        int ssrc;
        do {
            ssrc = ThreadLocalRandom.current().nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    public static Builder builder(String name, MediaEndpoint a, MediaEndpoint b) {
        return new Builder(name, a, b);
    }

    /** Starts relaying: installs the pipelines on both endpoints. */
    private RtpRelay start() {
        a.inbound(aToBRtp, aToBRtcp);
        b.inbound(bToARtp, bToARtcp);
        a.afterReadBatch(b::flush);
        b.afterReadBatch(a::flush);
        return this;
    }

    public String name() {
        return name;
    }

    public MediaPipeline aToB() {
        return aToBRtp;
    }

    public MediaPipeline bToA() {
        return bToARtp;
    }

    public MediaPipeline aToBRtcp() {
        return aToBRtcp;
    }

    public MediaPipeline bToARtcp() {
        return bToARtcp;
    }

    /**
     * Sends a locally generated RTP packet toward a's peer (the caller, for a call) through the
     * b -> a pipeline, as if b's peer had sent it: it passes source admission, then the extra
     * stages (which see {@link PacketContext#generated()}), then the stream rewriter, so sequence
     * numbers and timestamps stay continuous with the relayed packets (give generated packets an
     * SSRC of their own: the rewriter treats the change like any change of source). Takes
     * ownership of {@code packet}. Call on the relay's event loop, e.g. from a timer that fills
     * the silence when b's peer sends nothing.
     *
     * @param packet a whole RTP datagram (header and payload) between reader and writer index
     * @param nowNanos {@link System#nanoTime()} now, as receive times are
     */
    /**
     * Packets injected so far, both ways: the pipelines' first stages count them with those
     * received, so a peer's own packets are the difference. Written on the event loop; read
     * elsewhere it is approximate.
     */
    public long injectedPackets() {
        return injected;
    }

    public void injectBToA(ByteBuf packet, long nowNanos) {
        inject(bToARtp, bToAInjected, packet, nowNanos, a);
    }

    /** Sends a locally generated RTP packet toward b's peer; see {@link #injectBToA}. */
    public void injectAToB(ByteBuf packet, long nowNanos) {
        inject(aToBRtp, aToBInjected, packet, nowNanos, b);
    }

    private void inject(MediaPipeline pipeline, PacketContext context, ByteBuf packet, long nowNanos,
            MediaEndpoint out) {
        if (!out.eventLoop().inEventLoop()) {
            packet.release();
            throw new IllegalStateException("inject on the relay's event loop only");
        }
        injected++;
        pipeline.receive(context.resetGenerated(packet, nowNanos));
        out.flush();
    }

    /** The rewriter of the stream leaving toward b's peer. */
    public StreamRewriter aToBStream() {
        return aToBStream;
    }

    public StreamRewriter bToAStream() {
        return bToAStream;
    }

    /**
     * Re-keys an SRTP leg (an SDES re-offer with a new key): its inbound decrypt and outbound
     * encrypt stages, RTP and RTCP, use {@code next} from the next packet on. Call on the relay's
     * event loop; the caller closes the old session afterwards.
     *
     * @return false when the leg was not started as SRTP (nothing changed)
     */
    public boolean rekey(boolean legA, SrtpSession next) {
        boolean changed = false;
        for (MediaPipeline p : legA ? List.of(aToBRtp, aToBRtcp) : List.of(bToARtp, bToARtcp)) {
            for (MediaStage s : p.stages()) {
                if (s instanceof SrtpDecryptStage d) {
                    d.session(next);
                    changed = true;
                } else if (s instanceof SrtcpDecryptStage d) {
                    d.session(next);
                    changed = true;
                }
            }
        }
        for (MediaPipeline p : legA ? List.of(bToARtp, bToARtcp) : List.of(aToBRtp, aToBRtcp)) {
            for (MediaStage s : p.stages()) {
                if (s instanceof SrtpEncryptStage e) {
                    e.session(next);
                    changed = true;
                } else if (s instanceof SrtcpEncryptStage e) {
                    e.session(next);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Stops relaying (the endpoints stay open; their owner closes them). */
    @Override
    public void close() {
        a.inbound(null, null);
        b.inbound(null, null);
        a.afterReadBatch(null);
        b.afterReadBatch(null);
    }

    /** Options of a relay; extra stages per direction, in order. */
    public static final class Builder {
        private final String name;
        private final MediaEndpoint a;
        private final MediaEndpoint b;
        private final List<MediaStage> aToB = new ArrayList<>();
        private final List<MediaStage> bToA = new ArrayList<>();
        private int clockRate = 8000;
        private SrtpSession aSrtp;
        private SrtpSession bSrtp;
        private DtlsEndpointTransport aDtls;
        private DtlsEndpointTransport bDtls;

        private Builder(String name, MediaEndpoint a, MediaEndpoint b) {
            if (a.eventLoop() != b.eventLoop()) {
                throw new IllegalArgumentException("both endpoints of a relay must share one event loop");
            }
            this.name = name;
            this.a = a;
            this.b = b;
        }

        /** Adds a stage to the a -> b direction, after parsing and source admission, before rewriting. */
        public Builder aToB(MediaStage stage) {
            aToB.add(stage);
            return this;
        }

        public Builder bToA(MediaStage stage) {
            bToA.add(stage);
            return this;
        }

        /**
         * Leg a speaks SRTP/SRTCP with these keys: what a's peer sends is decrypted first, what
         * goes to a's peer is encrypted last. The relay does not close the session.
         */
        public Builder aSrtp(SrtpSession session) {
            this.aSrtp = session;
            return this;
        }

        /** Leg b speaks SRTP/SRTCP with these keys; see {@link #aSrtp}. */
        public Builder bSrtp(SrtpSession session) {
            this.bSrtp = session;
            return this;
        }

        /**
         * Leg a is DTLS-SRTP: DTLS records arriving on its RTP port (retransmitted handshake
         * flights, alerts) keep going to this transport instead of the media path. Use with
         * {@link #aSrtp} holding the keys the handshake produced.
         */
        public Builder aDtls(DtlsEndpointTransport transport) {
            this.aDtls = transport;
            return this;
        }

        /** Leg b is DTLS-SRTP; see {@link #aDtls}. */
        public Builder bDtls(DtlsEndpointTransport transport) {
            this.bDtls = transport;
            return this;
        }

        /** RTP clock rate of the relayed audio (8000 for G.711). */
        public Builder clockRate(int rate) {
            this.clockRate = rate;
            return this;
        }

        public RtpRelay start() {
            return new RtpRelay(this).start();
        }
    }
}
