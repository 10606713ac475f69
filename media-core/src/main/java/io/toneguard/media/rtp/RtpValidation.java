package io.toneguard.media.rtp;

/** Outcome of checking a datagram against the RTP header rules of RFC 3550 §5.1. */
public enum RtpValidation {
    VALID,
    /** Shorter than the 12-byte fixed header. */
    TOO_SHORT,
    /** Version field is not 2. */
    BAD_VERSION,
    /** The CSRC count points past the end of the datagram. */
    CSRC_PAST_END,
    /** The header extension (or its length word) runs past the end of the datagram. */
    EXTENSION_PAST_END,
    /** Padding count is zero or larger than the space after the header. */
    BAD_PADDING,
    /** The payload type is in 64..95 (reserved for RTCP under RFC 5761) or out of range. */
    BAD_PAYLOAD_TYPE;

    public boolean isValid() {
        return this == VALID;
    }
}
