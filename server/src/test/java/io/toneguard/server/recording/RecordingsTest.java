package io.toneguard.server.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.g711.G711Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: start-up checks of the folder, file names, and shutting down with calls still open. */
class RecordingsTest {
    @TempDir
    Path dir;

    private RecordingSettings settings(RecordingMode mode, Path folder) {
        return new RecordingSettings(mode, folder, WebhookSettings.NONE);
    }

    @Test
    void aFolderThatCannotBeUsedFailsAtStartUpNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Recordings.start(settings(RecordingMode.PAUSE_RESUME, file)));
        assertTrue(e.getMessage().contains("recording folder " + file.toAbsolutePath()), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> Recordings.start(settings(RecordingMode.CONTINUOUS_MASKED, file.resolve("below"))));
        assertTrue(e.getMessage().contains("cannot be created"), e.getMessage());
        Recordings.start(settings(RecordingMode.OFF, file)).close(); // off: the folder is not needed
    }

    @Test
    void aMissingFolderIsCreated() {
        Path folder = dir.resolve("data/recordings");
        try (Recordings r = Recordings.start(settings(RecordingMode.PAUSE_RESUME, folder))) {
            assertTrue(Files.isDirectory(folder));
            assertEquals(RecordingMode.PAUSE_RESUME, r.mode());
        }
    }

    @Test
    void fileNamesStayInsideTheFolderAndNeverCollide() throws Exception {
        assertEquals("call_.._.._etc_passwd", Recordings.fileBase("call/../../etc/passwd"));
        assertEquals("call..hidden", Recordings.fileBase("..hidden"));
        assertEquals("call", Recordings.fileBase(""));
        assertEquals("a_b_c-1.2", Recordings.fileBase("a b@c-1.2"));
        assertEquals(120, Recordings.fileBase("x".repeat(500)).length());
        try (Recordings r = Recordings.start(settings(RecordingMode.PAUSE_RESUME, dir))) {
            CallRecording a = r.open("../same");
            CallRecording b = r.open("../same");
            assertEquals("call.._same.wav", a.file().getFileName().toString());
            assertEquals("call.._same-1.wav", b.file().getFileName().toString());
            assertEquals(dir, a.file().getParent());
        }
    }

    @Test
    void closingRecordingsFinishesEveryOpenCall() throws Exception {
        Recordings r = Recordings.start(settings(RecordingMode.PAUSE_RESUME, dir));
        CallRecording a = r.open("a");
        CallRecording b = r.open("b");
        TapDriver feed = new TapDriver("a", a.callerTap(), 1);
        for (int i = 0; i < 20; i++) {
            feed.send(G711Codec.MU_LAW, i, 160L * i, TapDriver.tone(G711Codec.MU_LAW, 300, 160 * i, 160), 20.0 * i);
        }
        assertEquals(2, r.openCalls());
        r.close();
        assertTrue(a.finished().isDone() && b.finished().isDone());
        assertEquals(0, r.openCalls());
        assertTrue(StereoWav.read(a.file()).frames() > 0);
        assertEquals(0, StereoWav.read(b.file()).frames());
        assertThrows(IllegalStateException.class, () -> r.open("c"));
    }

    @Test
    void aCallWhoseFileCannotBeCreatedGoesOnUnrecorded() throws Exception {
        Path folder = dir.resolve("rec");
        try (Recordings r = Recordings.start(settings(RecordingMode.PAUSE_RESUME, folder))) {
            Files.delete(folder);
            Files.writeString(folder, "the folder was replaced by a file");
            CallRecording rec = r.open("call-1");
            assertFalse(rec.recording());
            assertNull(rec.file());
            assertEquals(1, r.openFailures());
            TapDriver feed = new TapDriver("a", rec.callerTap(), 1);
            feed.send(G711Codec.MU_LAW, 1, 0, new byte[160], 0);
            assertEquals(1, feed.delivered, "media goes on");
            rec.close();
            rec.finished().get(1, TimeUnit.SECONDS);
        }
    }
}
