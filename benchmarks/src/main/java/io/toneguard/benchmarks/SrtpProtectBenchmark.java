package io.toneguard.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.srtp.SrtpMasterKey;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.srtp.SrtpSuite;
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
 * The SRTP cost alone: one protect plus one unprotect of a 20 ms PCMU packet (160-byte payload)
 * through {@link SrtpSession}, per suite and buffer kind. The relay's SRTP-to-SRTP path does one
 * of each per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpProtectBenchmark {
    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String suite;

    @Param({"direct", "heap"})
    public String buffer;

    private SrtpSession sender;
    private SrtpSession receiver;
    private ByteBuf packet;
    private int seq;

    @Setup
    public void setUp() {
        SrtpSuite s = SrtpSuite.valueOf(suite);
        try (SrtpMasterKey k = SrtpMasterKey.generate(s); SrtpMasterKey other = SrtpMasterKey.generate(s)) {
            sender = SrtpSession.open("sender", other, k);
            receiver = SrtpSession.open("receiver", k, other);
        }
        packet = buffer.equals("heap") ? PooledByteBufAllocator.DEFAULT.heapBuffer(2048)
                : PooledByteBufAllocator.DEFAULT.directBuffer(2048);
    }

    @Benchmark
    public int protectAndUnprotect() {
        seq = (seq + 1) & 0xFFFF;
        packet.clear();
        RtpPacket.writeHeader(packet, false, 0, seq, seq * 160L, 0x5678);
        packet.writeZero(160);
        if (sender.protectRtp(packet) != DropReason.NONE || receiver.unprotectRtp(packet) != DropReason.NONE) {
            throw new IllegalStateException("SRTP round trip failed");
        }
        return packet.readableBytes();
    }

    @TearDown
    public void tearDown() {
        packet.release();
        sender.close();
        receiver.close();
    }
}
