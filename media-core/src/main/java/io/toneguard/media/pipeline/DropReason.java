package io.toneguard.media.pipeline;

/** Why a stage dropped a packet; each stage counts its drops per reason. */
public enum DropReason {
    /** Not a drop: the stage keeps the packet. */
    NONE,
    /** The datagram is not a valid RTP packet (RFC 3550 header rules). */
    MALFORMED_RTP,
    /** The datagram is not a valid RTCP compound packet. */
    MALFORMED_RTCP,
    /** The datagram came from an address other than the latched (or expected) peer. */
    UNEXPECTED_SOURCE,
    /** The payload type is not one negotiated for this stream. */
    UNKNOWN_PAYLOAD_TYPE,
    /** The stream direction forbids media this way (sendonly, recvonly, inactive, hold). */
    DIRECTION,
    /** A stage removed the packet on purpose (e.g. a telephone-event replaced elsewhere). */
    REMOVED,
    /** No destination address is known yet for the outgoing side. */
    NO_DESTINATION,
    /** The outgoing socket is closed or its send queue is full. */
    CHANNEL_UNAVAILABLE,
    /** A stage failed unexpectedly; the packet was dropped and the stream goes on. */
    STAGE_ERROR
}
