package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/** The SSRC/CSRC list of a BYE packet (RFC 3550 §6.6) at an absolute offset, rewritable in place. */
public final class RtcpBye {

    private RtcpBye() {
    }

    /** Number of SSRC/CSRC identifiers (the SC field). */
    public static int sourceCount(ByteBuf buf, int offset) {
        return RtcpPacket.count(buf, offset);
    }

    /** SSRC/CSRC number {@code i}, for {@code 0 <= i < sourceCount}. */
    public static int ssrc(ByteBuf buf, int offset, int i) {
        return buf.getInt(offset + RtcpPacket.HEADER_LENGTH + 4 * i);
    }

    /** Rewrites SSRC/CSRC number {@code i}; returns {@code false} and writes nothing if {@code i} is out of range. */
    public static boolean setSsrc(ByteBuf buf, int offset, int i, int ssrc) {
        int at = offset + RtcpPacket.HEADER_LENGTH + 4 * i;
        if (i < 0 || i >= sourceCount(buf, offset) || at + 4 > offset + RtcpPacket.packetLength(buf, offset)) {
            return false;
        }
        buf.setInt(at, ssrc);
        return true;
    }
}
