package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Tells RTCP from RTP on a shared port (RFC 5761 §4). With RTP payload types 64-95 forbidden, the
 * second octet of an RTCP packet (its packet type) is 192-223, which no RTP packet can carry
 * (RTP octet = marker bit * 128 + payload type). An octet of 64-95 (a forbidden RTP type without the
 * marker) is no RTCP packet type, so it is left to the RTP side to drop.
 */
public final class RtcpDemux {

    /** Lowest second octet that means RTCP (RTP 64 + marker). */
    public static final int FIRST_RTCP_TYPE = 192;
    /** Highest second octet that means RTCP (RTP 95 + marker). */
    public static final int LAST_RTCP_TYPE = 223;

    private RtcpDemux() {
    }

    /**
     * Whether the readable bytes start like RTCP: at least a 4-byte header, version 2, and the second
     * octet in 192-223. Never throws; does not move indexes.
     */
    public static boolean isRtcp(ByteBuf buf) {
        int start = buf.readerIndex();
        return buf.writerIndex() - start >= RtcpPacket.HEADER_LENGTH
                && (buf.getByte(start) & 0xC0) == 0x80
                && isRtcpPacketType(buf.getUnsignedByte(start + 1));
    }

    /** Whether a second octet (0-255) is in the RTCP range 192-223. */
    public static boolean isRtcpPacketType(int secondOctet) {
        return secondOctet >= FIRST_RTCP_TYPE && secondOctet <= LAST_RTCP_TYPE;
    }
}
