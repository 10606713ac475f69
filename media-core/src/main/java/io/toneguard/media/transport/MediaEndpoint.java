package io.toneguard.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.PacketKind;
import io.toneguard.media.rtcp.RtcpDemux;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One leg's media sockets: the RTP port and, unless rtcp-mux only, the RTCP port above it.
 *
 * <p>Received datagrams are demultiplexed (RFC 5761: RTCP may arrive on the RTP port) and run
 * through the inbound pipeline of their kind, on this endpoint's event loop. Sending goes to the
 * address the peer's {@link SymmetricLatch} has learnt. Writes are flushed in batches, once per
 * read batch of whichever socket produced them ({@link #flush()}).
 */
public final class MediaEndpoint implements AutoCloseable {
    private final MediaTransport transport;
    private final String name;
    private final int rtpPort;
    private final boolean rtcpMuxOnly;
    private final SymmetricLatch rtpLatch;
    private final SymmetricLatch rtcpLatch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel rtpChannel;
    private Channel rtcpChannel;

    private volatile boolean rtcpMux;
    private volatile MediaPipeline rtpInbound;
    private volatile MediaPipeline rtcpInbound;
    private volatile Runnable afterReadBatch = () -> { };
    private boolean flushPending;
    private long unrouted;

    MediaEndpoint(MediaTransport transport, String name, int rtpPort, boolean rtcpMuxOnly, LatchPolicy policy) {
        this.transport = transport;
        this.name = name;
        this.rtpPort = rtpPort;
        this.rtcpMuxOnly = rtcpMuxOnly;
        this.rtcpMux = rtcpMuxOnly;
        this.rtpLatch = new SymmetricLatch(policy);
        this.rtcpLatch = new SymmetricLatch(new LatchPolicy(1, policy.relatchAfterSilence()));
    }

    void attach(Channel rtp, Channel rtcp) {
        this.rtpChannel = rtp;
        this.rtcpChannel = rtcp;
    }

    ChannelInboundHandlerAdapter rtpHandler() {
        return new Inbound(false);
    }

    ChannelInboundHandlerAdapter rtcpHandler() {
        return new Inbound(true);
    }

    public String name() {
        return name;
    }

    /** The local RTP port (even). */
    public int rtpPort() {
        return rtpPort;
    }

    /** The local RTCP port: the RTP port itself under rtcp-mux, else the odd port above. */
    public int rtcpPort() {
        return rtcpMux ? rtpPort : rtpPort + 1;
    }

    public InetSocketAddress localRtpAddress() {
        return new InetSocketAddress(transport.config().bindAddress(), rtpPort);
    }

    /** The event loop all of this endpoint's I/O and pipelines run on. */
    public io.netty.channel.EventLoop eventLoop() {
        return rtpChannel.eventLoop();
    }

    public SymmetricLatch rtpLatch() {
        return rtpLatch;
    }

    public SymmetricLatch rtcpLatch() {
        return rtcpLatch;
    }

    /**
     * Sets what the peer signalled (SDP): its RTP address and its RTCP address (null to use the
     * RTP port + 1, or the RTP port under rtcp-mux). Resets latching.
     */
    public void expectPeer(InetSocketAddress rtp, InetSocketAddress rtcp, boolean mux) {
        if (!mux && rtcpMuxOnly) {
            throw new IllegalStateException("endpoint " + name + " was opened for rtcp-mux only");
        }
        this.rtcpMux = mux;
        rtpLatch.expect(rtp);
        InetSocketAddress rtcpPeer = rtcp != null ? rtcp
                : rtp == null ? null
                : mux ? rtp : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        rtcpLatch.expect(rtcpPeer);
    }

    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** Where received packets go. Either may be null (packets of that kind are then dropped). */
    public void inbound(MediaPipeline rtp, MediaPipeline rtcp) {
        this.rtpInbound = rtp;
        this.rtcpInbound = rtcp;
    }

    /** Runs on the event loop after each batch of reads (the relay flushes the far side here). */
    public void afterReadBatch(Runnable hook) {
        this.afterReadBatch = hook == null ? () -> { } : hook;
    }

    /** Datagrams received with no pipeline to take them. */
    public long unrouted() {
        return unrouted;
    }

    /**
     * Queues {@code buf} to the peer. Takes ownership of {@code buf} only when it returns
     * {@link DropReason#NONE}; otherwise the caller still owns (and must release) it.
     * Call on the event loop, and {@link #flush()} after a batch.
     */
    public DropReason send(ByteBuf buf, PacketKind kind) {
        Channel ch;
        InetSocketAddress to;
        if (kind == PacketKind.RTCP && !rtcpMux) {
            ch = rtcpChannel;
            to = rtcpLatch.destination();
        } else {
            ch = rtpChannel;
            to = kind == PacketKind.RTCP ? rtcpLatch.destination() : rtpLatch.destination();
        }
        if (to == null) {
            return DropReason.NO_DESTINATION;
        }
        if (ch == null || !ch.isActive() || !ch.isWritable()) {
            return DropReason.CHANNEL_UNAVAILABLE;
        }
        ch.write(new DatagramPacket(buf, to), ch.voidPromise());
        flushPending = true;
        return DropReason.NONE;
    }

    /**
     * Queues {@code buf} from the RTP socket to an explicit address (DTLS handshake records go
     * back to where the handshake came from, which may differ from the latched peer before media
     * flows). Ownership as for {@link #send}. Call on the event loop.
     */
    public DropReason sendTo(ByteBuf buf, InetSocketAddress to) {
        Channel ch = rtpChannel;
        if (to == null) {
            return DropReason.NO_DESTINATION;
        }
        if (ch == null || !ch.isActive() || !ch.isWritable()) {
            return DropReason.CHANNEL_UNAVAILABLE;
        }
        ch.write(new DatagramPacket(buf, to), ch.voidPromise());
        flushPending = true;
        return DropReason.NONE;
    }

    /** Flushes queued datagrams, if any. */
    public void flush() {
        if (flushPending) {
            flushPending = false;
            rtpChannel.flush();
            if (rtcpChannel != null) {
                rtcpChannel.flush();
            }
        }
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Closes the sockets and returns the ports to the allocator once they are closed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Channel rtcp = rtcpChannel;
        rtpChannel.close().addListener(f -> {
            if (rtcp != null) {
                rtcp.close().addListener(g -> transport.released(rtpPort));
            } else {
                transport.released(rtpPort);
            }
        });
    }

    @Override
    public String toString() {
        return "MediaEndpoint[" + name + " :" + rtpPort + (rtcpMux ? " rtcp-mux" : "") + "]";
    }

    /** Reads one socket and feeds its datagrams to the pipelines. */
    private final class Inbound extends ChannelInboundHandlerAdapter {
        private final boolean rtcpSocket;
        private final PacketContext context = new PacketContext();

        Inbound(boolean rtcpSocket) {
            this.rtcpSocket = rtcpSocket;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket dp)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ByteBuf content = dp.content();
            boolean rtcp = rtcpSocket || RtcpDemux.isRtcp(content);
            MediaPipeline target = rtcp ? rtcpInbound : rtpInbound;
            if (target == null) {
                unrouted++;
                content.release();
                return;
            }
            context.reset(content, dp.sender(), System.nanoTime());
            context.kind(rtcp ? PacketKind.RTCP : PacketKind.UNKNOWN);
            target.receive(context);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            afterReadBatch.run();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: a UDP socket stays usable, so carry on
        }
    }
}
