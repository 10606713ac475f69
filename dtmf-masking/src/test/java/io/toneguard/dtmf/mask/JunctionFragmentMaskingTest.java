package io.toneguard.dtmf.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.InbandListener;
import io.toneguard.dtmf.testing.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lost or reordered packet can cut a key's tone into a fragment of a few milliseconds between
 * unrelated audio, too short for a run of suspect windows. Told of the junction, the masker hides
 * such fragments on either side of it, every key, from 4 ms up, loud or weak.
 */
class JunctionFragmentMaskingTest {
    private static final int JUNCTION = 800; // 100 ms in, on a packet boundary
    private static final double[] FRAGMENT_MILLIS = {4, 5, 7.5, 10, 12.5};
    private static final double[] LEVELS_DBM0 = {-5, -10, -26};

    /** The masked runs of the output, in input sample indexes. */
    private static List<long[]> maskedRuns(short[] pcm, boolean junction) {
        List<long[]> runs = new ArrayList<>();
        ToneMasker masker = new ToneMasker(MaskerSettings.DEFAULT, InbandListener.NONE);
        masker.onMaskedRun((from, to) -> runs.add(new long[] {from, to}));
        short[] out = new short[160];
        for (int off = 0; off < pcm.length; off += 160) {
            if (off == JUNCTION && junction) {
                masker.discontinuity();
            }
            masker.process(pcm, off, Math.min(160, pcm.length - off), out, 0);
        }
        masker.processMasked(0, out, 0);
        short[] tail = new short[400];
        masker.process(tail, 0, tail.length, new short[400], 0); // flush the delay line
        masker.finish();
        return runs;
    }

    private static boolean covered(List<long[]> runs, int from, int to) {
        for (long[] r : runs) {
            if (r[0] <= from && r[1] >= to) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "fragment {0} the junction")
    @ValueSource(strings = {"after", "before"})
    void everyKeysFragmentIsMaskedOnEitherSideOfAJunction(String side) {
        List<String> missed = new ArrayList<>();
        for (DtmfDigit d : DtmfDigit.values()) {
            for (double millis : FRAGMENT_MILLIS) {
                for (double level : LEVELS_DBM0) {
                    int n = Signal.ms(millis);
                    int start = side.equals("after") ? JUNCTION : JUNCTION - n;
                    Signal s = new Signal(d.ordinal()).silence(start * 1000.0 / Signal.RATE).tone(d, millis, level).silence(100);
                    if (!covered(maskedRuns(s.pcm(), true), start, start + n)) {
                        missed.add(d.key() + " " + millis + " ms at " + level + " dBm0");
                    }
                }
            }
        }
        assertEquals(List.of(), missed, "tone fragments " + side + " a junction left unmasked");
    }

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(doubles = {4, 5})
    void untoldOfTheJunctionTheMaskerLeavesPartOfSuchFragments(double millis) {
        // the control: the fragment windows are what hides them, not the ordinary suspect runs
        int n = Signal.ms(millis);
        Signal s = new Signal(1).silence(100).tone(DtmfDigit.values()[1], millis, -10).silence(100);
        assertTrue(covered(maskedRuns(s.pcm(), true), JUNCTION, JUNCTION + n), "told of the junction");
        assertFalse(covered(maskedRuns(s.pcm(), false), JUNCTION, JUNCTION + n), "untold");
    }
}
