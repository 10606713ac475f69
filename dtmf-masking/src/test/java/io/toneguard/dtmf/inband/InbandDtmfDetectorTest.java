package io.toneguard.dtmf.inband;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.RecordingListener;
import io.toneguard.dtmf.testing.Signal;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every row of the detection table in DESIGN.md, for all sixteen digits. */
class InbandDtmfDetectorTest {
    private static final DtmfDigit[] ALL = DtmfDigit.values();

    static RecordingListener detect(short[] pcm, int frame) {
        RecordingListener heard = new RecordingListener();
        InbandDtmfDetector detector = new InbandDtmfDetector(DetectorSettings.DEFAULT, heard);
        for (int off = 0; off < pcm.length; off += frame) {
            detector.process(pcm, off, Math.min(frame, pcm.length - off));
        }
        detector.flush();
        return heard;
    }

    /** Each digit alone, shaped by {@code tone}, between silences; returns how many were detected correctly. */
    private static int detectedAlone(Consumer<Signal> tone, DtmfDigit d, long seed) {
        Signal s = new Signal(seed).silence(60);
        tone.accept(s);
        s.silence(80);
        RecordingListener heard = detect(s.pcm(), 160);
        if (heard.presses.size() == 1 && heard.presses.get(0).digit() == d) {
            return 1;
        }
        return heard.presses.isEmpty() ? 0 : -100; // a wrong or doubled digit is never acceptable
    }

    private static void assertAllDetected(String what, java.util.function.BiConsumer<Signal, DtmfDigit> shape) {
        for (DtmfDigit d : ALL) {
            assertEquals(1, detectedAlone(s -> shape.accept(s, d), d, d.ordinal()), what + ": digit #" + d.ordinal() + " (" + d.event() + ")");
        }
    }

    private static void assertNoneDetected(String what, java.util.function.BiConsumer<Signal, DtmfDigit> shape) {
        for (DtmfDigit d : ALL) {
            assertEquals(0, detectedAlone(s -> shape.accept(s, d), d, d.ordinal()), what + ": digit #" + d.ordinal() + " (" + d.event() + ")");
        }
    }

