package io.toneguard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneGuardMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return ToneGuardMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("serve"), out.toString());
        assertTrue(out.toString().contains("config"), out.toString());
        assertTrue(out.toString().contains("scan"), out.toString());
        assertTrue(out.toString().contains("mask"), out.toString());
    }

    @Test
    void configPrintsEffectiveValues() {
        assertEquals(0, run("config"));
        assertTrue(out.toString().contains("portMin: 20000"), out.toString());
    }

    @Test
    void badConfigurationExitsWithTheKeyNamed() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "media:\n  portMinimum: 1\n");
        assertEquals(2, run("serve", "--config", f.toString()));
        assertTrue(err.toString().contains("media.portMinimum"), err.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
    }
}
