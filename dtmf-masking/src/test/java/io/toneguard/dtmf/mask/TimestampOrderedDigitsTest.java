package io.toneguard.dtmf.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.testing.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Digits decided in timestamp order whatever order the packets come in. */
class TimestampOrderedDigitsTest {
    private static final int FRAME = 160;
    private static final long FIRST_TS = 1_000_000;

    private final List<DtmfDigit> keys = new ArrayList<>();
    private final List<Long> onsets = new ArrayList<>();
    private final TimestampOrderedDigits digits = new TimestampOrderedDigits(DetectorSettings.DEFAULT, new DigitListener() {
        @Override
        public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
            assertEquals(DigitSource.INBAND, source);
            keys.add(digit);
            onsets.add(onsetTimestamp);
        }
    }, 4096);

    /** All 16 keys, 50 ms on and 50 off, after 100 ms of silence; the tones' onsets in samples. */
    private static short[] keying(List<Integer> toneOnsets) {
        Signal s = new Signal(3).silence(100);
        for (DtmfDigit d : DtmfDigit.values()) {
            toneOnsets.add(s.length());
            s.tone(d, 50, -10).silence(50);
        }
        return s.silence(100).pcm();
    }

    private void send(short[] pcm, int packet) {
        digits.accept(FIRST_TS + (long) packet * FRAME, Arrays.copyOfRange(pcm, packet * FRAME, (packet + 1) * FRAME), FRAME);
    }

    @Test
    void everyKeyOnceAndOnTimeThoughEveryFifthPairOfPacketsIsSwapped() {
        List<Integer> toneOnsets = new ArrayList<>();
        short[] pcm = keying(toneOnsets);
        int packets = pcm.length / FRAME;
        for (int p = 0; p < packets; p++) {
            if (p % 5 == 0 && p + 1 < packets) {
                send(pcm, p + 1);
                send(pcm, p);
                p++;
            } else {
                send(pcm, p);
            }
        }
        digits.flush();
        assertEquals(List.of(DtmfDigit.values()), keys);
        for (int i = 0; i < keys.size(); i++) {
            long error = onsets.get(i) - (FIRST_TS + toneOnsets.get(i));
            assertTrue(Math.abs(error) <= 40, "key " + i + " placed " + error + " samples from its tone's onset");
        }
    }

    @Test
    void aGapIsGivenUpAfterTwoPacketsAndTheStragglerIsIgnored() {
        List<Integer> toneOnsets = new ArrayList<>();
        short[] pcm = keying(toneOnsets);
        int packets = pcm.length / FRAME;
        int straggler = 2; // in the leading silence
        for (int p = 0; p < packets; p++) {
            if (p == straggler) {
                continue;
            }
            send(pcm, p);
            if (p == straggler + TimestampOrderedDigits.HOLD + 1) {
                send(pcm, straggler); // too late: its gap was given up
            }
        }
        digits.flush();
        assertEquals(List.of(DtmfDigit.values()), keys);
    }
}
