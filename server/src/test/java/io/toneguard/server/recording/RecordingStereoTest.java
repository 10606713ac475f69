package io.toneguard.server.recording;

import static io.toneguard.server.recording.StereoWav.silent;
import static io.toneguard.server.recording.StereoWav.slice;
import static io.toneguard.server.recording.TapDriver.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stereo WAV: channels, alignment by arrival, continuity by timestamp, gaps, jitter, junk, closing. */
class RecordingStereoTest {
    private static final G711Codec MU = G711Codec.MU_LAW;
    private static final G711Codec A = G711Codec.A_LAW;

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(T0);
    private Recordings recordings;
    private CallRecording rec;
    private TapDriver caller;
    private TapDriver agent;

    @BeforeEach
    void open() {
        recordings = start(RecordingWriter.DEFAULT_BUDGET_BYTES);
        rec = recordings.open("call-1@example.com");
        caller = new TapDriver("caller->agent", rec.callerTap(), 0x1111);
        agent = new TapDriver("agent->caller", rec.agentTap(), 0x2222);
    }

    private Recordings start(long budget) {
        return Recordings.start(new RecordingSettings(RecordingMode.PAUSE_RESUME, dir, WebhookSettings.NONE), nanos::get,
                Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), budget);
    }

    @AfterEach
    void close() {
        recordings.close();
    }

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    private StereoWav finish() throws Exception {
        rec.close();
        rec.finished().get(10, TimeUnit.SECONDS);
        assertEquals(0, caller.errors() + agent.errors(), "the taps never fail a packet");
        return StereoWav.read(rec.file());
    }

    /** Sends {@code packets} 20 ms packets; returns the audio they carry. */
    private static short[] talk(TapDriver d, G711Codec codec, double hz, int packets, double startMs, long startTs) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        short[] all = new short[packets * 160];
        for (int i = 0; i < packets; i++) {
            byte[] payload = TapDriver.tone(codec, hz, i * 160, 160);
            d.send(codec, 100 + i, startTs + 160L * i, payload, startMs + 20.0 * i);
            System.arraycopy(TapDriver.decode(codec, payload), 0, all, i * 160, 160);
        }
        return all;
    }

    @Test
    void callerIsLeftAgentIsRightAlignedByArrival() throws Exception {
        short[] left = new short[8000];
        short[] right = new short[4000];
        // interleaved in time as on a real call: caller from 0 ms (PCMU), agent from 500 ms (PCMA)
        for (int i = 0; i < 50; i++) {
            byte[] c = TapDriver.tone(MU, 440, i * 160, 160);
            caller.send(MU, i, 1000 + 160L * i, c, 20.0 * i);
            System.arraycopy(TapDriver.decode(MU, c), 0, left, i * 160, 160);
            if (i >= 25) {
                int k = i - 25;
                byte[] a = TapDriver.tone(A, 700, k * 160, 160);
                agent.send(A, k, 77_000 + 160L * k, a, 500 + 20.0 * k + 3); // 3 ms later on the wire
                System.arraycopy(TapDriver.decode(A, a), 0, right, k * 160, 160);
            }
        }
        StereoWav wav = finish();
        assertEquals(8000 + 24, wav.frames(), "one second, plus the agent's 3 ms");
        assertArrayEquals(left, slice(wav.left(), 0, 8000));
        assertTrue(silent(wav.right(), 0, 4024), "the agent is silent before it speaks");
        assertArrayEquals(right, slice(wav.right(), 4024, 4000));
        assertEquals(50, rec.recorder().packetsRecorded()[0]);
        assertEquals(25, rec.recorder().packetsRecorded()[1]);
        assertEquals("call-1_example.com.wav", rec.file().getFileName().toString());
        assertEquals(50, caller.delivered, "every packet passes the tap");
    }

    @Test
    void lostPacketsAndSilenceSuppressionBecomeSilenceOfTheRightLength() throws Exception {
        short[] expected = new short[24_000];
        for (int i = 0; i < 60; i++) {
            if (i >= 10 && i < 15) {
                continue; // lost on the way
            }
            int gap = i >= 50 ? 8000 : 0; // a second of silence suppression before packet 50
            byte[] c = TapDriver.tone(MU, 300, i * 160, 160);
            caller.send(MU, i, 160L * i + gap, c, 20.0 * i + gap / 8.0);
            System.arraycopy(TapDriver.decode(MU, c), 0, expected, i * 160 + gap, 160);
        }
        StereoWav wav = finish();
        assertEquals(60 * 160 + 8000, wav.frames());
        assertArrayEquals(slice(expected, 0, wav.frames()), wav.left());
        assertTrue(silent(wav.left(), 1600, 2400), "lost packets are silence");
        assertTrue(silent(wav.left(), 8000, 16_000), "suppressed silence is silence");
        assertTrue(silent(wav.right(), 0, wav.frames()));
    }

    @Test
    void jitterAndReorderingDoNotTearTheAudio() throws Exception {
        Random r = new Random(7);
        int n = 100;
        short[] expected = new short[n * 160];
        double[] arrival = new double[n];
        byte[][] payload = new byte[n][];
        for (int i = 0; i < n; i++) {
            payload[i] = TapDriver.tone(MU, 500, i * 160, 160);
            System.arraycopy(TapDriver.decode(MU, payload[i]), 0, expected, i * 160, 160);
            arrival[i] = 20.0 * i + r.nextInt(30); // up to 30 ms of jitter
        }
        arrival[0] = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 5; i < n - 1; i += 10) { // every tenth pair swapped
            int t = order[i];
            order[i] = order[i + 1];
            order[i + 1] = t;
            double a = Math.max(arrival[i], arrival[i + 1]);
            arrival[order[i]] = a;
            arrival[order[i + 1]] = a + 1;
        }
        for (int k = 0; k < n; k++) {
            int i = order[k];
            caller.send(MU, i, 9_000 + 160L * i, payload[i], arrival[i]);
        }
        StereoWav wav = finish();
        assertEquals(n * 160, wav.frames());
        assertArrayEquals(expected, wav.left(), "every packet in its own slot, no holes, no overlaps");
        assertEquals(0, rec.recorder().packetsLate());
    }

    @Test
    void aNewTalkSpurtNeverGoesBackwards() throws Exception {
        short[] first = talk(caller, MU, 400, 10, 0, 0); // samples 0..1600
        // a new source (re-INVITE, transfer) whose first packet claims an earlier arrival
        byte[] c = TapDriver.tone(MU, 900, 0, 160);
        caller.send(MU.payloadType(), 0x3333, 1, 555_555, c, 100);
        StereoWav wav = finish();
        assertEquals(1760, wav.frames());
        assertArrayEquals(first, slice(wav.left(), 0, 1600), "what came first is kept whole");
        assertArrayEquals(TapDriver.decode(MU, c), slice(wav.left(), 1600, 160));
    }

    @Test
    void aTimestampJumpOrAClockRunningAheadFollowsArrivalTime() throws Exception {
        talk(caller, MU, 400, 10, 0, 0);
        byte[] c = TapDriver.tone(MU, 900, 0, 160);
        caller.send(MU, 10, 160L * 10 + 800_000, c, 200); // timestamps leap 100 s: ignore them
        caller.send(MU, 11, 160L * 11 + 800_000, c, 1200); // then a real second of silence by the clock
        StereoWav wav = finish();
        assertEquals(9760, wav.frames());
        assertArrayEquals(TapDriver.decode(MU, c), slice(wav.left(), 1600, 160));
        assertTrue(silent(wav.left(), 1760, 9600));
        assertArrayEquals(TapDriver.decode(MU, c), slice(wav.left(), 9600, 160));
    }

    @Test
    void junkAndNonAudioPacketsAreIgnoredWithoutHarm() throws Exception {
        caller.raw(new byte[] {(byte) 0x80, 0, 1}, 0); // too short: parse drops it
        byte[] v1 = RtpPackets.rtp(0, false, 1, 0, 1, new byte[160]);
        v1[0] = 0x40;
        caller.raw(v1, 0); // RTP version 1: parse drops it
        caller.send(101, 0x1111, 2, 0, new byte[] {1, 0, 0, (byte) 160}, 0); // telephone-event
        caller.send(13, 0x1111, 3, 0, new byte[] {40}, 0); // comfort noise
        caller.send(18, 0x1111, 4, 0, new byte[20], 0); // G.729
        caller.send(0, 0x1111, 5, 0, new byte[0], 0); // no payload
        caller.send(0, 0x1111, 6, 0, new byte[4000], 0); // not telephone audio
        assertEquals(0, caller.errors());
        assertEquals(5, caller.delivered, "what parses is passed on, recorded or not");
        assertEquals(5, rec.recorder().packetsIgnored());

        // a tap in a pipeline without parsing (misplaced): unparsed packets pass through unrecorded
        CallRecording other = recordings.open("call-2");
        MediaPipeline raw = MediaPipeline.builder("unparsed").then(other.callerTap()).sink(new SinkStage("out") {
            @Override
            protected io.toneguard.media.pipeline.DropReason consume(PacketContext p) {
                return io.toneguard.media.pipeline.DropReason.NONE;
            }
        });
        raw.receive(new PacketContext().reset(io.netty.buffer.Unpooled.wrappedBuffer(
                RtpPackets.rtp(0, false, 1, 0, 1, new byte[160])), null, T0));
        assertEquals(0, raw.errors());
        assertEquals(1, other.recorder().packetsIgnored());
        other.close();

        short[] audio = talk(caller, MU, 440, 5, 20, 0); // and it records on as normal
        StereoWav wav = finish();
        assertArrayEquals(audio, slice(wav.left(), 160, 800));
        assertTrue(silent(wav.left(), 0, 160));
    }

    @Test
    void aLongSilenceIsWrittenWithoutHoldingItInMemory() throws Exception {
        byte[] c = TapDriver.tone(MU, 440, 0, 160);
        caller.send(MU, 1, 0, c, 0);
        caller.send(MU, 2, 160, c, 120_000); // the caller was on hold for two minutes
        StereoWav wav = finish();
        assertEquals(120 * 8000 + 160, wav.frames());
        assertTrue(silent(wav.left(), 160, 960_000));
        assertArrayEquals(TapDriver.decode(MU, c), slice(wav.left(), 960_000, 160));
    }

    @Test
    void theHeaderIsKeptCurrentWhileTheCallRuns() throws Exception {
        talk(caller, MU, 440, 400, 0, 0); // 8 s
        assertTrue(recordings.syncWriter(5000));
        byte[] bytes = Files.readAllBytes(rec.file());
        int announced = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(40);
        assertTrue(announced >= 5 * 32000 && announced <= bytes.length - 44, "header says " + announced + " of "
                + (bytes.length - 44) + " bytes written");
        assertTrue(bytes.length - 44 < 8 * 32000, "the newest audio is still held for late packets");
        assertFalse(rec.finished().isDone());
        StereoWav wav = finish();
        assertEquals(400 * 160, wav.frames());
    }

    @Test
    void closingWhilePacketsStillArriveLeavesAProperFile() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        Thread media = new Thread(() -> {
            try {
                byte[] c = TapDriver.tone(MU, 440, 0, 160);
                for (int i = 0; i < 20_000; i++) {
                    caller.send(MU, i, 160L * i, c, 20.0 * i);
                    agent.send(A, i, 160L * i, c, 20.0 * i + 1);
                    sent.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        media.start();
        while (sent.get() < 500) {
            Thread.onSpinWait();
        }
        rec.close(); // from another thread, mid-call
        media.join();
        rec.finished().get(10, TimeUnit.SECONDS);
        assertNull(failure.get());
        assertEquals(0, caller.errors() + agent.errors());
        assertEquals(20_000, caller.delivered, "closing the recording never stops the media");
        StereoWav wav = StereoWav.read(rec.file());
        long recorded = rec.recorder().packetsRecorded()[0];
        assertTrue(recorded >= 500 && recorded < 20_000, "recorded " + recorded);
        assertTrue(wav.frames() >= recorded * 160 - 200 && wav.frames() <= recorded * 160 + 200,
                wav.frames() + " frames for " + recorded + " packets");
    }

    @Test
    void whenTheDiskFallsBehindBlocksBecomeSilenceOfTheSameLength() throws Exception {
        recordings.close();
        recordings = start(1); // no room at all for queued audio
        rec = recordings.open("slow-disk");
        caller = new TapDriver("caller->agent", rec.callerTap(), 0x1111);
        agent = new TapDriver("agent->caller", rec.agentTap(), 0x2222);
        talk(caller, MU, 440, 100, 0, 0);
        StereoWav wav = finish();
        assertEquals(100 * 160, wav.frames(), "the timeline is kept");
        assertTrue(silent(wav.left(), 0, wav.frames()));
        assertTrue(recordings.writerOverruns() > 0);
    }
}
