package io.toneguard.dtmf.testing;

import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real recorded English speech: every WAV file of Debian's {@code asterisk-core-sounds-en-wav}
 * (568 prompts, about 25 minutes, 8 kHz PCM16); `.ci/run` installs it.
 */
public final class SpeechCorpus {
    public static final String PACKAGE = "asterisk-core-sounds-en-wav";
    private static final Path DIR = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

    private SpeechCorpus() {
    }

    /** All the corpus files, sorted by name. */
    public static List<Path> files() {
        DebianPackages.ensure(PACKAGE);
        try (Stream<Path> s = Files.walk(DIR)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            if (files.size() < 500) {
                throw new IllegalStateException("expected the whole corpus in " + DIR + ", found " + files.size() + " files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One prompt's samples. */
    public static short[] read(String name) {
        files();
        return read(DIR.resolve(name));
    }

    public static short[] read(Path file) {
        try {
            return WavReader.read(file).samples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WavFormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
