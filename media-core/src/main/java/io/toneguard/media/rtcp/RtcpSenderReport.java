package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Sender info of an SR packet at an absolute offset (RFC 3550 §6.4.1), read and written in place.
 * The sender SSRC is {@link RtcpPacket#ssrc}; report blocks start at {@link #REPORT_BLOCKS_OFFSET}.
 */
public final class RtcpSenderReport {

    /** Offset of the first report block from the start of an SR. */
    public static final int REPORT_BLOCKS_OFFSET = 28;

    private RtcpSenderReport() {
    }

    /** The 64-bit NTP timestamp (seconds in the high 32 bits, fraction in the low 32). */
    public static long ntpTimestamp(ByteBuf buf, int offset) {
        return buf.getLong(offset + 8);
    }

    /** Rewrites the NTP timestamp. */
    public static void setNtpTimestamp(ByteBuf buf, int offset, long ntp) {
        buf.setLong(offset + 8, ntp);
    }

    /** The middle 32 bits of the NTP timestamp, as echoed in a report block's LSR field. */
    public static long compactNtp(ByteBuf buf, int offset) {
        return buf.getUnsignedInt(offset + 10);
    }

    /** The RTP timestamp matching the NTP timestamp, as raw 32 bits. */
    public static int rtpTimestamp(ByteBuf buf, int offset) {
        return buf.getInt(offset + 16);
    }

    /** Rewrites the RTP timestamp. */
    public static void setRtpTimestamp(ByteBuf buf, int offset, int rtpTimestamp) {
        buf.setInt(offset + 16, rtpTimestamp);
    }

    /** The sender's packet count (unsigned 32 bits). */
    public static long packetCount(ByteBuf buf, int offset) {
        return buf.getUnsignedInt(offset + 20);
    }

    /** Rewrites the sender's packet count (low 32 bits of {@code count}). */
    public static void setPacketCount(ByteBuf buf, int offset, long count) {
        buf.setInt(offset + 20, (int) count);
    }

    /** The sender's octet count (unsigned 32 bits). */
    public static long octetCount(ByteBuf buf, int offset) {
        return buf.getUnsignedInt(offset + 24);
    }

    /** Rewrites the sender's octet count (low 32 bits of {@code count}). */
    public static void setOctetCount(ByteBuf buf, int offset, long count) {
        buf.setInt(offset + 24, (int) count);
    }
}
