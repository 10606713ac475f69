package io.toneguard.media.srtp;

import io.netty.buffer.ByteBuf;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * Presents a Netty {@link ByteBuf} to jitsi-srtp as a {@link ByteArrayBuffer}, without allocating
 * per packet: a heap buffer's own array is used in place; a direct buffer is copied into a
 * reusable scratch array and back. One instance per direction, used by one thread at a time.
 */
final class SrtpBuffer implements ByteArrayBuffer {
    /**
     * Room left after the packet for what protection adds: the GCM tag (16), or an HMAC tag (10)
     * plus the SRTCP index (4); with margin.
     */
    static final int TAIL_ROOM = 32;
    private static final int INITIAL_SCRATCH = 1500 + TAIL_ROOM;

    private byte[] scratch = new byte[INITIAL_SCRATCH];
    private ByteBuf buf;
    private byte[] array;
    private int offset;
    private int length;
    private int limit;
    private boolean copied;

    /**
     * Points at {@code b}'s readable bytes, with {@link #TAIL_ROOM} writable after them when
     * {@code grow}. A heap buffer that cannot grow goes through the scratch copy like a direct one.
     */
    SrtpBuffer load(ByteBuf b, boolean grow) {
        int len = b.readableBytes();
        if (b.hasArray() && (!grow || b.maxWritableBytes() >= TAIL_ROOM)) {
            if (grow) {
                b.ensureWritable(TAIL_ROOM);
            }
            this.array = b.array();
            this.offset = b.arrayOffset() + b.readerIndex();
            this.limit = b.arrayOffset() + b.capacity();
            this.copied = false;
        } else {
            if (scratch.length < len + TAIL_ROOM) {
                scratch = new byte[len + TAIL_ROOM];
            }
            b.getBytes(b.readerIndex(), scratch, 0, len);
            this.array = scratch;
            this.offset = 0;
            this.limit = scratch.length;
            this.copied = true;
        }
        this.buf = b;
        this.length = len;
        return this;
    }

    /**
     * Writes the result back into the ByteBuf (its readable bytes become the transformed packet);
     * false when the ByteBuf cannot hold it (a fixed-size buffer that would have to grow).
     */
    boolean store() {
        ByteBuf b = buf;
        int start = b.readerIndex();
        if (copied) {
            int extra = start + length - b.writerIndex();
            if (extra > 0) {
                if (b.maxWritableBytes() < extra) {
                    unload();
                    return false;
                }
                b.ensureWritable(extra);
            }
            b.setBytes(start, array, offset, length);
        }
        b.writerIndex(start + length);
        unload();
        return true;
    }

    /** Forgets the buffer without writing back (the packet is being dropped). */
    void unload() {
        buf = null;
        array = null;
    }

    /** True when the packet went through the scratch copy (a direct ByteBuf). */
    boolean copied() {
        return copied;
    }

    @Override
    public byte[] getBuffer() {
        return array;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > limit) {
            throw new IllegalArgumentException("length out of range");
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off > limit) {
            throw new IllegalArgumentException("offset out of range");
        }
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(array, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch <= limit) {
            return;
        }
        if (!copied) {
            throw new IllegalStateException("SRTP buffer has no tail room left");
        }
        byte[] bigger = new byte[offset + length + howMuch + TAIL_ROOM];
        System.arraycopy(array, 0, bigger, 0, offset + length);
        scratch = bigger;
        array = bigger;
        limit = bigger.length;
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, array, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        if (len <= 0) {
            return;
        }
        length = Math.max(0, length - len);
    }
}
