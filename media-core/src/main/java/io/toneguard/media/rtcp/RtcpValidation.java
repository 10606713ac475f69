package io.toneguard.media.rtcp;

/** Outcome of {@link RtcpCompound#validate}: use the views only on a {@link #VALID} packet. */
public enum RtcpValidation {
    /** Every check passed. */
    VALID,
    /** Fewer than 4 bytes: not even one RTCP header. */
    TOO_SHORT,
    /** A packet's version is not 2 (often trailing garbage after the last real packet). */
    BAD_VERSION,
    /** A length field runs past the end of the datagram, or is too short for its packet type. */
    BAD_LENGTH,
    /** 1-3 bytes remain after the last packet: the lengths do not add up to the datagram. */
    TRAILING_BYTES,
    /** Padding on a packet that is not the last, a padding count of 0, or more padding than the packet holds. */
    BAD_PADDING,
    /** The first packet is neither SR nor RR, and reduced-size RTCP (RFC 5506) was not allowed. */
    BAD_FIRST_PACKET,
    /** A report, source or chunk count that the packet's length cannot hold. */
    BAD_COUNT
}
