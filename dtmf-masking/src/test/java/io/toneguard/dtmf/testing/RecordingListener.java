package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.InbandListener;
import java.util.ArrayList;
import java.util.List;

/** Collects what an in-band detector reports. */
public final class RecordingListener implements InbandListener {
    public record Press(DtmfDigit digit, long onset) {
    }

    public final List<Press> presses = new ArrayList<>();
    public final List<long[]> suspected = new ArrayList<>();
    public int ends;

    @Override
    public void toneSuspected(long fromSample, long toSample) {
        suspected.add(new long[] {fromSample, toSample});
    }

    @Override
    public void digitStarted(DtmfDigit digit, long onsetSample) {
        presses.add(new Press(digit, onsetSample));
    }

    @Override
    public void digitEnded(DtmfDigit digit, long endSample) {
        ends++;
    }

    /** The keys reported, in order, as a char array (never a String: these are card digits in production). */
    public char[] keys() {
        char[] k = new char[presses.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = presses.get(i).digit().key();
        }
        return k;
    }
}