    @Test
    void allSixteenDigitsAtNominalFrequencies() {
        assertAllDetected("nominal", (s, d) -> s.tone(d, 60, -10));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.015, 0.015})
    void frequencyWithinOnePointFivePercentIsDetected(double dev) {
        assertAllDetected("low " + dev, (s, d) -> s.tone(d, 60, -10, -10, dev, 0));
        assertAllDetected("high " + dev, (s, d) -> s.tone(d, 60, -10, -10, 0, dev));
        assertAllDetected("both " + dev, (s, d) -> s.tone(d, 60, -10, -10, dev, dev));
        assertAllDetected("opposite " + dev, (s, d) -> s.tone(d, 60, -10, -10, dev, -dev));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.035, 0.035, -0.05, 0.05})
    void frequencyBeyondThreePointFivePercentIsRejected(double dev) {
        assertNoneDetected("low " + dev, (s, d) -> s.tone(d, 60, -10, -10, dev, 0));
        assertNoneDetected("high " + dev, (s, d) -> s.tone(d, 60, -10, -10, 0, dev));
        assertNoneDetected("both " + dev, (s, d) -> s.tone(d, 60, -10, -10, dev, dev));
    }

    @Test
    void fortyMillisecondTonesAreDetectedAndTwentyRejected() {
        assertAllDetected("40 ms", (s, d) -> s.tone(d, 40, -10));
        assertNoneDetected("20 ms", (s, d) -> s.tone(d, 20, -10));
    }

    @Test
    void fortyMillisecondPauseSeparatesTwoPressesOfTheSameDigit() {
        for (DtmfDigit d : ALL) {
            Signal s = new Signal(d.ordinal()).silence(50).tone(d, 50, -10).silence(40).tone(d, 50, -10).silence(80);
            assertEquals(2, detect(s.pcm(), 160).presses.size(), "digit #" + d.ordinal());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 10})
    void shortDropOutInsideAToneIsBridged(int gapMs) {
        for (DtmfDigit d : ALL) {
            Signal s = new Signal(d.ordinal()).silence(50).tone(d, 60, -10).silence(gapMs).tone(d, 60, -10).silence(80);
            RecordingListener heard = detect(s.pcm(), 160);
            assertEquals(1, heard.presses.size(), "digit #" + d.ordinal() + " with a " + gapMs + " ms drop-out");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -10, -20, -25, -30})
    void levelsDownToMinusThirtyDbm0AreDetected(double dbm0) {
        assertAllDetected(dbm0 + " dBm0", (s, d) -> s.tone(d, 60, dbm0));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-40, -45, -55})
    void levelsBelowMinusFortyDbm0AreRejected(double dbm0) {
        assertNoneDetected(dbm0 + " dBm0", (s, d) -> s.tone(d, 60, dbm0));
    }

    @Test
    void twistWithinLimitsIsDetected() {
        assertAllDetected("normal twist 8 dB", (s, d) -> s.tone(d, 60, -10, -18, 0, 0));
        assertAllDetected("reverse twist 4 dB", (s, d) -> s.tone(d, 60, -14, -10, 0, 0));
        assertAllDetected("normal twist 8 dB, weak", (s, d) -> s.tone(d, 60, -17, -25, 0, 0));
    }

    @Test
    void twistBeyondLimitsIsRejected() {
        assertNoneDetected("normal twist 11 dB", (s, d) -> s.tone(d, 60, -10, -21, 0, 0));
        assertNoneDetected("reverse twist 7 dB", (s, d) -> s.tone(d, 60, -17, -10, 0, 0));
    }

    @Test
    void whiteNoiseAtFifteenDbSnr() {
        for (double level : new double[] {-10, -20}) {
            Signal s = new Signal(99).silence(100);
            for (DtmfDigit d : ALL) {
                s.tone(d, 60, level).silence(80);
            }
            s.whiteNoise(level, 15);
            RecordingListener heard = detect(s.pcm(), 160);
            assertArrayEquals(keys(ALL), heard.keys(), "all 16 digits, in order, at " + level + " dBm0 with noise at 15 dB SNR");
        }
    }

    @Test
    void twentyDigitsAtFiftyOnFiftyOffDecodeExactly() {
        DtmfDigit[] sequence = new DtmfDigit[20];
        for (int i = 0; i < 20; i++) {
            sequence[i] = ALL[(i * 7 + 3) % 16];
        }
        sequence[5] = sequence[4]; // a repeated key must count twice
        Signal s = new Signal(5).silence(50);
        for (DtmfDigit d : sequence) {
            s.tone(d, 50, -15).silence(50);
        }
        assertArrayEquals(keys(sequence), detect(s.pcm(), 160).keys());
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 160, 240, 320, 480, 7, 1})
    void anyFrameSizeGivesTheSameDigits(int frame) {
        Signal s = new Signal(3).silence(30);
        for (DtmfDigit d : ALL) {
            s.tone(d, 45, -12).silence(45);
        }
        assertArrayEquals(keys(ALL), detect(s.pcm(), frame).keys());
    }

    @ParameterizedTest
    @EnumSource(DtmfDigit.class)
    void everyDetectedToneWasSuspectedFirst(DtmfDigit d) {
        Signal s = new Signal(d.ordinal()).silence(40).tone(d, 50, -28).silence(40);
        RecordingListener heard = detect(s.pcm(), 160);
        assertEquals(1, heard.presses.size());
        Signal.Tone tone = s.tones().get(0);
        long firstSuspectStart = heard.suspected.get(0)[0];
        assertTrue(firstSuspectStart <= tone.start(), "masking must start at or before the first tone sample");
    }

    private static char[] keys(DtmfDigit[] digits) {
        char[] k = new char[digits.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = digits[i].key();
        }
        return k;
    }
}
