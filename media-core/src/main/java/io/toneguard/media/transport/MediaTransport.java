package io.toneguard.media.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media I/O engine: event loops (epoll when available, NIO otherwise), the port allocator, and
 * the factory of {@link MediaEndpoint}s. One per process.
 */
public final class MediaTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaTransport.class);

    private final MediaTransportConfig config;
    private final EventLoopGroup group;
    private final Class<? extends DatagramChannel> channelClass;
    private final boolean nativeTransport;
    private final PortAllocator ports;

    private MediaTransport(MediaTransportConfig config) {
        this.config = config;
        this.nativeTransport = config.preferNative() && Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("media", true, Thread.MAX_PRIORITY);
        int n = config.ioThreads() == 0 ? Runtime.getRuntime().availableProcessors() : config.ioThreads();
        long coalesceNanos = config.coalesceMicros() * 1000L;
        SelectStrategyFactory strategies = coalesceNanos > 0
                ? () -> new CoalescingSelectStrategy(coalesceNanos)
                : DefaultSelectStrategyFactory.INSTANCE;
        if (nativeTransport) {
            this.group = new EpollEventLoopGroup(n, threads, strategies);
            this.channelClass = EpollDatagramChannel.class;
        } else {
            this.group = new NioEventLoopGroup(n, threads, SelectorProvider.provider(), strategies);
            this.channelClass = NioDatagramChannel.class;
        }
        this.ports = new PortAllocator(config.portMin(), config.portMax());
    }

    /** Starts the event loops. */
    public static MediaTransport start(MediaTransportConfig config) {
        MediaTransport t = new MediaTransport(config);
        LOG.info("media transport: {} on {}, ports {}-{}{}", t.nativeTransport ? "epoll" : "nio",
                config.bindAddress().getHostAddress(), config.portMin(), config.portMax(),
                config.coalesceMicros() > 0 ? ", reads coalesced over " + config.coalesceMicros() + " us" : "");
        if (config.preferNative() && !t.nativeTransport) {
            LOG.info("epoll unavailable ({}), using NIO", Epoll.unavailabilityCause() == null ? "not Linux" : Epoll.unavailabilityCause().toString());
        }
        return t;
    }

    public MediaTransportConfig config() {
        return config;
    }

    /** True when running on Linux epoll. */
    public boolean isNative() {
        return nativeTransport;
    }

    public PortAllocator ports() {
        return ports;
    }

    /** An event loop for a new call; both legs of a call should share one. */
    public EventLoop nextEventLoop() {
        return group.next();
    }

    /**
     * Binds a new endpoint on an even port (and the odd port above it for RTCP unless
     * {@code rtcpMuxOnly}). Blocks until bound: call it from signalling threads, never from an
     * event loop.
     *
     * @throws PortsExhaustedException when no pair in the range can be bound
     */
    public MediaEndpoint openEndpoint(EventLoop loop, String name, boolean rtcpMuxOnly) {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("openEndpoint blocks; do not call it on an event loop");
        }
        int attempts = ports.capacity();
        for (int i = 0; i < attempts; i++) {
            int port = ports.acquire();
            if (port < 0) {
                break;
            }
            MediaEndpoint endpoint = new MediaEndpoint(this, name, port, rtcpMuxOnly, config.latchPolicy());
            Channel rtp = bind(loop, port, endpoint.rtpHandler());
            if (rtp == null) {
                ports.release(port);
                continue;
            }
            Channel rtcp = null;
            if (!rtcpMuxOnly) {
                rtcp = bind(loop, port + 1, endpoint.rtcpHandler());
                if (rtcp == null) {
                    rtp.close().awaitUninterruptibly();
                    ports.release(port);
                    continue;
                }
            }
            endpoint.attach(rtp, rtcp);
            return endpoint;
        }
        throw new PortsExhaustedException("no free media port pair in " + config.portMin() + "-" + config.portMax()
                + " (" + ports.inUse() + " pairs in use)");
    }

    private Channel bind(EventLoop loop, int port, ChannelHandler handler) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .handler(handler);
        if (config.socketBufferBytes() > 0) {
            b.option(ChannelOption.SO_RCVBUF, config.socketBufferBytes());
            b.option(ChannelOption.SO_SNDBUF, config.socketBufferBytes());
        }
        if (config.dscp() >= 0) {
            b.option(ChannelOption.IP_TOS, config.dscp() << 2);
        }
        ChannelFuture f = b.bind(config.bindAddress(), port).awaitUninterruptibly();
        if (!f.isSuccess()) {
            LOG.debug("media port {} not bindable: {}", port, f.cause().toString());
            return null;
        }
        return f.channel();
    }

    void released(int port) {
        ports.release(port);
    }

    /** Closes the event loops (endpoints still open are closed with them). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
