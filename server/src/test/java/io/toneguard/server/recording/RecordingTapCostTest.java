package io.toneguard.server.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.testing.AllocationMeter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a recording tap costs the media thread: allocation per packet (asserted) and time (logged,
 * parse stage included). Packets come in 200 ms bursts with pauses, as on a call, so the writer
 * has handed each block back before the next one is needed.
 */
class RecordingTapCostTest {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingTapCostTest.class);
    private static final int PACKETS = 1000; // 20 s of one direction per run

    @TempDir
    Path dir;

    private long packet;

    @Test
    void aTapAllocatesAlmostNothingPerPacket() throws Exception {
        // the writer looks every millisecond and a "200 ms" burst gap is 2 ms here: the same rhythm, faster
        try (Recordings recordings = Recordings.start(new RecordingSettings(RecordingMode.PAUSE_RESUME, dir, WebhookSettings.NONE),
                System::nanoTime, java.time.Clock.systemUTC(), RecordingWriter.DEFAULT_BUDGET_BYTES, 1)) {
            CallRecording rec = recordings.open("cost");
            MediaPipeline p = MediaPipeline.builder("caller->agent").then(new ParseRtpStage()).then(rec.callerTap())
                    .sink(new SinkStage("agent") {
                        @Override
                        protected DropReason consume(PacketContext ctx) {
                            return DropReason.NONE;
                        }
                    });
            ByteBuf buf = Unpooled.buffer(172);
            RtpPacket.writeHeader(buf, false, 0, 0, 0, 0x1234);
            buf.writeBytes(TapDriver.tone(G711Codec.MU_LAW, 440, 0, 160));
            PacketContext ctx = new PacketContext();
            InetSocketAddress from = new InetSocketAddress("127.0.0.1", 4000);
            RtpPacket header = new RtpPacket();
            long start = System.nanoTime();
            long[] busyNanos = new long[1];
            Runnable run = () -> {
                for (int i = 0; i < PACKETS; i++, packet++) {
                    long t0 = System.nanoTime();
                    header.wrap(buf);
                    header.setSequenceNumber((int) packet & 0xFFFF);
                    header.setTimestamp(160 * packet);
                    buf.retain();
                    p.receive(ctx.reset(buf, from, start + 20_000_000L * packet));
                    busyNanos[0] += System.nanoTime() - t0;
                    if (i % 10 == 9) {
                        LockSupport.parkNanos(2_000_000); // the rest of 200 ms of a call: the writer has returned the block
                    }
                }
            };
            long bytes = AllocationMeter.allocatedBytes(run);
            busyNanos[0] = 0;
            run.run();
            long nanosPerPacket = busyNanos[0] / PACKETS;
            LOG.info("recording tap: {} bytes allocated per {} packets ({} per packet), {} ns per packet", bytes, PACKETS,
                    bytes / (double) PACKETS, nanosPerPacket);
            assertTrue(bytes / (double) PACKETS < 64, bytes + " bytes per " + PACKETS + " packets");
            assertEquals(0, p.errors());
            rec.close();
            rec.finished().get(10, TimeUnit.SECONDS);
            buf.release();
        }
    }
}
