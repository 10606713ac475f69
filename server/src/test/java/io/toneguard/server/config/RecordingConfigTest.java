package io.toneguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.server.recording.RecordingEvent;
import io.toneguard.server.recording.RecordingMode;
import io.toneguard.server.recording.RecordingSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code recording} section: defaults, overrides, and errors that name the key. */
class RecordingConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private ToneGuardConfig load(String text) throws IOException {
        Path f = dir.resolve("toneguard.yaml");
        Files.writeString(f, text);
        return loader.load(f);
    }

    private String keyOf(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).key();
    }

    @Test
    void defaultsRecordPauseResumeIntoDataRecordingsWithoutWebhooks() {
        RecordingSettings s = loader.defaults().recording().toSettings(n -> null);
        assertEquals(RecordingMode.PAUSE_RESUME, s.mode());
        assertEquals(Path.of("data/recordings"), s.folder());
        assertFalse(s.webhook().enabled());
        assertEquals(EnumSet.allOf(RecordingEvent.class), s.webhook().events());
        assertEquals(3, s.webhook().attempts());
        assertEquals(Duration.ofMillis(500), s.webhook().backoff());
        assertEquals(Duration.ofMillis(2000), s.webhook().timeout());
    }

    @Test
    void aFileSetsModeFolderAndWebhooks() throws IOException {
        ToneGuardConfig c = load("""
                recording:
                  mode: continuous-masked
                  folder: /var/lib/toneguard/rec
                  webhook:
                    urls: ["https://rec.example/hook", "http://10.0.0.9:8080/pause"]
                    events: [paused, resumed]
                    attempts: 5
                    bearerToken: "env:PATH"  # set in any environment, so loading succeeds
                    headers:
                      X-Tenant: acme
                """);
        RecordingSettings s = c.recording().toSettings(n -> n.equals("PATH") ? "t0k" : null);
        assertEquals(RecordingMode.CONTINUOUS_MASKED, s.mode());
        assertEquals(Path.of("/var/lib/toneguard/rec"), s.folder());
        assertEquals(List.of(URI.create("https://rec.example/hook"), URI.create("http://10.0.0.9:8080/pause")), s.webhook().urls());
        assertEquals(EnumSet.of(RecordingEvent.PAUSED, RecordingEvent.RESUMED), s.webhook().events());
        assertEquals(5, s.webhook().attempts());
        assertEquals(500, s.webhook().backoff().toMillis(), "untouched keys keep their defaults");
        assertEquals(Map.of("X-Tenant", "acme", "Authorization", "Bearer t0k"), s.webhook().headers());
        assertTrue(loader.toYaml(c).contains("bearerToken: \"env:PATH\""), "an env reference is shown as it is");
    }

    @Test
    void aSecretWrittenInTheFileIsNotPrinted() throws IOException {
        ToneGuardConfig c = load("recording:\n  webhook:\n    bearerToken: plain-secret\n");
        String yaml = loader.toYaml(c);
        assertFalse(yaml.contains("plain-secret"), yaml);
        assertTrue(yaml.contains("recording:"), yaml);
    }

    @Test
    void badValuesNameTheirKey() {
        assertEquals("recording.mode", keyOf("recording:\n  mode: sometimes\n"));
        assertEquals("recording.folder", keyOf("recording:\n  folder: ''\n"));
        assertEquals("recording.folder", keyOf("recording:\n  folder: '" + dir.resolve("toneguard.yaml") + "'\n"));
        assertEquals("recording.webhook.urls[1]", keyOf("recording:\n  webhook:\n    urls: [\"https://a/x\", \"ftp://b/y\"]\n"));
        assertEquals("recording.webhook.urls[0]", keyOf("recording:\n  webhook:\n    urls: [\"not a url\"]\n"));
        assertEquals("recording.webhook.events", keyOf("recording:\n  webhook:\n    events: [paused, exploded]\n"));
        assertEquals("recording.webhook.attempts", keyOf("recording:\n  webhook:\n    attempts: 0\n"));
        assertEquals("recording.webhook.backoffMillis", keyOf("recording:\n  webhook:\n    backoffMillis: -1\n"));
        assertEquals("recording.webhook.timeoutMillis", keyOf("recording:\n  webhook:\n    timeoutMillis: 0\n"));
        assertEquals("recording.webhook.headers.Host", keyOf("recording:\n  webhook:\n    headers:\n      Host: x\n"));
        assertEquals("recording.webhook.bearerToken", keyOf(
                "recording:\n  webhook:\n    urls: [\"https://a/x\"]\n    bearerToken: \"env:TONEGUARD_TEST_SURELY_UNSET\"\n"));
        assertEquals("recording.webhook.retries", keyOf("recording:\n  webhook:\n    retries: 3\n"));
        assertEquals("recording.modes", keyOf("recording:\n  modes: off\n"));
        assertEquals("recording.webhook.attempts", keyOf("recording:\n  webhook:\n    attempts: lots\n"));
    }
}
