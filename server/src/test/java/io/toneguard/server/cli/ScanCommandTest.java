package io.toneguard.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavWriter;
import io.toneguard.server.ToneGuardMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScanCommandTest {
    private static final String CARD = "4111111111111111";
    private static final Pattern LINE = Pattern.compile("(\\d+) (.) (\\d+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return ToneGuardMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private Path wav(String name, WavEncoding e, short[] samples) throws IOException {
        return DtmfTones.write(dir.resolve(name), e, samples);
    }

    @Test
    void findsEveryToneAndPrintsStarsByDefault() throws IOException {
        Path f = wav("card.wav", WavEncoding.PCM16, DtmfTones.keys(CARD));
        assertEquals(1, run("scan", f.toString()), err.toString());
        List<String> lines = lines();
        assertEquals(CARD.length(), lines.size(), out.toString());
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            assertEquals("*", m.group(2), line);
        }
        assertEquals("", err.toString());
    }

    @Test
    void onsetsAndDurationsAreInMilliseconds() throws IOException {
        Path f = wav("keys.wav", WavEncoding.PCM16, DtmfTones.keys("123"));
        assertEquals(1, run("scan", f.toString()));
        List<String> lines = lines();
        assertEquals(3, lines.size(), out.toString());
        for (int k = 0; k < 3; k++) {
            Matcher m = LINE.matcher(lines.get(k));
            assertTrue(m.matches(), lines.get(k));
            double expectedOnset = DtmfTones.LEAD_MS + k * (DtmfTones.TONE_MS + DtmfTones.GAP_MS);
            assertEquals(expectedOnset, Long.parseLong(m.group(1)), 10, lines.get(k));
            assertEquals(DtmfTones.TONE_MS, Long.parseLong(m.group(3)), 15, lines.get(k));
        }
    }

    @ParameterizedTest
    @EnumSource(WavEncoding.class)
    void revealPrintsEveryKeyInOrder(WavEncoding e) throws IOException {
        String keys = "0123456789*#ABCD";
        Path f = wav("all.wav", e, DtmfTones.keys(keys));
        assertEquals(1, run("scan", "--reveal", f.toString()), err.toString());
        String found = lines().stream().map(l -> l.split(" ")[1]).collect(Collectors.joining());
        assertEquals(keys, found);
    }

    @Test
    void sensitiveFindsTheSameTones() throws IOException {
        Path f = wav("card.wav", WavEncoding.MULAW, DtmfTones.keys("5678"));
        assertEquals(1, run("scan", "--sensitive", "--reveal", f.toString()));
        assertEquals("5678", lines().stream().map(l -> l.split(" ")[1]).collect(Collectors.joining()));
    }

    @Test
    void silenceAndHumExitZeroAndPrintNothing() throws IOException {
        Path silent = wav("silent.wav", WavEncoding.PCM16, new short[8000]);
        Path hum = wav("hum.wav", WavEncoding.ALAW, DtmfTones.withHum(new short[16000]));
        assertEquals(0, run("scan", "--sensitive", silent.toString(), hum.toString()));
        assertEquals("", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void severalFilesArePrefixedWithTheirNames() throws IOException {
        Path a = wav("a.wav", WavEncoding.PCM16, DtmfTones.keys("12"));
        Path silent = wav("silent.wav", WavEncoding.PCM16, new short[800]);
        Path b = wav("b.wav", WavEncoding.ALAW, DtmfTones.keys("3"));
        assertEquals(1, run("scan", a.toString(), silent.toString(), b.toString()));
        List<String> lines = lines();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).matches(Pattern.quote(a.toString()) + ": \\d+ \\* \\d+"), lines.get(0));
        assertTrue(lines.get(1).startsWith(a + ": "), lines.get(1));
        assertTrue(lines.get(2).startsWith(b + ": "), lines.get(2));
    }

    @Test
    void aStereoCallRecordingIsScannedChannelByChannel() throws IOException {
        short[] tones = DtmfTones.keys("12");
        short[] interleaved = new short[tones.length * 2];
        for (int i = 0; i < tones.length; i++) {
            interleaved[2 * i + 1] = tones[i]; // right channel (the agent's) only
        }
        byte[] mono = WavWriter.toBytes(new io.toneguard.media.wav.WavAudio(WavEncoding.PCM16, 8000, interleaved));
        Path stereo = dir.resolve("call.wav");
        Files.write(stereo, withFmt(mono, 2, 8000));
        assertEquals(1, run("scan", stereo.toString()));
        assertEquals(2, lines().size(), out.toString());
        for (String line : lines()) {
            assertTrue(line.startsWith("right ") && LINE.matcher(line.substring(6)).matches(), line);
        }
    }

    @Test
    void badFilesGiveOneLineEachAndExitTwoAfterScanningTheOthers() throws IOException {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "this is not audio\n");
        byte[] valid = WavWriter.toBytes(new io.toneguard.media.wav.WavAudio(WavEncoding.PCM16, 8000, DtmfTones.keys("1")));
        Path truncated = dir.resolve("truncated.wav");
        Files.write(truncated, Arrays.copyOf(valid, valid.length / 2));
        Path stereo = dir.resolve("stereo.wav");
        Files.write(stereo, withFmt(valid, 3, 8000));
        Path wide = dir.resolve("wide.wav");
        Files.write(wide, withFmt(valid, 1, 16000));
        Path missing = dir.resolve("missing.wav");
        Path good = wav("good.wav", WavEncoding.PCM16, DtmfTones.keys("9"));

        assertEquals(2, run("scan", text.toString(), truncated.toString(), stereo.toString(), good.toString(),
                wide.toString(), missing.toString(), dir.toString()));

        assertEquals(1, lines().size(), "the good file is still scanned: " + out);
        assertTrue(lines().get(0).startsWith(good + ": "), out.toString());
        List<String> errors = err.toString().lines().toList();
        assertEquals(6, errors.size(), err.toString());
        assertLine(errors.get(0), text, "not a WAV file");
        assertLine(errors.get(1), truncated, "truncated");
        assertLine(errors.get(2), stereo, "mono or stereo");
        assertLine(errors.get(3), wide, "16000 Hz");
        assertLine(errors.get(4), missing, "no such file");
        assertLine(errors.get(5), dir, "");
    }

    @Test
    void oneBadFileAloneExitsTwoWithoutAStackTrace() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertEquals(2, run("scan", text.toString()));
        assertEquals("", out.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertLine(err.toString().strip(), text, "not a WAV file");
    }

    @Test
    void aFileIsRequired() {
        assertEquals(2, run("scan"));
        assertTrue(err.toString().contains("FILE"), err.toString());
    }

    @Test
    void helpDocumentsTheOutputAndExitStatus() {
        assertEquals(0, run("scan", "--help"));
        assertTrue(out.toString().contains("<onset_ms> <digit> <duration_ms>"), out.toString());
        assertTrue(out.toString().contains("--reveal"), out.toString());
        assertTrue(out.toString().contains("Exit status"), out.toString());
    }

    private static void assertLine(String line, Path file, String reason) {
        assertTrue(line.startsWith("toneguard: " + file + ": "), line);
        assertTrue(line.contains(reason), line);
        assertFalse(line.contains("Exception"), line);
    }

    /** The file with its fmt chunk (written by WavWriter, right after the RIFF header) saying other channels and rate. */
    private static byte[] withFmt(byte[] wav, int channels, int rate) {
        byte[] b = wav.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(22, (short) channels).putInt(24, rate);
        return b;
    }
}
