package io.toneguard.media.sdp;

/**
 * A session description was rejected by {@link SdpParser}. The message names the line and the
 * reason; it never contains key material (crypto keys, k= lines) from the input.
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String reason;

    public SdpParseException(int lineNumber, String reason) {
        super(lineNumber > 0 ? "line " + lineNumber + ": " + reason : reason, null, false, false);
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /** The 1-based line number the problem was found on, or 0 when it concerns the whole input. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The reason without the line prefix. */
    public String reason() {
        return reason;
    }
}
