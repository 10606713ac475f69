package io.toneguard.dtmf.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.testing.Multimon;
import io.toneguard.dtmf.testing.RecordingListener;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Nothing decodable gets through: every tone is replaced from before its first sample to after its last. */
public class ToneMaskerTest {
    /** A Visa test number and an expiry, as keys (test data; production never holds digits like this). */
    private static final char[] CARD = "4111111111111111".toCharArray();
    private static final char[] UNDER_SPEECH = "1228".toCharArray();

    public static final class Run {
        public final short[] out;
        public final List<long[]> maskedRuns = new ArrayList<>();
        public final RecordingListener digits = new RecordingListener();
        public final ToneMasker masker;

        public Run(short[] in, MaskerSettings settings, int frame) {
            masker = new ToneMasker(settings, digits);
            masker.onMaskedRun((from, to) -> maskedRuns.add(new long[] {from, to}));
            int d = masker.delaySamples();
            short[] padded = new short[in.length + d];
            System.arraycopy(in, 0, padded, 0, in.length);
            short[] raw = new short[padded.length];
            for (int off = 0; off < padded.length; off += frame) {
                int n = Math.min(frame, padded.length - off);
                masker.process(padded, off, n, raw, off);
            }
            masker.finish();
            out = new short[in.length];
            System.arraycopy(raw, d, out, 0, in.length); // aligned with the input
        }

        public boolean covered(Signal.Tone t) {
            for (long[] r : maskedRuns) {
                if (r[0] <= t.start() && r[1] >= t.end()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Signal cardCallWithSpeech(long seed) {
        Signal s = new Signal(seed).audio(SpeechCorpus.read("enter-num-blacklist.wav")).silence(300);
        for (char c : CARD) {
            s.tone(DtmfDigit.ofKey(c), 70, -9).silence(70);
        }
        short[] talk = SpeechCorpus.read("you-entered.wav");
        int at = s.length();
        s.audio(talk).audio(SpeechCorpus.read("please-try-again.wav"));
        int gap = (s.length() - at) / (UNDER_SPEECH.length + 1);
        for (int i = 0; i < UNDER_SPEECH.length; i++) {
            s.overlayTone(DtmfDigit.ofKey(UNDER_SPEECH[i]), at + (i + 1) * gap - Signal.ms(40), 80, -8);
        }
        return s.silence(200);
    }

    private static char[] concat(char[] a, char[] b) {
        char[] c = new char[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ReplacementMode.class)
    void cardDigitsBetweenAndUnderSpeechLeaveNothingDecodable(ReplacementMode mode) {
        Signal call = cardCallWithSpeech(mode.ordinal());
        short[] in = call.pcm();
        Run run = new Run(in, MaskerSettings.DEFAULT.withMode(mode), 160);

        for (Signal.Tone t : call.tones()) {
            assertTrue(run.covered(t), "tone at sample " + t.start() + "-" + t.end() + " not masked from first to last sample");
        }
        assertEquals(0, run.masker.lateSamples());
        // the capture still gets every digit, in order
        assertArrayEquals(concat(CARD, UNDER_SPEECH), run.digits.keys());
        // our own detector at its most sensitive finds nothing in what the agent hears
        RecordingListener sensitive = new RecordingListener();
        InbandDtmfDetector oracle = new InbandDtmfDetector(DetectorSettings.MOST_SENSITIVE, sensitive);
        oracle.process(run.out, 0, run.out.length);
        oracle.flush();
        assertEquals(0, sensitive.presses.size(), "most sensitive detector found digits in masked audio");
        // and neither does an independent decoder, which does find them in the input
        assertTrue(Multimon.dtmf(in).length >= CARD.length, "multimon-ng must find the digits in the unmasked input");
        assertEquals(0, Multimon.dtmf(run.out).length, "multimon-ng found digits in masked audio");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {80, 160, 240, 480, 33})
    void anyFrameSizeMasksEveryTone(int frame) {
        Signal call = cardCallWithSpeech(7);
        Run run = new Run(call.pcm(), MaskerSettings.DEFAULT, frame);
        for (Signal.Tone t : call.tones()) {
            assertTrue(run.covered(t), "frame " + frame + ": tone at " + t.start() + " not covered");
        }
    }

    @ParameterizedTest
    @EnumSource(DtmfDigit.class)
    void shortWeakAndOffFrequencyTonesAreMaskedToo(DtmfDigit d) {
        // tones the digit detector rightly rejects must still not be heard
        Signal s = new Signal(d.ordinal()).silence(100)
                .tone(d, 20, -10).silence(100)
                .tone(d, 60, -38).silence(100)
                .tone(d, 60, -10, -10, 0.03, -0.03).silence(100)
                .tone(d, 60, -20, -20, -0.03, 0.03).silence(100)
                .tone(d, 60, -10, -20, 0, 0).silence(100);
        Run run = new Run(s.pcm(), MaskerSettings.DEFAULT, 160);
        for (Signal.Tone t : s.tones()) {
            assertTrue(run.covered(t), "tone at " + t.start() + " not covered");
        }
    }

    @Test
    void audioWithoutTonesPassesUnchangedAfterTheDelay() {
        short[] in = SpeechCorpus.read("enter-num-blacklist.wav");
        Run run = new Run(in, MaskerSettings.DEFAULT, 160);
        if (run.maskedRuns.isEmpty()) {
            assertArrayEquals(in, run.out);
        }
        assertEquals(160, run.masker.delaySamples());
    }

    @Test
    void mutingReplacesEverything() {
        ToneMasker m = new ToneMasker(MaskerSettings.DEFAULT.withMode(ReplacementMode.SILENCE), new RecordingListener());
        m.muted(true);
        short[] in = SpeechCorpus.read("enter-num-blacklist.wav");
        short[] out = new short[160];
        for (int off = 0; off + 160 <= in.length; off += 160) {
            m.process(in, off, 160, out, 0);
            for (short v : out) {
                assertEquals(0, v);
            }
        }
    }

    @Test
    void delayBelowWhatTheDetectorNeedsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MaskerSettings.DEFAULT.withDelayMillis(15));
        assertEquals(17.5, MaskerSettings.MIN_DELAY_MILLIS);
        assertEquals(20, MaskerSettings.DEFAULT.preMarginSamples());
    }

    @Test
    void modesParseFromConfigurationNames() {
        for (ReplacementMode m : ReplacementMode.values()) {
            assertEquals(m, ReplacementMode.parse(m.configName()));
        }
        assertThrows(IllegalArgumentException.class, () -> ReplacementMode.parse("beep"));
    }
}
