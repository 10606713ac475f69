package io.toneguard.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.AdmitSourceStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.relay.RewriteStreamStage;
import io.toneguard.media.relay.StreamRewriter;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.transport.LatchPolicy;
import io.toneguard.media.transport.SymmetricLatch;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's own per-packet work, without syscalls: parse, admit the latched source, rewrite
 * SSRC/sequence/timestamp, hand to a sink. Run with {@code -prof gc} to see that it allocates
 * nothing per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayPipelineBenchmark {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    private MediaPipeline pipeline;
    private PacketContext context;
    private ByteBuf packet;
    private int seq;
    private long now;

    @Setup
    public void setUp() {
        SymmetricLatch latch = new SymmetricLatch(LatchPolicy.DEFAULT);
        latch.expect(PEER);
        pipeline = MediaPipeline.builder("bench")
                .then(new ParseRtpStage())
                .then(AdmitSourceStage.rtp(latch))
                .then(new RewriteStreamStage(new StreamRewriter(0x1234, 8000)))
                .sink(new SinkStage("recycle") {
                    @Override
                    protected DropReason consume(PacketContext p) {
                        p.handOff().release(); // back to the benchmark's own reference
                        return DropReason.NONE;
                    }
                });
        context = new PacketContext();
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(172);
        RtpPacket.writeHeader(packet, false, 0, 0, 0, 0x5678);
        packet.writeZero(160);
    }

    @Benchmark
    public void relayOnePacket() {
        seq = (seq + 1) & 0xFFFF;
        packet.setShort(2, seq);
        packet.setInt(4, seq * 160);
        now += 20_000_000L;
        pipeline.receive(context.reset(packet.retain(), PEER, now));
    }

    @TearDown
    public void tearDown() {
        packet.release();
    }
}
