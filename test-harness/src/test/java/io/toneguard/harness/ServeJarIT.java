package io.toneguard.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, for real: the packaged jar starts, serves, and stops cleanly. */
@IntegrationTest
class ServeJarIT {
    @TempDir
    Path dir;

    @Test
    void helpListsCommands() throws Exception {
        try (ToneGuardProcess p = ToneGuardProcess.start("--help")) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)));
            assertTrue(p.output().contains("serve"), p.output());
        }
    }

    @Test
    void servesOnEmbeddedDefaultsAndStopsOnSigterm() throws Exception {
        try (ToneGuardProcess p = ToneGuardProcess.start("serve")) {
            assertTrue(p.awaitLine("ToneGuard ready", Duration.ofSeconds(30)), p.output());
            p.stop(Duration.ofSeconds(15));
            assertTrue(p.output().contains("ToneGuard stopped"), p.output());
        }
    }

    @Test
    void refusesAConfigurationWithAnUnknownKey() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "media:\n  bindAdress: 127.0.0.1\n");
        try (ToneGuardProcess p = ToneGuardProcess.start("serve", "--config", cfg.toString())) {
            assertEquals(2, p.waitFor(Duration.ofSeconds(30)));
            assertTrue(p.output().contains("media.bindAdress"), p.output());
        }
    }

    @Test
    void aConfigFileOverridesTheDefaults() throws Exception {
        Path cfg = dir.resolve("ok.yaml");
        Files.writeString(cfg, "media:\n  portMin: 33000\n  portMax: 33099\napi:\n  port: 0\n");
        try (ToneGuardProcess p = ToneGuardProcess.start("serve", "--config", cfg.toString())) {
            assertTrue(p.awaitLine("ToneGuard ready", Duration.ofSeconds(30)), p.output());
            assertTrue(p.output().contains("ports 33000-33099 (50 pairs"), p.output());
            p.stop(Duration.ofSeconds(15));
        }
    }
}
