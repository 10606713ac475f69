package io.toneguard.media.sdp;

/**
 * An offer could not be answered, or an answer does not fit its offer (RFC 3264). A SIP layer
 * typically turns this into 488 Not Acceptable Here; {@link #getMessage()} is the reason.
 */
public final class SdpNegotiationException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpNegotiationException(String reason) {
        super(reason, null, false, false);
    }
}
