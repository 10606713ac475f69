package io.toneguard.dtmf.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ReplacementMode;
import io.toneguard.dtmf.mask.ToneMasker;
import io.toneguard.dtmf.inband.InbandListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fragment adversary finds a few milliseconds of any key, and nothing in speech or replacement audio. */
class FragmentAdversaryTest {
    @Test
    void findsFourMillisecondsOfEveryKeyInSilence() {
        for (DtmfDigit d : DtmfDigit.values()) {
            for (int offset = 0; offset < 8; offset += 2) {
                Signal s = new Signal(d.ordinal() * 31 + offset).silence(50).silence(offset / 8.0).tone(d, 4, -10).silence(50);
                assertOneDigit(d, s, "4 ms at +" + offset + " samples");
            }
        }
    }

    @Test
    void findsFiveMillisecondsOfEveryKeyAtAnyOffsetAndLevel() {
        for (DtmfDigit d : DtmfDigit.values()) {
            for (int offset = 0; offset < 8; offset++) {
                double level = -5 - 3 * offset; // -5 to -26 dBm0
                Signal s = new Signal(d.ordinal() * 17 + offset).silence(40).silence(offset / 8.0).tone(d, 5, level).silence(40);
                assertOneDigit(d, s, "5 ms at " + level + " dBm0, +" + offset + " samples");
            }
        }
    }

    @Test
    void findsAFragmentNextToComfortNoiseAndSilenceButNotBelowMinus45Dbm0() {
        Signal s = new Signal(5).silence(30).tone(DtmfDigit.D7, 6, -20).silence(30);
        assertOneDigit(DtmfDigit.D7, s, "6 ms at -20 dBm0");
        Signal quiet = new Signal(5).silence(30).tone(DtmfDigit.D7, 20, -52).silence(30);
        assertEquals(List.of(), FragmentAdversary.decode(quiet.pcm()), "a tone below -45 dBm0 in total is not a hit");
    }

    @Test
    void mergesOneTonesWindowsIntoOneDigitAndSeparatesTwoPresses() {
        Signal s = new Signal(9).silence(50).tone(DtmfDigit.D1, 50, -10).silence(50).tone(DtmfDigit.D1, 50, -10).silence(50);
        List<FragmentAdversary.Detection> found = FragmentAdversary.decode(s.pcm());
        assertEquals(2, found.size(), "two presses: " + found);
    }

    @Test
    void theReplacementAudioIsNoDigit() {
        for (ReplacementMode mode : ReplacementMode.values()) {
            short[] silence = new short[8000];
            short[] out = new short[8000];
            ToneMasker masker = new ToneMasker(MaskerSettings.DEFAULT.withMode(mode), InbandListener.NONE);
            masker.muted(true);
            for (int off = 0; off < silence.length; off += 160) {
                masker.process(silence, off, 160, out, off);
            }
            assertEquals(List.of(), FragmentAdversary.decode(out), mode + " replacement audio");
        }
    }

    @Test
    void findsNothingInTheEnglishSpeechCorpus() {
        List<String> found = new ArrayList<>();
        double seconds = 0;
        for (Path f : SpeechCorpus.files()) {
            short[] pcm = SpeechCorpus.read(f);
            seconds += pcm.length / 8000.0;
            List<FragmentAdversary.Detection> hits = FragmentAdversary.decode(pcm);
            if (!hits.isEmpty()) {
                found.add(f.getFileName() + " " + hits);
            }
        }
        System.out.printf("fragment adversary on the English corpus: %.1f s of speech, %d files with hits%n", seconds, found.size());
        assertTrue(seconds > 1400, "the whole corpus");
        assertEquals(List.of(), found, "the fragment adversary hears digits in speech");
    }

    private static void assertOneDigit(DtmfDigit d, Signal s, String what) {
        List<FragmentAdversary.Detection> found = FragmentAdversary.decode(s.pcm());
        assertEquals(1, found.size(), what + ": " + found);
        assertEquals(d, found.get(0).digit(), what + ": wrong key");
    }
}
