package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A 24-byte reception report block (RFC 3550 §6.4.1) at an absolute block offset, from
 * {@link #offset(ByteBuf, int, int)}; every field read and written in place.
 */
public final class RtcpReportBlock {

    /** Bytes in one report block. */
    public static final int LENGTH = 24;
    /** Smallest cumulative number of packets lost (signed 24 bits). */
    public static final int MIN_CUMULATIVE_LOST = -0x800000;
    /** Largest cumulative number of packets lost (signed 24 bits). */
    public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;

    private RtcpReportBlock() {
    }

    /**
     * Offset of report block {@code i} of the SR or RR at {@code packetOffset}, or -1 if that packet is
     * neither, or {@code i} is not below its report count.
     */
    public static int offset(ByteBuf buf, int packetOffset, int i) {
        if (i < 0 || i >= RtcpPacket.count(buf, packetOffset)) {
            return -1;
        }
        int type = RtcpPacket.packetType(buf, packetOffset);
        int first = type == RtcpPacket.SR ? RtcpSenderReport.REPORT_BLOCKS_OFFSET : type == RtcpPacket.RR ? 8 : -1;
        return first < 0 ? -1 : packetOffset + first + i * LENGTH;
    }

    /** SSRC of the source this block reports on. */
    public static int ssrc(ByteBuf buf, int block) {
        return buf.getInt(block);
    }

    /** Rewrites the source SSRC. */
    public static void setSsrc(ByteBuf buf, int block, int ssrc) {
        buf.setInt(block, ssrc);
    }

    /** Fraction lost since the previous report, in 1/256 (0-255). */
    public static int fractionLost(ByteBuf buf, int block) {
        return buf.getUnsignedByte(block + 4);
    }

    /** Rewrites the fraction lost (low 8 bits). */
    public static void setFractionLost(ByteBuf buf, int block, int fraction) {
        buf.setByte(block + 4, fraction);
    }

    /** Cumulative number of packets lost, signed 24 bits (negative when duplicates arrived). */
    public static int cumulativeLost(ByteBuf buf, int block) {
        return buf.getMedium(block + 5);
    }

    /** Rewrites the cumulative number lost, clamped to the signed 24-bit range as RFC 3550 A.3 does. */
    public static void setCumulativeLost(ByteBuf buf, int block, int lost) {
        buf.setMedium(block + 5, Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost)));
    }

    /** Extended highest sequence number received (unsigned 32 bits: cycles in the high 16). */
    public static long extendedHighestSequence(ByteBuf buf, int block) {
        return buf.getUnsignedInt(block + 8);
    }

    /** Rewrites the extended highest sequence number. */
    public static void setExtendedHighestSequence(ByteBuf buf, int block, long sequence) {
        buf.setInt(block + 8, (int) sequence);
    }

    /** Interarrival jitter in timestamp units (unsigned 32 bits). */
    public static long jitter(ByteBuf buf, int block) {
        return buf.getUnsignedInt(block + 12);
    }

    /** Rewrites the interarrival jitter. */
    public static void setJitter(ByteBuf buf, int block, long jitter) {
        buf.setInt(block + 12, (int) jitter);
    }

    /** LSR: middle 32 bits of the last SR's NTP timestamp (unsigned 32 bits). */
    public static long lastSr(ByteBuf buf, int block) {
        return buf.getUnsignedInt(block + 16);
    }

    /** Rewrites LSR. */
    public static void setLastSr(ByteBuf buf, int block, long lastSr) {
        buf.setInt(block + 16, (int) lastSr);
    }

    /** DLSR: delay since the last SR, in 1/65536 s (unsigned 32 bits). */
    public static long delaySinceLastSr(ByteBuf buf, int block) {
        return buf.getUnsignedInt(block + 20);
    }

    /** Rewrites DLSR. */
    public static void setDelaySinceLastSr(ByteBuf buf, int block, long delay) {
        buf.setInt(block + 20, (int) delay);
    }
}
