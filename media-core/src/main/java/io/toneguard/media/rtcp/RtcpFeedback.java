package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * The common part of RTPFB (205) and PSFB (206) feedback packets (RFC 4585 §6.1) at an absolute
 * offset: FMT in the count field, then packet sender SSRC and media source SSRC, rewritable in place.
 */
public final class RtcpFeedback {

    private RtcpFeedback() {
    }

    /** Whether a packet type is RTPFB or PSFB. */
    public static boolean isFeedback(int packetType) {
        return packetType == RtcpPacket.RTPFB || packetType == RtcpPacket.PSFB;
    }

    /** The feedback message type (FMT, the 5-bit count field). */
    public static int fmt(ByteBuf buf, int offset) {
        return RtcpPacket.count(buf, offset);
    }

    /** SSRC of the packet sender. */
    public static int senderSsrc(ByteBuf buf, int offset) {
        return buf.getInt(offset + 4);
    }

    /** Rewrites the packet sender SSRC. */
    public static void setSenderSsrc(ByteBuf buf, int offset, int ssrc) {
        buf.setInt(offset + 4, ssrc);
    }

    /** SSRC of the media source the feedback is about. */
    public static int mediaSsrc(ByteBuf buf, int offset) {
        return buf.getInt(offset + 8);
    }

    /** Rewrites the media source SSRC. */
    public static void setMediaSsrc(ByteBuf buf, int offset, int ssrc) {
        buf.setInt(offset + 8, ssrc);
    }
}
