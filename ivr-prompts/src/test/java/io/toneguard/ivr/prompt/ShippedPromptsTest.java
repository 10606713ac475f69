package io.toneguard.ivr.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped English prompts, file by file, as they are committed: 8 kHz mono 16-bit PCM, long
 * enough to be speech, at the level generate.sh aims for (-19 dBFS RMS), and never clipped.
 * A listen-check is not possible here; this is the next best thing.
 */
class ShippedPromptsTest {
    static final double MIN_RMS_DBFS = -22;
    static final double MAX_RMS_DBFS = -17;
    static final double MAX_PEAK_DBFS = -0.5;
    static final long MAX_TOTAL_BYTES = 3L * 1024 * 1024;

    @Test
    void everyShippedPromptIsTelephoneAudioAtTheTargetLevel() throws Exception {
        PromptSet en = PromptSet.english();
        List<String> problems = new ArrayList<>();
        long totalBytes = 0;
        for (String id : en.ids()) {
            byte[] bytes;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("prompts/en/" + id + ".wav")) {
                bytes = in.readAllBytes();
            }
            totalBytes += bytes.length;
            WavAudio audio = WavReader.read(bytes, 0);
            short[] s = audio.samples();
            double seconds = s.length / 8000.0;
            double rms = dbfs(rms(s));
            double peak = dbfs(peak(s));
            if (audio.sampleRate() != 8000 || audio.encoding() != WavEncoding.PCM16) {
                problems.add(id + ": " + audio.sampleRate() + " Hz " + audio.encoding());
            }
            if (seconds <= 0.2) {
                problems.add(id + String.format(": only %.3f s", seconds));
            }
            if (rms < MIN_RMS_DBFS || rms > MAX_RMS_DBFS) {
                problems.add(id + String.format(": RMS %.1f dBFS", rms));
            }
            if (peak > MAX_PEAK_DBFS) {
                problems.add(id + String.format(": peak %.2f dBFS (clipped?)", peak));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(en.size() >= 100, "prompts: " + en.size());
        assertTrue(totalBytes < MAX_TOTAL_BYTES, "the English set takes " + totalBytes + " bytes");
    }

    static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length);
    }

    static double peak(short[] s) {
        int p = 0;
        for (short v : s) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    /** Relative to full scale 32768, as sox reports it. */
    static double dbfs(double level) {
        return 20 * Math.log10(level / 32768.0);
    }
}
