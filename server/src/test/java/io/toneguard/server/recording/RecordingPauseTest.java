package io.toneguard.server.recording;

import static io.toneguard.server.recording.StereoWav.silent;
import static io.toneguard.server.recording.StereoWav.slice;
import static io.toneguard.server.recording.TapDriver.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toneguard.media.g711.G711Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause/resume and continuous-masked modes: the audio, and the sidecar of events. */
class RecordingPauseTest {
    private static final G711Codec MU = G711Codec.MU_LAW;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(T0);
    private Recordings recordings;

    @AfterEach
    void close() {
        if (recordings != null) {
            recordings.close();
        }
    }

    private CallRecording open(RecordingMode mode) {
        recordings = Recordings.start(new RecordingSettings(mode, dir, WebhookSettings.NONE), nanos::get,
                Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), RecordingWriter.DEFAULT_BUDGET_BYTES);
        return recordings.open("call-9");
    }

    /** Three seconds of audio both ways; {@code atPacket} runs before packet i is sent, with the clock at its arrival. */
    private static short[][] converse(CallRecording rec, java.util.function.IntConsumer atPacket) {
        TapDriver caller = new TapDriver("c", rec.callerTap(), 1);
        TapDriver agent = new TapDriver("a", rec.agentTap(), 2);
        short[][] heard = {new short[24_000], new short[24_000]};
        for (int i = 0; i < 150; i++) {
            atPacket.accept(i);
            byte[] c = TapDriver.tone(MU, 440, i * 160, 160);
            byte[] a = TapDriver.tone(MU, 620, i * 160, 160);
            caller.send(MU, i, 160L * i, c, 20.0 * i);
            agent.send(MU, i, 160L * i, a, 20.0 * i);
            System.arraycopy(TapDriver.decode(MU, c), 0, heard[0], i * 160, 160);
            System.arraycopy(TapDriver.decode(MU, a), 0, heard[1], i * 160, 160);
        }
        return heard;
    }

    private void at(double millis) {
        nanos.set(T0 + (long) (millis * 1_000_000));
    }

    private static StereoWav done(CallRecording rec) throws Exception {
        rec.finished().get(10, TimeUnit.SECONDS);
        return StereoWav.read(rec.file());
    }

    private List<JsonNode> sidecar(CallRecording rec) throws Exception {
        rec.finished().get(10, TimeUnit.SECONDS);
        Path side = rec.file().resolveSibling(rec.file().getFileName() + ".events.jsonl");
        assertEquals(side, rec.recorder().sidecarFile());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(side)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static void assertEvent(JsonNode e, String event, long samples, String captureId) {
        assertEquals(event, e.get("event").asText(), e.toString());
        assertEquals(samples, e.get("offsetSamples").asLong(), e.toString());
        assertEquals(samples / 8000.0, e.get("offsetSeconds").asDouble(), 1e-9, e.toString());
        assertEquals("2025-01-02T03:04:05Z", e.get("at").asText());
        if (captureId == null) {
            assertNull(e.get("captureId"), e.toString());
        } else {
            assertEquals(captureId, e.get("captureId").asText());
        }
    }

    @Test
    void pauseResumeSilencesBothChannelsForTheCaptureAndMarksIt() throws Exception {
        CallRecording rec = open(RecordingMode.PAUSE_RESUME);
        short[][] heard = converse(rec, i -> {
            at(20.0 * i);
            if (i == 50) {
                rec.pause("cap-1");
            } else if (i == 100) {
                rec.resume("cap-1");
            }
        });
        at(3000);
        rec.close();
        StereoWav wav = done(rec);
        assertEquals(24_000, wav.frames());
        assertTrue(silent(wav.left(), 8000, 16_000), "caller silent while paused");
        assertTrue(silent(wav.right(), 8000, 16_000), "agent silent while paused");
        assertArrayEquals(slice(heard[0], 0, 8000), slice(wav.left(), 0, 8000));
        assertArrayEquals(slice(heard[1], 16_000, 8000), slice(wav.right(), 16_000, 8000));
        assertEquals(100, rec.recorder().packetsSilenced());

        List<JsonNode> events = sidecar(rec);
        assertEquals(4, events.size());
        assertEvent(events.get(0), "started", 0, null);
        assertEquals("pause-resume", events.get(0).get("mode").asText());
        assertEquals("call-9.wav", events.get(0).get("file").asText());
        assertEvent(events.get(1), "paused", 8000, "cap-1");
        assertEquals("silenced", events.get(1).get("audio").asText());
        assertEvent(events.get(2), "resumed", 16_000, "cap-1");
        assertEvent(events.get(3), "stopped", 24_000, null);
    }

    @Test
    void continuousMaskedModeKeepsTheAudioAndStillMarksThePause() throws Exception {
        CallRecording rec = open(RecordingMode.CONTINUOUS_MASKED);
        short[][] heard = converse(rec, i -> {
            at(20.0 * i);
            if (i == 50) {
                rec.pause("cap-2");
            } else if (i == 100) {
                rec.resume("cap-2");
            }
        });
        rec.close();
        StereoWav wav = done(rec);
        assertArrayEquals(heard[0], wav.left());
        assertArrayEquals(heard[1], wav.right());
        List<JsonNode> events = sidecar(rec);
        assertEvent(events.get(1), "paused", 8000, "cap-2");
        assertEquals("kept", events.get(1).get("audio").asText());
        assertEvent(events.get(2), "resumed", 16_000, "cap-2");
        assertEquals("continuous-masked", events.get(0).get("mode").asText());
    }

    @Test
    void overlappingCapturesKeepThePauseUntilTheLastOneEnds() throws Exception {
        CallRecording rec = open(RecordingMode.PAUSE_RESUME);
        converse(rec, i -> {
            at(20.0 * i);
            switch (i) {
                case 25 -> rec.pause("a");
                case 50 -> {
                    rec.pause("b");
                    rec.pause("b"); // repeated: ignored
                }
                case 75 -> {
                    rec.resume("a");
                    rec.resume("never-paused"); // ignored
                }
                case 100 -> rec.resume("b");
                default -> { }
            }
            if (i == 80) {
                assertTrue(rec.recorder().paused(), "b still pauses the call");
            }
        });
        rec.close();
        StereoWav wav = done(rec);
        assertTrue(silent(wav.left(), 4000, 16_000));
        assertTrue(silent(wav.right(), 4000, 16_000));
        assertFalse(silent(wav.left(), 16_000, 16_160));
        assertFalse(silent(wav.left(), 3840, 4000));
        List<JsonNode> events = sidecar(rec);
        assertEquals(6, events.size(), events.toString());
        assertEvent(events.get(1), "paused", 4000, "a");
        assertEvent(events.get(2), "paused", 8000, "b");
        assertEvent(events.get(3), "resumed", 12_000, "a");
        assertEvent(events.get(4), "resumed", 16_000, "b");
    }

    @Test
    void audioPlacedInsideAPauseIsSilencedEvenWhenItArrivesAfterTheResume() throws Exception {
        CallRecording rec = open(RecordingMode.PAUSE_RESUME);
        TapDriver caller = new TapDriver("c", rec.callerTap(), 1);
        for (int i = 0; i < 150; i++) {
            if (i == 50) {
                at(1000);
                rec.pause("cap-3");
                continue; // packets 50..54 (1000-1100 ms) are held up in the network...
            }
            if (i > 50 && i < 55) {
                continue;
            }
            if (i == 55) {
                at(1100);
                rec.resume("cap-3");
                for (int late = 50; late < 55; late++) { // ...and arrive together at 1105 ms, after the resume
                    caller.send(MU, late, 160L * late, TapDriver.tone(MU, 440, late * 160, 160), 1105);
                }
            }
            caller.send(MU, i, 160L * i, TapDriver.tone(MU, 440, i * 160, 160), 20.0 * i);
        }
        assertEquals(0, rec.recorder().packetsSilenced(), "none arrived while paused");
        rec.close();
        StereoWav wav = done(rec);
        assertTrue(silent(wav.left(), 8000, 8800), "the paused span is silent by position, whenever its audio came");
        assertFalse(silent(wav.left(), 8800, 8960));
        assertFalse(silent(wav.left(), 7840, 8000));
    }

    @Test
    void closingWhilePausedKeepsTheRestSilentAndPauseAfterCloseIsIgnored() throws Exception {
        CallRecording rec = open(RecordingMode.PAUSE_RESUME);
        converse(rec, i -> {
            at(20.0 * i);
            if (i == 140) {
                rec.pause("cap-4");
            }
        });
        rec.close();
        rec.pause("late");
        rec.resume("cap-4");
        StereoWav wav = done(rec);
        assertTrue(silent(wav.left(), 22_400, 24_000));
        assertFalse(silent(wav.left(), 22_240, 22_400));
        List<JsonNode> events = sidecar(rec);
        assertEquals(List.of("started", "paused", "stopped"), events.stream().map(e -> e.get("event").asText()).toList());
    }

    @Test
    void theSidecarCarriesOnlyEventsOffsetsTimesAndPlainIds() throws Exception {
        CallRecording rec = open(RecordingMode.PAUSE_RESUME);
        rec.pause("4111 1111 1111 1111"); // a caller of the API gets it wrong: never written as given
        rec.resume("4111 1111 1111 1111");
        rec.pause("8b6a1c2e-77f0-4c1e-9a51-0d5b3f3e9a10");
        rec.close();
        List<JsonNode> events = sidecar(rec);
        Set<String> keys = new TreeSet<>();
        for (JsonNode e : events) {
            e.fieldNames().forEachRemaining(keys::add);
        }
        assertEquals(Set.of("at", "audio", "captureId", "event", "file", "mode", "offsetSamples", "offsetSeconds"), keys);
        assertEquals(CaptureIds.INVALID, events.get(1).get("captureId").asText());
        assertEquals("8b6a1c2e-77f0-4c1e-9a51-0d5b3f3e9a10", events.get(3).get("captureId").asText());
        String text = Files.readString(rec.recorder().sidecarFile());
        assertFalse(text.contains("4111"), text);
    }

    @Test
    void modeOffRecordsNothingButTheTapsStillPassEveryPacket() throws Exception {
        CallRecording rec = open(RecordingMode.OFF);
        assertFalse(rec.recording());
        assertNull(rec.file());
        TapDriver caller = new TapDriver("c", rec.callerTap(), 1);
        TapDriver agent = new TapDriver("a", rec.agentTap(), 2);
        for (int i = 0; i < 10; i++) {
            caller.send(MU, i, 160L * i, new byte[160], 20.0 * i);
            agent.send(MU, i, 160L * i, new byte[160], 20.0 * i);
        }
        rec.pause("cap");
        rec.resume("cap");
        rec.close();
        assertTrue(rec.finished().isDone());
        assertEquals(10, caller.delivered);
        assertEquals(10, agent.delivered);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no file written");
        }
    }
}
