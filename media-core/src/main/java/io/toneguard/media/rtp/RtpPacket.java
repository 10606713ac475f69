package io.toneguard.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A reusable, zero-copy view of one RTP packet (RFC 3550 §5.1) inside a Netty {@link ByteBuf}.
 *
 * <p>A stream keeps one instance and {@link #wrap wraps} each received datagram in turn, so the
 * per-packet path allocates nothing. Offsets are relative to the buffer's reader index at wrap
 * time. Setters write the header in place. The view never owns or releases the buffer.
 */
public final class RtpPacket {
    /** Length of the fixed RTP header. */
    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int VERSION = 2;

    private ByteBuf buf;
    private int base;
    private int length;
    private int headerLength;
    private int paddingLength;

    /**
     * Points this view at the datagram between {@code buf}'s reader and writer index and checks
     * it. On anything but {@link RtpValidation#VALID} the view is cleared and must not be read.
     */
    public RtpValidation wrap(ByteBuf datagram) {
        RtpValidation result = validate(datagram, datagram.readerIndex(), datagram.readableBytes());
        if (result == RtpValidation.VALID) {
            this.buf = datagram;
            this.base = datagram.readerIndex();
            this.length = datagram.readableBytes();
            this.headerLength = headerLength(datagram, base);
            this.paddingLength = hasPadding(datagram, base) ? datagram.getUnsignedByte(base + length - 1) : 0;
        } else {
            clear();
        }
        return result;
    }

    /** Forgets the wrapped buffer. */
    public void clear() {
        buf = null;
        base = length = headerLength = paddingLength = 0;
    }

    public boolean isWrapped() {
        return buf != null;
    }

    public ByteBuf buffer() {
        return buf;
    }

    public int version() {
        return buf.getUnsignedByte(base) >>> 6;
    }

    public boolean hasPadding() {
        return hasPadding(buf, base);
    }

    public boolean hasExtension() {
        return (buf.getByte(base) & 0x10) != 0;
    }

    public int csrcCount() {
        return buf.getByte(base) & 0x0F;
    }

    public int csrc(int i) {
        if (i < 0 || i >= csrcCount()) {
            throw new IndexOutOfBoundsException("csrc index " + i + " of " + csrcCount());
        }
        return buf.getInt(base + FIXED_HEADER_LENGTH + 4 * i);
    }

    public boolean marker() {
        return (buf.getByte(base + 1) & 0x80) != 0;
    }

    public void setMarker(boolean marker) {
        int b = buf.getByte(base + 1);
        buf.setByte(base + 1, marker ? (b | 0x80) : (b & 0x7F));
    }

    public int payloadType() {
        return buf.getByte(base + 1) & 0x7F;
    }

    public void setPayloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type out of range: " + pt);
        }
        buf.setByte(base + 1, (buf.getByte(base + 1) & 0x80) | pt);
    }

    /** Sequence number, 0..65535. */
    public int sequenceNumber() {
        return buf.getUnsignedShort(base + 2);
    }

    public void setSequenceNumber(int seq) {
        buf.setShort(base + 2, seq);
    }

    /** RTP timestamp as an unsigned 32-bit value. */
    public long timestamp() {
        return buf.getUnsignedInt(base + 4);
    }

    public void setTimestamp(long ts) {
        buf.setInt(base + 4, (int) ts);
    }

    public int ssrc() {
        return buf.getInt(base + 8);
    }

    public void setSsrc(int ssrc) {
        buf.setInt(base + 8, ssrc);
    }

    /** Profile-defined 16 bits of the header extension; only when {@link #hasExtension()}. */
    public int extensionProfile() {
        return buf.getUnsignedShort(base + FIXED_HEADER_LENGTH + 4 * csrcCount());
    }

    /** Length of the header extension body in bytes (without its 4-byte header); 0 if none. */
    public int extensionLength() {
        return hasExtension() ? 4 * buf.getUnsignedShort(base + FIXED_HEADER_LENGTH + 4 * csrcCount() + 2) : 0;
    }

    /** Total header length: fixed header, CSRCs and extension. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute index of the first payload byte in {@link #buffer()}. */
    public int payloadOffset() {
        return base + headerLength;
    }

    /** Payload length, excluding padding. */
    public int payloadLength() {
        return length - headerLength - paddingLength;
    }

    public int paddingLength() {
        return paddingLength;
    }

    /** Whole datagram length. */
    public int length() {
        return length;
    }

    /** A slice of the payload sharing the packet's memory (no copy, no retain). */
    public ByteBuf payloadSlice() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /**
     * Checks {@code length} bytes from {@code offset} as an RTP packet. Never throws on
     * malformed input.
     */
    public static RtpValidation validate(ByteBuf b, int offset, int length) {
        if (length < FIXED_HEADER_LENGTH) {
            return RtpValidation.TOO_SHORT;
        }
        int first = b.getUnsignedByte(offset);
        if ((first >>> 6) != VERSION) {
            return RtpValidation.BAD_VERSION;
        }
        int pt = b.getByte(offset + 1) & 0x7F;
        if (pt >= 64 && pt <= 95) {
            // RFC 5761 §4: these values would collide with RTCP packet types 192..223
            return RtpValidation.BAD_PAYLOAD_TYPE;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if (header > length) {
            return RtpValidation.CSRC_PAST_END;
        }
        if ((first & 0x10) != 0) {
            if (header + 4 > length) {
                return RtpValidation.EXTENSION_PAST_END;
            }
            header += 4 + 4 * b.getUnsignedShort(offset + header + 2);
            if (header > length) {
                return RtpValidation.EXTENSION_PAST_END;
            }
        }
        if ((first & 0x20) != 0) {
            if (header == length) {
                return RtpValidation.BAD_PADDING;
            }
            int padding = b.getUnsignedByte(offset + length - 1);
            if (padding == 0 || padding > length - header) {
                return RtpValidation.BAD_PADDING;
            }
        }
        return RtpValidation.VALID;
    }

    private static boolean hasPadding(ByteBuf b, int offset) {
        return (b.getByte(offset) & 0x20) != 0;
    }

    private static int headerLength(ByteBuf b, int offset) {
        int first = b.getUnsignedByte(offset);
        int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            header += 4 + 4 * b.getUnsignedShort(offset + header + 2);
        }
        return header;
    }

    /** Writes a fixed 12-byte header (no CSRC, no extension, no padding) at the writer index. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int seq, long timestamp, int ssrc) {
        out.writeByte(VERSION << 6);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(seq);
        out.writeInt((int) timestamp);
        out.writeInt(ssrc);
    }

    @Override
    public String toString() {
        if (buf == null) {
            return "RtpPacket[unwrapped]";
        }
        // payload bytes are never printed: they can carry DTMF
        return "RtpPacket[pt=" + payloadType() + ", seq=" + sequenceNumber() + ", ts=" + timestamp()
                + ", ssrc=" + Integer.toUnsignedString(ssrc()) + ", m=" + marker() + ", payload=" + payloadLength() + "B]";
    }
}
