package io.toneguard.media.transport;

import java.util.BitSet;

/**
 * Hands out even RTP ports (RTCP on the odd port above) from a configured range, round robin, so
 * that a port just released is not reused at once (late packets of the old call would land in the
 * new one). Thread-safe.
 */
public final class PortAllocator {
    private final int min;
    private final int max;
    private final BitSet inUse;
    private int cursor;

    /**
     * @param min lowest port of the range (rounded up to even)
     * @param max highest port of the range (the last pair is max-1/max when max is odd)
     */
    public PortAllocator(int min, int max) {
        int evenMin = (min + 1) & ~1;
        if (evenMin < 1024 || max > 65535 || max < evenMin + 1) {
            throw new IllegalArgumentException("media port range must be within 1024-65535 and hold at least one even/odd pair: "
                    + min + "-" + max);
        }
        this.min = evenMin;
        this.max = max;
        this.inUse = new BitSet(capacity());
        this.cursor = 0;
    }

    /** How many RTP/RTCP pairs the range holds. */
    public int capacity() {
        return (max - min + 1) / 2;
    }

    public synchronized int inUse() {
        return inUse.cardinality();
    }

    /** The next free even port, marked as taken; -1 when the range is exhausted. */
    public synchronized int acquire() {
        int slots = capacity();
        int slot = inUse.nextClearBit(cursor);
        if (slot >= slots) {
            slot = inUse.nextClearBit(0);
            if (slot >= slots) {
                return -1;
            }
        }
        inUse.set(slot);
        cursor = slot + 1 >= slots ? 0 : slot + 1;
        return min + 2 * slot;
    }

    /** Returns an even port taken by {@link #acquire()}. */
    public synchronized void release(int port) {
        if (port < min || port > max || (port & 1) != 0) {
            throw new IllegalArgumentException("not a port of this allocator: " + port);
        }
        inUse.clear((port - min) / 2);
    }

    @Override
    public String toString() {
        return "PortAllocator[" + min + "-" + max + ", " + inUse() + "/" + capacity() + " pairs in use]";
    }
}
