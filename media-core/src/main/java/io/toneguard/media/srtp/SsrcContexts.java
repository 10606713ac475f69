package io.toneguard.media.srtp;

/**
 * A small SSRC-to-context table for one direction, bounded so that a flood of made-up SSRCs cannot
 * grow it: when full, the oldest entry is replaced. No boxing, no allocation on look-up.
 */
final class SsrcContexts<T> {
    private final int[] ssrcs;
    private final Object[] contexts;
    private int size;
    private int nextVictim;
    private int lastSsrc;
    private T last;

    SsrcContexts(int capacity) {
        this.ssrcs = new int[capacity];
        this.contexts = new Object[capacity];
    }

    @SuppressWarnings("unchecked")
    T get(int ssrc) {
        if (last != null && lastSsrc == ssrc) {
            return last;
        }
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                last = (T) contexts[i];
                lastSsrc = ssrc;
                return last;
            }
        }
        return null;
    }

    void put(int ssrc, T context) {
        int slot;
        if (size < ssrcs.length) {
            slot = size++;
        } else {
            slot = nextVictim;
            nextVictim = (nextVictim + 1) % ssrcs.length;
        }
        ssrcs[slot] = ssrc;
        contexts[slot] = context;
        last = context;
        lastSsrc = ssrc;
    }

    int size() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(contexts, null);
        size = 0;
        last = null;
    }
}
