package io.toneguard.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.inband.InbandListener;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ToneMasker;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.wav.WavReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Detection plus masking per 20 ms frame (160 samples) of one stream, on speech or on keyed
 * digits (the costlier case: candidate windows run the frequency and harmonic checks).
 * {@code detect}: the in-band detector alone; {@code mask}: detector + delay line + masking;
 * {@code maskPacket}: the RTP stage as the live pipeline runs it (G.711 decode, mask, encode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MaskingBenchmark {
    private static final Path SPEECH = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison/you-entered.wav");

    @Param({"speech", "digits"})
    public String audio;

    private short[] signal;
    private int offset;
    private final short[] out = new short[160];
    private InbandDtmfDetector detector;
    private ToneMasker masker;
    private MediaPipeline pipeline;
    private PacketContext context;
    private ByteBuf packet;
    private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 4000);

    @Setup
    public void setUp() throws Exception {
        signal = audio.equals("speech") ? speech() : digits();
        detector = new InbandDtmfDetector(DetectorSettings.DEFAULT, InbandListener.NONE);
        masker = new ToneMasker(MaskerSettings.DEFAULT, InbandListener.NONE);
        pipeline = MediaPipeline.builder("bench")
                .then(new ParseRtpStage())
                .then(new MaskToneStage(101, MaskerSettings.DEFAULT, DigitListener.NONE))
                .sink(new SinkStage("recycle") {
                    @Override
                    protected DropReason consume(PacketContext p) {
                        p.handOff().release();
                        return DropReason.NONE;
                    }
                });
        context = new PacketContext();
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
        RtpPacket.writeHeader(packet, false, 0, 0, 0, 0x1234);
        packet.writeZero(160);
    }

    private static short[] speech() throws Exception {
        if (Files.exists(SPEECH)) {
            return WavReader.read(SPEECH).samples();
        }
        Random r = new Random(1); // no corpus: low-passed noise bursts stand in for speech
        short[] s = new short[8000 * 3];
        double y = 0;
        for (int i = 0; i < s.length; i++) {
            y = 0.9 * y + 0.1 * r.nextGaussian() * ((i / 2000) % 2 == 0 ? 8000 : 300);
            s[i] = (short) y;
        }
        return s;
    }

    private static short[] digits() {
        short[] s = new short[8000 * 2];
        double a = 32768 * Math.pow(10, (-3.17 - 10) / 20);
        DtmfDigit[] all = DtmfDigit.values();
        for (int i = 0; i < s.length; i++) {
            int slot = i / 800; // 50 ms on, 50 ms off
            if (slot % 2 == 0) {
                DtmfDigit d = all[(slot / 2) % all.length];
                s[i] = (short) (a * Math.sin(2 * Math.PI * d.lowHz() * i / 8000) + a * Math.sin(2 * Math.PI * d.highHz() * i / 8000));
            }
        }
        return s;
    }

    private int nextFrame() {
        int off = offset;
        offset += 160;
        if (offset + 160 > signal.length) {
            offset = 0;
        }
        return off;
    }

    @Benchmark
    public long detect() {
        detector.process(signal, nextFrame(), 160);
        return detector.sampleCount();
    }

    @Benchmark
    public short mask() {
        masker.process(signal, nextFrame(), 160, out, 0);
        return out[0];
    }

    @Benchmark
    public void maskPacket() {
        int off = nextFrame();
        G711Codec.MU_LAW.encode(signal, off, 160, packet, 12);
        pipeline.receive(context.reset(packet.retain(), peer, 0));
    }

    @TearDown
    public void tearDown() {
        packet.release();
    }
}
