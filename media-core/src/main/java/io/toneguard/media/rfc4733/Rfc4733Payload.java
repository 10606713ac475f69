package io.toneguard.media.rfc4733;

import io.netty.buffer.ByteBuf;

/**
 * Static, allocation-free access to RFC 4733 §2.3 telephone-event blocks at an absolute index of a
 * {@link ByteBuf}: {@code event(8) | E(1) R(1) volume(6) | duration(16)}. Indexes never move.
 *
 * <p>A payload may pack several consecutive events, one 4-byte block each (RFC 4733 §2.5.1.5); block
 * {@code i} starts at {@code index + 4 * i}. Every block is a real key press, so receivers must not
 * ignore blocks after the first: {@link #validate} accepts any whole number of blocks.
 */
public final class Rfc4733Payload {

    /** Bytes in one event block. */
    public static final int BLOCK_LENGTH = 4;
    /** Largest volume: the tone's level is {@code -volume} dBm0. */
    public static final int MAX_VOLUME = 63;
    /** Largest duration in timestamp units; longer events are sent as segments (RFC 4733 §2.5.1.3). */
    public static final int MAX_DURATION = 0xFFFF;
    /** Largest event code. */
    public static final int MAX_EVENT = 0xFF;

    private static final int END_BIT = 0x80;
    private static final int RESERVED_BIT = 0x40;
    private static final int VOLUME_MASK = 0x3F;

    private Rfc4733Payload() {
    }

    /**
     * Checks a received payload of {@code length} bytes at absolute {@code index}: at least one block,
     * a whole number of blocks, and inside {@code [0, writerIndex)}. Never throws.
     */
    public static Rfc4733Validation validate(ByteBuf buf, int index, int length) {
        if (index < 0 || length < 0 || (long) index + length > buf.writerIndex()) {
            return Rfc4733Validation.TRUNCATED;
        }
        if (length < BLOCK_LENGTH) {
            return Rfc4733Validation.TOO_SHORT;
        }
        if ((length & (BLOCK_LENGTH - 1)) != 0) {
            return Rfc4733Validation.BAD_LENGTH;
        }
        return Rfc4733Validation.VALID;
    }

    /** Number of whole event blocks in a payload of {@code length} bytes. */
    public static int blockCount(int length) {
        return length < 0 ? 0 : length / BLOCK_LENGTH;
    }

    /** The event code (0-255) of the block at {@code index}. */
    public static int event(ByteBuf buf, int index) {
        return buf.getUnsignedByte(index);
    }

    /** Whether the E (end of event) bit is set. */
    public static boolean isEnd(ByteBuf buf, int index) {
        return (buf.getByte(index + 1) & END_BIT) != 0;
    }

    /** The R (reserved) bit: senders set it to zero and receivers ignore it. */
    public static boolean isReservedBitSet(ByteBuf buf, int index) {
        return (buf.getByte(index + 1) & RESERVED_BIT) != 0;
    }

    /** The volume (0-63): the tone's power is {@code -volume} dBm0. */
    public static int volume(ByteBuf buf, int index) {
        return buf.getByte(index + 1) & VOLUME_MASK;
    }

    /** The duration (0-65535) in RTP timestamp units since the event's timestamp. */
    public static int duration(ByteBuf buf, int index) {
        return buf.getUnsignedShort(index + 2);
    }

    /**
     * Writes one block at absolute {@code index} with R = 0. Returns {@code false} and writes nothing if
     * a field is out of range (event 0-255, volume 0-63, duration 0-65535).
     */
    public static boolean write(ByteBuf buf, int index, int event, boolean end, int volume, int duration) {
        if ((event & ~MAX_EVENT) != 0 || (volume & ~VOLUME_MASK) != 0 || (duration & ~MAX_DURATION) != 0) {
            return false;
        }
        buf.setInt(index, event << 24 | (end ? END_BIT : 0) << 16 | volume << 16 | duration);
        return true;
    }

    /** Sets or clears the E bit in place, leaving the other fields alone. */
    public static void setEnd(ByteBuf buf, int index, boolean end) {
        int b = buf.getByte(index + 1);
        buf.setByte(index + 1, end ? b | END_BIT : b & ~END_BIT);
    }

    /** Rewrites the duration in place; returns {@code false} and writes nothing if not 0-65535. */
    public static boolean setDuration(ByteBuf buf, int index, int duration) {
        if ((duration & ~MAX_DURATION) != 0) {
            return false;
        }
        buf.setShort(index + 2, duration);
        return true;
    }
}
