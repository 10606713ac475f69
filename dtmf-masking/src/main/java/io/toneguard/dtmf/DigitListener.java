package io.toneguard.dtmf;

/**
 * Hears digits as they are confirmed. Called on the media event loop: implementations must be
 * fast, must not block, must not throw, and must never log or stringify the digit.
 */
public interface DigitListener {
    DigitListener NONE = new DigitListener() {
        @Override
        public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
        }
    };

    /**
     * A new key press, reported once.
     *
     * @param onsetTimestamp where the tone began, in the stream's RTP timestamp units (samples)
     */
    void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp);

    /** The key was released (when known). */
    default void digitEnded(DtmfDigit digit, DigitSource source, long endTimestamp) {
    }
}
