package io.toneguard.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("toneguard.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void embeddedDefaultsAreValid() {
        ToneGuardConfig c = loader.defaults();
        assertEquals("127.0.0.1", c.media().bindAddress());
        assertEquals(20000, c.media().portMin());
        assertEquals(29999, c.media().portMax());
        assertEquals(2, c.media().latch().probationPackets());
        assertEquals(20000, c.media().toTransportConfig().portMin());
    }

    @Test
    void aFileOverridesOnlyTheKeysItGives() throws IOException {
        ToneGuardConfig c = loader.load(yaml("media:\n  portMin: 40000\n  portMax: 40999\n  latch:\n    probationPackets: 4\n"));
        assertEquals(40000, c.media().portMin());
        assertEquals(40999, c.media().portMax());
        assertEquals(4, c.media().latch().probationPackets());
        assertEquals(1000, c.media().latch().relatchAfterSilenceMillis());
        assertEquals("127.0.0.1", c.media().bindAddress());
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        assertEquals(loader.defaults(), loader.load(yaml("")));
    }

    @Test
    void unknownKeysAreNamed() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  prtMin: 3\n")));
        assertEquals("media.prtMin", e.key());
        assertTrue(e.getMessage().contains("portMin"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("medai:\n  portMin: 3\n")));
        assertEquals("medai", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  latch:\n    probation: 3\n")));
        assertEquals("media.latch.probation", e.key());
    }

    @Test
    void wrongTypesAndValuesAreNamed() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: abc\n")));
        assertEquals("media.portMin", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media: 5\n")));
        assertEquals("media", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: 100\n")));
        assertEquals("media.portMin", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: 30000\n  portMax: 20000\n")));
        assertEquals("media.portMax", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  bindAddress: 'not an address!'\n")));
        assertEquals("media.bindAddress", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  latch:\n    probationPackets: 0\n")));
        assertEquals("media.latch.probationPackets", e.key());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  dscp: 99\n")));
        assertEquals("media.dscp", e.key());
    }

    @Test
    void maskingSettingsAreValidated() throws IOException {
        ToneGuardConfig c = loader.load(yaml("masking:\n  delayMillis: 25\n  replacement: comfort-noise\n"));
        assertEquals(25, c.masking().toMaskerSettings().delayMillis());
        assertEquals(io.toneguard.dtmf.mask.ReplacementMode.COMFORT_NOISE, c.masking().toMaskerSettings().mode());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  delayMillis: 10\n")));
        assertEquals("masking.delayMillis", e.key());
        assertTrue(e.getMessage().contains("17.5"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  replacement: beep\n")));
        assertEquals("masking.replacement", e.key());
        assertTrue(e.getMessage().contains("flat-tone"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("masking:\n  postMarginMillis: -1\n")));
        assertEquals("masking.postMarginMillis", e.key());
    }

    @Test
    void brokenYamlAndMissingFilesGiveAClearError() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml("media:\n  portMin: [\n")));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("missing.yaml")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> loader.load(yaml("- a\n- b\n")));
        assertTrue(e.getMessage().contains("mapping"), e.getMessage());
    }

    @Test
    void effectiveConfigurationPrintsAsYamlThatLoadsBack() throws IOException {
        ToneGuardConfig c = loader.load(yaml("media:\n  ioThreads: 3\n"));
        String printed = loader.toYaml(c);
        assertEquals(c, loader.load(yaml(printed)));
    }
}
