package io.toneguard.benchmarks;

import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.transport.MediaEndpoint;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole relay over real loopback UDP sockets: a caller socket sends a burst of RTP packets to
 * one endpoint, the relay forwards them to the agent socket through the other endpoint. The score
 * is wall time per packet (sender and receiver syscalls included, two cores shared); the relay's
 * own CPU per packet (its event loop thread, syscalls included) is printed at the end of each
 * iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UdpRelayBenchmark {
    private static final int BURST = 32;

    @Param({"true", "false"})
    public boolean epoll;

    private MediaTransport transport;
    private MediaEndpoint a;
    private MediaEndpoint b;
    private RtpRelay relay;
    private DatagramChannel caller;
    private DatagramChannel agent;
    private InetSocketAddress aAddress;
    private final ByteBuffer out = ByteBuffer.allocateDirect(172);
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private int seq;
    private long loopThreadId;
    private long cpuAtStart;
    private long packetsAtStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        transport = MediaTransport.start(MediaTransportConfig.defaults().withPorts(32000, 32099).withIoThreads(1)
                .withPreferNative(epoll));
        var loop = transport.nextEventLoop();
        a = transport.openEndpoint(loop, "caller", false);
        b = transport.openEndpoint(loop, "agent", false);
        InetAddress lo = InetAddress.getLoopbackAddress();
        caller = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        agent = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        for (DatagramChannel ch : new DatagramChannel[] {caller, agent}) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        }
        a.expectPeer((InetSocketAddress) caller.getLocalAddress(), null, false);
        b.expectPeer((InetSocketAddress) agent.getLocalAddress(), null, false);
        aAddress = a.localRtpAddress();
        relay = RtpRelay.builder("bench", a, b).start();
        loopThreadId = loop.submit(() -> Thread.currentThread().getId()).get();
        out.put((byte) 0x80).put((byte) 0).putShort((short) 0).putInt(0).putInt(0x5678);
        while (out.hasRemaining()) {
            out.put((byte) 0x55);
        }
    }

    @Setup(Level.Iteration)
    public void markIteration() {
        cpuAtStart = cpu();
        packetsAtStart = relay.aToBStream().packetCount();
    }

    @TearDown(Level.Iteration)
    public void reportIteration() {
        long packets = relay.aToBStream().packetCount() - packetsAtStart;
        if (packets > 0) {
            System.out.printf("%n  relay event-loop CPU: %.2f us/packet over %d packets (%s)%n",
                    (cpu() - cpuAtStart) / 1000.0 / packets, packets, transport.isNative() ? "epoll" : "nio");
        }
    }

    private long cpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.getThreadCpuTime(loopThreadId);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int relayBurst() throws IOException {
        for (int i = 0; i < BURST; i++) {
            seq = (seq + 1) & 0xFFFF;
            out.putShort(2, (short) seq);
            out.putInt(4, seq * 160);
            out.clear();
            caller.send(out, aAddress);
        }
        int bytes = 0;
        for (int i = 0; i < BURST; i++) {
            in.clear();
            agent.receive(in);
            bytes += in.position();
        }
        return bytes;
    }

    /**
     * One packet at a time, about a millisecond apart, as on real calls at low load: the event loop
     * sleeps in {@code epoll_wait} (or the selector) before each packet, so the printed CPU per packet
     * includes one wake-up each, which {@link #relayBurst} shares among 32 packets. The score is wall
     * time per packet (mostly the pause); read the printed CPU.
     */
    @Benchmark
    public int relayOneAtATime() throws IOException {
        seq = (seq + 1) & 0xFFFF;
        out.putShort(2, (short) seq);
        out.putInt(4, seq * 160);
        out.clear();
        caller.send(out, aAddress);
        in.clear();
        agent.receive(in);
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        return in.position();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        relay.close();
        a.close();
        b.close();
        caller.close();
        agent.close();
        transport.close();
    }
}
