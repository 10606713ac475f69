package io.toneguard.dtmf.inband;

import io.toneguard.dtmf.DtmfDigit;

/**
 * What the in-band detector reports, in sample indexes counted from the detector's first sample.
 * Called synchronously from {@link InbandDtmfDetector#process}; must not keep references.
 */
public interface InbandListener {
    /** Hears nothing. */
    InbandListener NONE = new InbandListener() {
        @Override
        public void toneSuspected(long fromSample, long toSample) {
        }

        @Override
        public void digitStarted(DtmfDigit digit, long onsetSample) {
        }

        @Override
        public void digitEnded(DtmfDigit digit, long endSample) {
        }
    };

    /** Samples [{@code fromSample}, {@code toSample}) look like DTMF and must not be heard. */
    void toneSuspected(long fromSample, long toSample);

    /** A digit was confirmed; its tone began at about {@code onsetSample}. */
    void digitStarted(DtmfDigit digit, long onsetSample);

    /** The digit's tone ended at about {@code endSample}. */
    void digitEnded(DtmfDigit digit, long endSample);
}
