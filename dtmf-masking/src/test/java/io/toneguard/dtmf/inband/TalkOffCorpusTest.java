package io.toneguard.dtmf.inband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.dtmf.testing.TalkOff;
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
        TalkOff.Result r = TalkOff.measure("en-allison", SpeechCorpus.files());
        System.out.println(r.summary());
        assertTrue(r.seconds() > 1400, "the whole corpus (about 25 minutes) must be used");
        assertEquals(List.of(), r.falseDigits(), "false digits on speech");
        assertTrue(r.maskedPercent() < 0.6, "speech touched by the masker: " + r.maskedPercent() + "%");
    }
}
