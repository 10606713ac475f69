package io.toneguard.dtmf.testing;

import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An independent DTMF decoder as a leak oracle: {@code multimon-ng -a DTMF} (Debian), run on audio. */
public final class Multimon {
    private Multimon() {
    }

    /** The digits multimon-ng finds in 8 kHz audio, as its "DTMF: x" lines' keys. */
    public static char[] dtmf(short[] pcm) {
        DebianPackages.ensure("multimon-ng");
        DebianPackages.ensure("sox"); // multimon-ng reads WAV through sox
        Path wav = null;
        try {
            wav = Files.createTempFile("multimon", ".wav");
            WavWriter.write(wav, new WavAudio(WavEncoding.PCM16, 8000, pcm));
            Process p = new ProcessBuilder("multimon-ng", "-q", "-c", "-a", "DTMF", "-t", "wav", wav.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("multimon-ng failed: " + out);
            }
            List<String> hits = out.lines().filter(l -> l.startsWith("DTMF: ")).toList();
            char[] keys = new char[hits.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = hits.get(i).charAt(6);
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run multimon-ng: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }
}
