package io.toneguard.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.AdmitSourceStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.relay.RewriteStreamStage;
import io.toneguard.media.relay.StreamRewriter;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.srtp.SrtpDecryptStage;
import io.toneguard.media.srtp.SrtpEncryptStage;
import io.toneguard.media.srtp.SrtpMasterKey;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.transport.LatchPolicy;
import io.toneguard.media.transport.SymmetricLatch;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The masked caller -> agent path per 20 ms PCMU packet (keyed digits, the costlier case for the
 * masker), without syscalls: {@code plain} = parse, admit, mask, rewrite; {@code srtp-*} = SRTP
 * decrypt with leg a's keys, the same stages, then SRTP encrypt with leg b's keys. The caller's
 * own encryption of each packet happens in the per-invocation setup, outside the measurement.
 * {@code buffer}: a direct ByteBuf (as epoll reads; goes through the scratch copy) or a heap one
 * (worked on in place).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpMaskingBenchmark {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final int CALLER_SSRC = 0x5678;

    @Param({"plain", "srtp-aes-cm-80", "srtp-aead-gcm-128"})
    public String path;

    @Param({"direct", "heap"})
    public String buffer;

    private MediaPipeline pipeline;
    private PacketContext context;
    private ByteBuf packet;
    private SrtpSession callerSide;
    private SrtpSession legA;
    private SrtpSession legB;
    private short[] signal;
    private int offset;
    private int seq;
    private long now;

    @Setup
    public void setUp() {
        signal = digits();
        SymmetricLatch latch = new SymmetricLatch(LatchPolicy.DEFAULT);
        latch.expect(PEER);
        MediaPipeline.Builder p = MediaPipeline.builder("bench");
        SrtpSuite suite = path.equals("srtp-aead-gcm-128") ? SrtpSuite.AEAD_AES_128_GCM : SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        boolean srtp = !path.equals("plain");
        if (srtp) {
            try (SrtpMasterKey callerKey = SrtpMasterKey.generate(suite);
                    SrtpMasterKey aKey = SrtpMasterKey.generate(suite);
                    SrtpMasterKey bKey = SrtpMasterKey.generate(suite);
                    SrtpMasterKey agentKey = SrtpMasterKey.generate(suite)) {
                callerSide = SrtpSession.open("caller", aKey, callerKey);
                legA = SrtpSession.open("leg-a", callerKey, aKey);
                legB = SrtpSession.open("leg-b", agentKey, bKey);
            }
            p.then(new SrtpDecryptStage(legA));
        }
        p.then(new ParseRtpStage())
                .then(AdmitSourceStage.rtp(latch))
                .then(new MaskToneStage(101, MaskerSettings.DEFAULT, DigitListener.NONE))
                .then(new RewriteStreamStage(new StreamRewriter(0x1234, 8000)));
        if (srtp) {
            p.then(new SrtpEncryptStage(legB));
        }
        pipeline = p.sink(new SinkStage("recycle") {
            @Override
            protected DropReason consume(PacketContext ctx) {
                ctx.handOff().release(); // back to the benchmark's own reference
                return DropReason.NONE;
            }
        });
        context = new PacketContext();
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        packet = buffer.equals("heap") ? alloc.heapBuffer(2048) : alloc.directBuffer(2048);
    }

    /** The caller's next packet: fresh header, G.711 audio and, on SRTP paths, the caller's encryption. */
    @Setup(Level.Invocation)
    public void nextPacket() {
        seq = (seq + 1) & 0xFFFF;
        now += 20_000_000L;
        packet.clear();
        RtpPacket.writeHeader(packet, false, 0, seq, seq * 160L, CALLER_SSRC);
        packet.writeZero(160);
        int off = offset;
        offset = offset + 320 > signal.length ? 0 : offset + 160;
        G711Codec.MU_LAW.encode(signal, off, 160, packet, 12);
        if (callerSide != null && callerSide.protectRtp(packet) != DropReason.NONE) {
            throw new IllegalStateException("caller-side protect failed");
        }
    }

    @Benchmark
    public void relayMaskedPacket() {
        pipeline.receive(context.reset(packet.retain(), PEER, now));
    }

    private static short[] digits() {
        short[] s = new short[8000 * 2];
        double a = 32768 * Math.pow(10, (-3.17 - 10) / 20);
        DtmfDigit[] all = DtmfDigit.values();
        for (int i = 0; i < s.length; i++) {
            int slot = i / 800; // 50 ms on, 50 ms off
            if (slot % 2 == 0) {
                DtmfDigit d = all[(slot / 2) % all.length];
                s[i] = (short) (a * Math.sin(2 * Math.PI * d.lowHz() * i / 8000)
                        + a * Math.sin(2 * Math.PI * d.highHz() * i / 8000));
            }
        }
        return s;
    }

    @TearDown
    public void tearDown() {
        long dropped = pipeline.stages().stream().mapToLong(st -> st.stats().droppedTotal()).sum();
        if (pipeline.errors() != 0 || dropped != 0) { // a dropping path would measure the wrong thing
            throw new IllegalStateException("packets dropped: " + pipeline.describe());
        }
        packet.release();
        if (callerSide != null) {
            callerSide.close();
            legA.close();
            legB.close();
        }
    }
}
