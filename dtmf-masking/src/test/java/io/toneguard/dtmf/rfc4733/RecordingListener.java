package io.toneguard.dtmf.rfc4733;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import java.util.ArrayList;
import java.util.List;

/** Records what a {@link DigitListener} heard, in order. */
final class RecordingListener implements DigitListener {

    /** One call: a start or an end. The record's toString shows the digit redacted. */
    record Heard(boolean start, DtmfDigit digit, DigitSource source, long timestamp) {
    }

    final List<Heard> heard = new ArrayList<>();

    static Heard started(DtmfDigit digit, DigitSource source, long timestamp) {
        return new Heard(true, digit, source, timestamp);
    }

    static Heard ended(DtmfDigit digit, DigitSource source, long timestamp) {
        return new Heard(false, digit, source, timestamp);
    }

    static Heard started(DtmfDigit digit, long timestamp) {
        return started(digit, DigitSource.RFC4733, timestamp);
    }

    static Heard ended(DtmfDigit digit, long timestamp) {
        return ended(digit, DigitSource.RFC4733, timestamp);
    }

    @Override
    public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
        heard.add(started(digit, source, onsetTimestamp));
    }

    @Override
    public void digitEnded(DtmfDigit digit, DigitSource source, long endTimestamp) {
        heard.add(ended(digit, source, endTimestamp));
    }

    /** The keys of the presses started, in order (test-only: these are not card data). */
    String startedKeys() {
        StringBuilder keys = new StringBuilder();
        for (Heard h : heard) {
            if (h.start()) {
                keys.append(h.digit().key());
            }
        }
        return keys.toString();
    }

    long starts() {
        return heard.stream().filter(Heard::start).count();
    }

    long ends() {
        return heard.stream().filter(h -> !h.start()).count();
    }
}
