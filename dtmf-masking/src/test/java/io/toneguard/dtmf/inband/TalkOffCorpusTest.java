package io.toneguard.dtmf.inband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ToneMasker;
import io.toneguard.dtmf.testing.RecordingListener;
import io.toneguard.dtmf.testing.SpeechCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Talk-off on real recorded speech: all 568 prompts (about 25 minutes) of Debian's
 * asterisk-core-sounds-en-wav. The detector must report no digit at all, and the masker must
 * touch well under 1% of the speech.
 */
class TalkOffCorpusTest {
    @Test
    void noFalseDigitsAndLittleSpeechMaskedOnTheWholeCorpus() {
        List<Path> files = SpeechCorpus.files();
        long samples = 0;
        long masked = 0;
        List<String> falseDigits = new ArrayList<>();
        short[] out = new short[160];
        for (Path f : files) {
            short[] pcm = SpeechCorpus.read(f);
            RecordingListener heard = new RecordingListener();
            ToneMasker masker = new ToneMasker(MaskerSettings.DEFAULT, heard);
            for (int off = 0; off < pcm.length; off += 160) {
                masker.process(pcm, off, Math.min(160, pcm.length - off), out, 0);
            }
            masker.finish();
            samples += pcm.length;
            masked += masker.maskedSamples();
            if (!heard.presses.isEmpty()) {
                falseDigits.add(f.getFileName() + " (" + heard.presses.size() + ")");
            }
        }
        double seconds = samples / 8000.0;
        double maskedPercent = 100.0 * masked / samples;
        System.out.printf("talk-off corpus: %d files, %.1f s of speech, %d false digits, %.3f%% of speech masked%n",
                files.size(), seconds, falseDigits.size(), maskedPercent);
        assertTrue(seconds > 1400, "the whole corpus (about 25 minutes) must be used");
        assertEquals(List.of(), falseDigits, "false digits on speech");
        assertTrue(maskedPercent < 0.6, "speech touched by the masker: " + maskedPercent + "%");
    }
}
