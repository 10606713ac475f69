package io.toneguard.harness.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ReplacementMode;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.harness.masking.KeyingCase.Delivery;
import io.toneguard.harness.rtp.RtpImpairment;
import io.toneguard.media.g711.G711Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of delivering the 16 keys (tones with events 40 ms early to 40 ms late, events in the
 * audio's place, tones only, events only) at 50/50 and 70/70 ms, through every network impairment, with
 * and without speech under the keys, in both laws and every replacement mode, through the masking
 * stage as the relay runs it: no analyser (the fragment adversary included) finds a digit in what the
 * agent hears, and the capture gets every key once.
 *
 * <p>Tones only through loss and reordering is where a key's tone gets cut into fragments of a few
 * milliseconds: the masking stage tells the masker of every timestamp discontinuity, and the
 * detector looks for fragments on both sides of it ({@code JunctionFragmentMaskingTest}).
 *
 * <p>The capture must get every key exactly once wherever the keys' signal survives the network (see
 * {@link #everyKeyMustArrive}), and never a key twice anywhere.
 */
class MaskingMatrixTest {
    static Stream<KeyingCase> cases() {
        List<KeyingCase> out = new ArrayList<>();
        List<KeyingCase> deliveries = new ArrayList<>();
        for (double offset : new double[] {-40, -30, -20, -10, 0, 10, 20, 30, 40}) {
            deliveries.add(KeyingCase.of(Delivery.TONES_AND_EVENTS, 50).withEventOffset(offset));
        }
        deliveries.add(KeyingCase.of(Delivery.EVENTS_REPLACE_AUDIO, 50));
        deliveries.add(KeyingCase.of(Delivery.TONES_ONLY, 50));
        deliveries.add(KeyingCase.of(Delivery.EVENTS_ONLY, 50));
        RtpImpairment[] network = {RtpImpairment.NONE, RtpImpairment.loss(5, 11), RtpImpairment.bursts(3, 3, 12),
                RtpImpairment.reorder(10, 13), RtpImpairment.jitter(20, 14)};
        ReplacementMode[] modes = ReplacementMode.values();
        int n = 0;
        for (KeyingCase base : deliveries) {
            for (double onOff : new double[] {50, 70}) {
                for (RtpImpairment impairment : network) {
                    for (boolean speech : new boolean[] {false, true}) {
                        n++;
                        KeyingCase c = new KeyingCase(base.delivery(), base.eventOffsetMillis(), onOff, onOff, (n * 7) % 20,
                                impairment, speech, n % 2 == 0 ? G711Codec.MU_LAW : G711Codec.A_LAW, modes[n % modes.length]);
                        out.add(c);
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * Events survive loss and reordering (each packet carries the key and the duration so far, ends are
     * sent three times); tones alone survive single losses, reordering (decided in timestamp order) and
     * jitter, but not a burst of lost packets, which can take most of a 50 ms key, leaving less than
     * Q.24's 40 ms. Speech 10 dB under tones alone still costs the strict detector a few keys (their
     * tones are masked all the same).
     */
    static boolean everyKeyMustArrive(KeyingCase c) {
        return c.hasEvents() || (c.impairment().burstPercent() == 0 && !c.speechUnder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nothingDecodableAndEveryKeyOnce(KeyingCase c) {
        KeyingCase.Stream stream = c.stream();
        MaskedLeg.Result r = MaskedLeg.run(stream.packets(), MaskerSettings.DEFAULT.withMode(c.mode()));
        LeakOracles.Findings found = LeakOracles.analyse(r.heard());
        assertEquals(true, found.clean(), c + ": " + found);
        assertTrue(r.keys().size() <= KeyingCase.KEYS.size() && r.keys().stream().distinct().count() == r.keys().size(),
                c + ": a key entered twice (" + r.keys().size() + " keys)");
        if (everyKeyMustArrive(c)) {
            assertEquals(KeyingCase.KEYS, r.keys(), c + ": the keys the capture got");
        }
    }
}
