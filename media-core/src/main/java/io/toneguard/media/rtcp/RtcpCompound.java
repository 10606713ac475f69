package io.toneguard.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * A compound RTCP packet: the readable bytes of a datagram, one individual packet after another.
 * Validates (RFC 3550 §6.1 and A.2, RFC 5506) and iterates without allocating; never throws on bad input.
 *
 * <pre>{@code
 * if (RtcpCompound.validate(buf, false) == RtcpValidation.VALID) {
 *     for (int p = RtcpCompound.first(buf); p >= 0; p = RtcpCompound.next(buf, p)) { ... }
 * }
 * }</pre>
 */
public final class RtcpCompound {

    private static final int SR_MIN = 28;
    private static final int RR_MIN = 8;
    private static final int FEEDBACK_MIN = 12;
    private static final int APP_MIN = 12;

    private RtcpCompound() {
    }

    /** Validates strictly: the first packet must be SR or RR (RFC 3550 A.2). */
    public static RtcpValidation validate(ByteBuf buf) {
        return validate(buf, false);
    }

    /**
     * Validates the readable bytes as a compound packet: every packet version 2 and inside the
     * datagram, lengths adding up to the datagram, padding only on the last packet and consistent,
     * counts that fit, and unless {@code allowReducedSize} (RFC 5506) a first packet that is SR or RR.
     * Padding is accepted on a lone packet, which is also the last (RFC 3550 §6.4.1).
     */
    public static RtcpValidation validate(ByteBuf buf, boolean allowReducedSize) {
        int start = buf.readerIndex();
        int end = buf.writerIndex();
        if (end - start < RtcpPacket.HEADER_LENGTH) {
            return RtcpValidation.TOO_SHORT;
        }
        int offset = start;
        while (offset < end) {
            int remaining = end - offset;
            if (remaining < RtcpPacket.HEADER_LENGTH) {
                return RtcpValidation.TRAILING_BYTES;
            }
            if (RtcpPacket.version(buf, offset) != RtcpPacket.VERSION) {
                return RtcpValidation.BAD_VERSION;
            }
            int type = RtcpPacket.packetType(buf, offset);
            if (offset == start && !allowReducedSize && type != RtcpPacket.SR && type != RtcpPacket.RR) {
                return RtcpValidation.BAD_FIRST_PACKET;
            }
            int length = RtcpPacket.packetLength(buf, offset);
            if (length > remaining) {
                return RtcpValidation.BAD_LENGTH;
            }
            int body = length;
            if (RtcpPacket.hasPadding(buf, offset)) {
                int padding = buf.getUnsignedByte(offset + length - 1);
                if (length != remaining || padding == 0 || padding > length - RtcpPacket.HEADER_LENGTH) {
                    return RtcpValidation.BAD_PADDING;
                }
                body -= padding;
            }
            RtcpValidation v = validateBody(buf, offset, type, RtcpPacket.count(buf, offset), body);
            if (v != RtcpValidation.VALID) {
                return v;
            }
            offset += length;
        }
        return RtcpValidation.VALID;
    }

    private static RtcpValidation validateBody(ByteBuf buf, int offset, int type, int count, int body) {
        switch (type) {
            case RtcpPacket.SR:
                return body < SR_MIN ? RtcpValidation.BAD_LENGTH
                        : SR_MIN + count * RtcpReportBlock.LENGTH > body ? RtcpValidation.BAD_COUNT : RtcpValidation.VALID;
            case RtcpPacket.RR:
                return body < RR_MIN ? RtcpValidation.BAD_LENGTH
                        : RR_MIN + count * RtcpReportBlock.LENGTH > body ? RtcpValidation.BAD_COUNT : RtcpValidation.VALID;
            case RtcpPacket.SDES:
                return count > 0 && RtcpSdes.chunksEnd(buf, offset, count, offset + body) < 0
                        ? RtcpValidation.BAD_COUNT : RtcpValidation.VALID;
            case RtcpPacket.BYE:
                return validateBye(buf, offset, count, body);
            case RtcpPacket.APP:
                return body < APP_MIN ? RtcpValidation.BAD_LENGTH : RtcpValidation.VALID;
            case RtcpPacket.RTPFB:
            case RtcpPacket.PSFB:
                return body < FEEDBACK_MIN ? RtcpValidation.BAD_LENGTH : RtcpValidation.VALID;
            default:
                return RtcpValidation.VALID;
        }
    }

    private static RtcpValidation validateBye(ByteBuf buf, int offset, int count, int body) {
        int reason = RtcpPacket.HEADER_LENGTH + count * 4;
        if (reason > body) {
            return RtcpValidation.BAD_COUNT;
        }
        if (reason < body && reason + 1 + buf.getUnsignedByte(offset + reason) > body) {
            return RtcpValidation.BAD_LENGTH;  // the reason's length octet runs past the packet
        }
        return RtcpValidation.VALID;
    }

    /** Offset of the first packet (the reader index), or -1 if fewer than 4 bytes are readable. */
    public static int first(ByteBuf buf) {
        int start = buf.readerIndex();
        return buf.writerIndex() - start >= RtcpPacket.HEADER_LENGTH ? start : -1;
    }

    /**
     * Offset of the packet after the one at {@code offset}, or -1 if no complete header follows
     * before the writer index. Safe on unvalidated input: always advances, never throws.
     */
    public static int next(ByteBuf buf, int offset) {
        int end = buf.writerIndex();
        if (offset < buf.readerIndex() || end - offset < RtcpPacket.HEADER_LENGTH) {
            return -1;
        }
        int next = offset + RtcpPacket.packetLength(buf, offset);
        return end - next >= RtcpPacket.HEADER_LENGTH ? next : -1;
    }

    /** Number of packets in a valid compound (walks it; no allocation). */
    public static int packetCount(ByteBuf buf) {
        int n = 0;
        for (int p = first(buf); p >= 0; p = next(buf, p)) {
            n++;
        }
        return n;
    }
}
