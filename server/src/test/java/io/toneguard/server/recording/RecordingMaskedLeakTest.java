package io.toneguard.server.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.dtmf.testing.Multimon;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.SinkStage;
import io.toneguard.media.relay.ParseRtpStage;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.testing.NettyLeakGuard;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A continuous recording of a call full of keypad tones, tapped after the masker, holds no decodable digit. */
class RecordingMaskedLeakTest {
    private static final String CARD = "5454545454545454"; // a test number, in the test only

    @TempDir
    Path dir;

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** The caller's side of the call, in 20 ms PCMU packets, through {@code stages}. */
    private static void call(short[] pcm, MediaStage... stages) {
        MediaPipeline.Builder b = MediaPipeline.builder("caller->agent").then(new ParseRtpStage());
        Stream.of(stages).forEach(b::then);
        MediaPipeline p = b.sink(new SinkStage("agent") {
            @Override
            protected DropReason consume(PacketContext ctx) {
                return DropReason.NONE;
            }
        });
        PacketContext ctx = new PacketContext();
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 4000);
        for (int off = 0, i = 0; off + 160 <= pcm.length; off += 160, i++) {
            ByteBuf buf = Unpooled.buffer(172);
            RtpPacket.writeHeader(buf, false, 0, i, 160L * i, 0xCA11);
            for (int k = 0; k < 160; k++) {
                buf.writeByte(G711Codec.MU_LAW.encode(pcm[off + k]));
            }
            p.receive(ctx.reset(buf, from, TapDriver.T0 + 20_000_000L * i));
            assertEquals(0, p.errors());
        }
    }

    @Test
    void theMaskedSideOfACallOfDigitsRecordsNoDigit() throws Exception {
        Signal s = new Signal(3).silence(300);
        for (char c : CARD.toCharArray()) {
            s.tone(DtmfDigit.ofKey(c), 80, -8).silence(80);
        }
        short[] pcm = s.silence(300).pcm();
        try (Recordings recordings = Recordings.start(new RecordingSettings(RecordingMode.CONTINUOUS_MASKED, dir,
                WebhookSettings.NONE), () -> TapDriver.T0, java.time.Clock.systemUTC(), RecordingWriter.DEFAULT_BUDGET_BYTES)) {
            CallRecording unmasked = recordings.open("control");
            call(pcm, unmasked.callerTap());
            CallRecording masked = recordings.open("masked");
            call(pcm, new MaskToneStage(-1, MaskerSettings.DEFAULT, (digit, source, ts) -> { }), masked.callerTap());
            unmasked.close();
            masked.close();
            unmasked.finished().get(10, TimeUnit.SECONDS);
            masked.finished().get(10, TimeUnit.SECONDS);

            short[] control = StereoWav.read(unmasked.file()).left();
            assertTrue(Multimon.dtmf(control).length >= CARD.length(), "positive control: the tap keeps tones decodable");
            StereoWav recorded = StereoWav.read(masked.file());
            assertTrue(recorded.frames() >= pcm.length - 160, "the whole call is recorded");
            LeakOracles.assertNothingDecodable(recorded.left());
            String sidecar = Files.readString(masked.recorder().sidecarFile());
            assertFalse(sidecar.contains(CARD.substring(12)), sidecar);
        }
    }
}
