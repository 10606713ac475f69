package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * The common RTCP header (RFC 3550 §6.4) at an absolute offset: {@code V(2) P(1) count(5) | PT(8) |
 * length(16)}. Allocation-free; indexes never move. Use on packets of a {@link RtcpValidation#VALID} compound.
 */
public final class RtcpPacket {

    /** Sender report. */
    public static final int SR = 200;
    /** Receiver report. */
    public static final int RR = 201;
    /** Source description. */
    public static final int SDES = 202;
    /** Goodbye. */
    public static final int BYE = 203;
    /** Application-defined. */
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585). */
    public static final int PSFB = 206;
    /** Extended reports (RFC 3611). */
    public static final int XR = 207;

    /** Bytes in the common header. */
    public static final int HEADER_LENGTH = 4;
    /** The RTP/RTCP version. */
    public static final int VERSION = 2;

    private RtcpPacket() {
    }

    /** The version field (2 for every valid packet). */
    public static int version(ByteBuf buf, int offset) {
        return (buf.getByte(offset) >> 6) & 0x3;
    }

    /** Whether the P bit is set: the packet's last octet counts padding octets. */
    public static boolean hasPadding(ByteBuf buf, int offset) {
        return (buf.getByte(offset) & 0x20) != 0;
    }

    /** The 5-bit count field: reception report count (SR/RR), source count (SDES/BYE), subtype (APP) or FMT (feedback). */
    public static int count(ByteBuf buf, int offset) {
        return buf.getByte(offset) & 0x1F;
    }

    /** The packet type (200 SR, 201 RR, ...). */
    public static int packetType(ByteBuf buf, int offset) {
        return buf.getUnsignedByte(offset + 1);
    }

    /** The raw length field: the packet's length in 32-bit words minus one. */
    public static int lengthInWords(ByteBuf buf, int offset) {
        return buf.getUnsignedShort(offset + 2);
    }

    /** The packet's length in bytes, header and padding included: {@code (length + 1) * 4}. */
    public static int packetLength(ByteBuf buf, int offset) {
        return (lengthInWords(buf, offset) + 1) << 2;
    }

    /** Padding bytes at the end of the packet (its last octet when P is set, else 0). */
    public static int paddingLength(ByteBuf buf, int offset) {
        return hasPadding(buf, offset) ? buf.getUnsignedByte(offset + packetLength(buf, offset) - 1) : 0;
    }

    /** The first SSRC after the header: the sender of SR, RR, APP, RTPFB and PSFB. */
    public static int ssrc(ByteBuf buf, int offset) {
        return buf.getInt(offset + 4);
    }

    /** Rewrites the first SSRC after the header in place. */
    public static void setSsrc(ByteBuf buf, int offset, int ssrc) {
        buf.setInt(offset + 4, ssrc);
    }

    /** Writes a common header at {@code offset}: version 2, the P bit, a 5-bit count, the type and the length in words minus one. */
    public static void setHeader(ByteBuf buf, int offset, boolean padding, int count, int packetType, int lengthInWords) {
        buf.setByte(offset, 0x80 | (padding ? 0x20 : 0) | (count & 0x1F));
        buf.setByte(offset + 1, packetType);
        buf.setShort(offset + 2, lengthInWords);
    }
}
