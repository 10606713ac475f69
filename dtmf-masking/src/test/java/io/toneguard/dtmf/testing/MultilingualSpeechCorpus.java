package io.toneguard.dtmf.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Speech beyond the English corpus, for talk-off: other speakers, other languages, and synthetic
 * voices whose steady pitch and formants are harder on a tone detector than a human voice.
 *
 * <ul>
 * <li>{@code es-co}: Debian's asterisk-prompt-es-co, Colombian Spanish, a male speaker (GSM);</li>
 * <li>{@code fr-armelle}: asterisk-prompt-fr-armelle, French, a female speaker (GSM);</li>
 * <li>{@code it-menardi}: asterisk-prompt-it-menardi-wav, Italian, a female speaker;</li>
 * <li>{@code espeak-ng}: espeak-ng reading contact-centre text in 15 languages (tonal ones
 * included), each in three voices spanning low to high pitch and slow to fast speech.</li>
 * </ul>
 *
 * Every file is converted once with sox to 8 kHz 16-bit mono WAV under {@code target/speech-corpus},
 * so the test reads what a telephone leg carries. {@link #pitchShifted} gives a part's speakers a
 * few semitones higher or lower (sox {@code pitch}, tempo kept): every voice harmonic moves across
 * the DTMF frequencies, so a detector that passes those has not merely been tuned to these files.
 */
public final class MultilingualSpeechCorpus {
    /** One corpus: its name and its converted 8 kHz files. */
    public record Part(String name, List<Path> files) {
    }

    /** espeak-ng voice variants with pitch (0-99) and words per minute: low/slow, mid, high/fast. */
    private static final String[][] ESPEAK_VOICES = {
        {"m3", "25", "135"},
        {"f2", "60", "175"},
        {"f4", "85", "220"},
    };

    private static final Path CACHE = Path.of("target", "speech-corpus");

    private MultilingualSpeechCorpus() {
    }

    /** Every part, in a stable order. */
    public static List<Part> parts() {
        DebianPackages.ensure("sox");
        return List.of(
                prompts("es-co", "asterisk-prompt-es-co", "/usr/share/asterisk/sounds/es", ".gsm", 250),
                prompts("fr-armelle", "asterisk-prompt-fr-armelle", "/usr/share/asterisk/sounds/fr", ".gsm", 300),
                prompts("it-menardi", "asterisk-prompt-it-menardi-wav", "/usr/share/asterisk/sounds/it_IT_f_Menardi", ".wav", 500),
                espeak());
    }

    /**
     * A part's files end to end, shifted by {@code cents} (100 to a semitone), as 8 kHz samples.
     */
    public static short[] pitchShifted(Part part, int cents) {
        List<String> command = new ArrayList<>(List.of("sox", "--combine", "concatenate"));
        part.files().forEach(f -> command.add(f.toString()));
        command.addAll(List.of("-t", "raw", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-",
                "pitch", Integer.toString(cents)));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] raw = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0 || raw.length == 0) {
                throw new IllegalStateException("sox could not pitch-shift " + part.name() + " by " + cents + " cents");
            }
            short[] pcm = new short[raw.length / 2];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pitch-shifting the corpus", e);
        }
    }

    private static Part prompts(String name, String pkg, String dir, String suffix, int atLeast) {
        DebianPackages.ensure(pkg);
        Path source = Path.of(dir);
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(source)) {
            inputs = s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (inputs.size() < atLeast) {
            throw new IllegalStateException("expected the whole corpus in " + dir + ", found " + inputs.size() + " files");
        }
        Path out = CACHE.resolve(name);
        List<Path> files = new ArrayList<>();
        List<String> script = new ArrayList<>();
        for (Path in : inputs) {
            Path wav = out.resolve(source.relativize(in).toString().replace('/', '_').replaceAll("\\.[a-z0-9]+$", ".wav"));
            files.add(wav);
            if (!Files.exists(wav)) {
                script.add(sox(in.toString(), wav));
            }
        }
        runAll(out, script);
        return new Part(name, files);
    }

    private static Part espeak() {
        DebianPackages.ensure("espeak-ng");
        Path out = CACHE.resolve("espeak-ng");
        List<Path> files = new ArrayList<>();
        List<String> script = new ArrayList<>();
        for (String[] line : texts()) {
            String voice = line[0];
            for (String[] v : ESPEAK_VOICES) {
                Path wav = out.resolve(voice + "+" + v[0] + "-p" + v[1] + "-s" + v[2] + ".wav");
                files.add(wav);
                if (!Files.exists(wav)) {
                    Path raw = out.resolve(wav.getFileName() + ".22k.wav");
                    script.add("espeak-ng -v " + quote(voice + "+" + v[0]) + " -p " + v[1] + " -s " + v[2]
                            + " -w " + quote(raw.toString()) + " " + quote(line[1])
                            + " && " + sox(raw.toString(), wav) + " && rm -f " + quote(raw.toString()));
                }
            }
        }
        runAll(out, script);
        return new Part("espeak-ng", files);
    }

    private static List<String[]> texts() {
        List<String[]> texts = new ArrayList<>();
        try (InputStream in = MultilingualSpeechCorpus.class.getResourceAsStream("espeak-texts.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int bar = line.indexOf('|');
                    texts.add(new String[] {line.substring(0, bar), line.substring(bar + 1)});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** A sox command that writes what a telephone leg carries (8 kHz, 16-bit, mono), whole or not at all. */
    private static String sox(String in, Path wav) {
        String part = wav.toString().replaceAll("\\.wav$", ".part.wav");
        return "sox " + quote(in) + " -r 8000 -c 1 -b 16 -e signed-integer " + quote(part) + " && mv " + quote(part) + " " + quote(wav.toString());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs the conversions in one shell, failing on the first that fails. */
    private static void runAll(Path dir, List<String> commands) {
        if (commands.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("convert.sh");
            Files.writeString(script, "set -e\n" + String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("converting the corpus in " + dir + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting the corpus", e);
        }
    }
}
