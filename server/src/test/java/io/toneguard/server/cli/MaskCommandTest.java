package io.toneguard.server.cli;

import io.toneguard.dtmf.testing.DebianPackages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavReader;
import io.toneguard.server.ToneGuardMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskCommandTest {
    private static final String KEYS = "0123456789*#ABCD";
    private static final Pattern SUMMARY =
            Pattern.compile(".*: (\\d+) ms of audio, (\\d+) ms masked \\((\\d+\\.\\d)%\\), delay ([\\d.]+) ms, mode ([a-z-]+)");

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return ToneGuardMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path keysFile(WavEncoding e) throws IOException {
        return DtmfTones.write(dir.resolve("in-" + e + ".wav"), e, DtmfTones.keys(KEYS));
    }

    static Stream<Arguments> modesAndEncodings() {
        return Stream.of("flat-tone", "silence", "comfort-noise")
                .flatMap(m -> Stream.of(WavEncoding.values()).map(e -> Arguments.of(m, e)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndEncodings")
    void maskedOutputHasTheSameShapeAndNothingDecodable(String mode, WavEncoding e) throws Exception {
        Path in = keysFile(e);
        Path masked = dir.resolve("out.wav");
        assertEquals(1, run("scan", "--sensitive", in.toString()), "the input has tones");
        assertEquals(KEYS.length(), out.toString().lines().count());

        assertEquals(0, run("mask", in.toString(), masked.toString(), "--mode", mode), err.toString());
        assertEquals("", err.toString());
        Matcher m = SUMMARY.matcher(out.toString().strip());
        assertTrue(m.matches(), out.toString());
        assertEquals(1, out.toString().lines().count());
        assertEquals(mode, m.group(5));
        assertEquals("20", m.group(4));
        WavAudio input = WavReader.read(in);
        WavAudio output = WavReader.read(masked);
        assertEquals(input.durationMillis(), Long.parseLong(m.group(1)));
        long maskedMs = Long.parseLong(m.group(2));
        assertTrue(maskedMs >= KEYS.length() * DtmfTones.TONE_MS, "every tone is masked, in full: " + out);
        assertTrue(maskedMs <= KEYS.length() * (DtmfTones.TONE_MS + 30), "and little more: " + out);

        assertEquals(e, output.encoding());
        assertEquals(input.samples().length, output.samples().length);
        assertEquals(Files.size(in), Files.size(masked));

        assertEquals(0, run("scan", "--sensitive", "--reveal", masked.toString()), out.toString());
        assertEquals("", out.toString());
    }

    /** The design's leak oracle: {@code multimon-ng -a DTMF} hears the input's keys and nothing in the output. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndEncodings")
    void multimonFindsNothingInMaskedAudio(String mode, WavEncoding e) throws Exception {
        DebianPackages.ensure("multimon-ng");
        DebianPackages.ensure("sox");
        Path in = keysFile(e);
        Path masked = dir.resolve("out.wav");
        assertEquals(0, run("mask", in.toString(), masked.toString(), "--mode", mode), err.toString());
        assertEquals(KEYS.length(), multimonDigits(in), "the oracle hears the input's keys");
        assertEquals(0, multimonDigits(masked), "the oracle hears nothing in the masked output");
    }

    private static long multimonDigits(Path wav) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("multimon-ng", "-q", "-t", "wav", "-a", "DTMF", wav.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "multimon-ng timed out");
        return text.lines().filter(l -> l.startsWith("DTMF: ")).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PCM16", "ALAW", "MULAW"})
    void audioWithoutTonesComesOutIdentical(String encoding) throws IOException, WavFormatException {
        WavEncoding e = WavEncoding.valueOf(encoding);
        Path in = DtmfTones.write(dir.resolve("hum.wav"), e, DtmfTones.withHum(new short[12_345]));
        Path masked = dir.resolve("masked.wav");
        assertEquals(0, run("mask", in.toString(), masked.toString()));
        assertTrue(out.toString().contains(" 0 ms masked (0.0%)"), out.toString());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(masked));
    }

    @Test
    void audioAwayFromTheTonesIsKeptInPlace() throws IOException, WavFormatException {
        short[] samples = DtmfTones.withHum(DtmfTones.keys("159"));
        Path in = DtmfTones.write(dir.resolve("hum-keys.wav"), WavEncoding.PCM16, samples);
        Path masked = dir.resolve("masked.wav");
        assertEquals(0, run("mask", in.toString(), masked.toString(), "--mode", "silence"));
        short[] outSamples = WavReader.read(masked).samples();
        int lead = DtmfTones.samples(DtmfTones.LEAD_MS);
        int step = DtmfTones.samples(DtmfTones.TONE_MS + DtmfTones.GAP_MS);
        int tone = DtmfTones.samples(DtmfTones.TONE_MS);
        // masking may start a detector window plus the pre-margin before a tone (a window that only
        // partly covers the tone can already look suspicious) and ends the post-margin after it
        int before = DtmfTones.samples(MaskerSettings.MIN_DELAY_MILLIS);
        int after = DtmfTones.samples(30);
        boolean[] nearATone = new boolean[samples.length];
        for (int k = 0; k < 3; k++) {
            int start = lead + k * step;
            for (int i = start - before; i < start + tone + after; i++) {
                nearATone[i] = true;
            }
        }
        for (int i = 0; i < samples.length; i++) {
            if (!nearATone[i]) {
                assertEquals(samples[i], outSamples[i], "sample " + i + " is unchanged and not shifted");
            }
        }
        for (int k = 0; k < 3; k++) {
            int start = lead + k * step;
            for (int i = start; i < start + tone; i++) {
                assertEquals(0, outSamples[i], "tone sample " + i + " is silenced");
            }
        }
    }

    @Test
    void theShortestDelayStillMasksEverything() throws IOException {
        Path in = keysFile(WavEncoding.MULAW);
        Path masked = dir.resolve("fast.wav");
        String min = Double.toString(MaskerSettings.MIN_DELAY_MILLIS);
        assertEquals(0, run("mask", "--delay-ms", min, in.toString(), masked.toString()), err.toString());
        assertTrue(out.toString().contains("delay " + min + " ms"), out.toString());
        assertEquals("", err.toString());
        assertEquals(0, run("scan", "--sensitive", masked.toString()), out.toString());
    }

    @Test
    void aLongerDelayAlsoKeepsLengthAndAlignment() throws IOException, WavFormatException {
        Path in = DtmfTones.write(dir.resolve("hum.wav"), WavEncoding.ALAW, DtmfTones.withHum(new short[4000]));
        Path masked = dir.resolve("masked.wav");
        assertEquals(0, run("mask", "--delay-ms", "200", in.toString(), masked.toString()));
        assertArrayEquals(WavReader.read(in).samples(), WavReader.read(masked).samples());
    }

    @Test
    void anEmptyFileIsMaskedToAnEmptyFile() throws IOException, WavFormatException {
        Path in = DtmfTones.write(dir.resolve("empty.wav"), WavEncoding.PCM16, new short[0]);
        Path masked = dir.resolve("masked.wav");
        assertEquals(0, run("mask", in.toString(), masked.toString()), err.toString());
        assertEquals(0, WavReader.read(masked).samples().length);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {"--delay-ms", "5"}, "--delay-ms"),
                Arguments.of(new String[] {"--delay-ms", "17"}, "17.5"),
                Arguments.of(new String[] {"--delay-ms", "201"}, "200"),
                Arguments.of(new String[] {"--delay-ms", "NaN"}, "--delay-ms"),
                Arguments.of(new String[] {"--delay-ms", "soon"}, "--delay-ms"),
                Arguments.of(new String[] {"--mode", "loud"}, "flat-tone, silence or comfort-noise"),
                Arguments.of(new String[] {"--mode"}, "--mode"),
                Arguments.of(new String[] {"--volume", "3"}, "--volume"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsExitTwoWithAClearMessageAndWriteNothing(String[] options, String expected) throws IOException {
        Path in = keysFile(WavEncoding.PCM16);
        Path masked = dir.resolve("masked.wav");
        String[] args = Stream.concat(Stream.of("mask", in.toString(), masked.toString()), Stream.of(options))
                .toArray(String[]::new);
        assertEquals(2, run(args));
        assertTrue(err.toString().contains(expected), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(Files.exists(masked));
    }

    @Test
    void bothFilesAreRequired() throws IOException {
        assertEquals(2, run("mask", keysFile(WavEncoding.PCM16).toString()));
        assertTrue(err.toString().contains("OUT.wav"), err.toString());
    }

    @Test
    void badInputExitsTwoNamingTheFile() throws IOException {
        Path wide = DtmfTones.write(dir.resolve("wide.wav"), WavEncoding.PCM16, new short[100]);
        byte[] b = Files.readAllBytes(wide);
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(24, 16000);
        Files.write(wide, b);
        Path masked = dir.resolve("masked.wav");
        assertEquals(2, run("mask", wide.toString(), masked.toString()));
        assertEquals("toneguard: " + wide + ": expected 8000 Hz audio, found 16000 Hz", err.toString().strip().split(" \\(")[0]);
        assertFalse(Files.exists(masked));

        assertEquals(2, run("mask", dir.resolve("missing.wav").toString(), masked.toString()));
        assertEquals("toneguard: " + dir.resolve("missing.wav") + ": no such file", err.toString().strip());
    }

    @Test
    void unwritableOutputExitsTwoNamingTheFile() throws IOException {
        Path out = dir.resolve("no/such/dir/masked.wav");
        assertEquals(2, run("mask", keysFile(WavEncoding.PCM16).toString(), out.toString()));
        assertTrue(err.toString().startsWith("toneguard: " + out + ": cannot write: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
