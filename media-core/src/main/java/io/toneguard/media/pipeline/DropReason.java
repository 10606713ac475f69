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
    STAGE_ERROR,
    /** The SRTP/SRTCP authentication (or AEAD) tag did not verify: wrong key, tampering or garbage. */
    SRTP_AUTH_FAILED,
    /** The SRTP/SRTCP index was seen already or is too old for the replay window (RFC 3711 §3.3.2). */
    SRTP_REPLAY,
    /** Too short or otherwise not an SRTP/SRTCP packet, or the cipher failed on it. */
    SRTP_INVALID,
    /** The leg's SRTP session is closed (call ending); packets are not let through in the clear. */
    SRTP_CLOSED,
    /** Media on an SRTP leg before its keys exist (the DTLS-SRTP handshake is still running). */
    SRTP_NO_KEYS,
    /** Not media: a DTLS record (first byte 20-63, RFC 7983), handed to the leg's DTLS-SRTP handshake. */
    DTLS
}
