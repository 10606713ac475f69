package io.toneguard.media.pipeline;

/** What a datagram turned out to be once demultiplexed. */
public enum PacketKind {
    /** Not classified yet. */
    UNKNOWN,
    RTP,
    RTCP
}
