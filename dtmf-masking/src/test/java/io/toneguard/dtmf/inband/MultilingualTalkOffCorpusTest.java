package io.toneguard.dtmf.inband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.testing.MultilingualSpeechCorpus;
import io.toneguard.dtmf.testing.TalkOff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Talk-off beyond English: Spanish, French and Italian speakers from Debian's Asterisk prompt
 * packages and espeak-ng voices in 15 languages (see {@link MultilingualSpeechCorpus}), as
 * recorded and shifted 2 and 4 semitones up and down. No corpus may give a false digit, and the
 * masker may touch only a small share of any of them (it hides anything DTMF-like, so it touches
 * more than the detector confirms).
 */
class MultilingualTalkOffCorpusTest {
    /** Pitch shifts, in cents: every voice harmonic sweeps across the DTMF frequencies. */
    private static final int[] SHIFTS = {-400, -200, 200, 400};
    private static final double MAX_MASKED_PERCENT = 2.0;

    @Test
    void noFalseDigitsAndLittleSpeechMaskedOnEveryCorpus() {
        List<TalkOff.Result> results = new ArrayList<>();
        for (MultilingualSpeechCorpus.Part part : MultilingualSpeechCorpus.parts()) {
            results.add(TalkOff.measure(part.name(), part.files()));
            for (int cents : SHIFTS) {
                results.add(TalkOff.measure(part.name() + String.format(" %+d cents", cents),
                        MultilingualSpeechCorpus.pitchShifted(part, cents)));
            }
        }
        double seconds = 0;
        StringBuilder failures = new StringBuilder();
        for (TalkOff.Result r : results) {
            System.out.println(r.summary());
            seconds += r.seconds();
            r.falseDigits().forEach(d -> failures.append(r.corpus()).append(' ').append(d).append('\n'));
            if (r.maskedPercent() >= MAX_MASKED_PERCENT) {
                failures.append(r.corpus()).append(": ").append(String.format("%.3f", r.maskedPercent())).append("% of speech masked\n");
            }
        }
        System.out.printf("talk-off beyond English: %.1f hours of speech in all%n", seconds / 3600);
        assertTrue(seconds > 5 * 3600, "the whole multilingual corpus, shifted too (over five hours), must be used");
        assertEquals("", failures.toString(), "false digits or speech masked");
    }
}
