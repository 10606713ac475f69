package io.toneguard.media.sdp;

import java.util.Arrays;

/**
 * An immutable set of RFC 4733 event codes (0-255), written as in a telephone-event fmtp:
 * {@code 0-15,66,70}.
 */
public final class EventSet {
    /** Events 0-15 (DTMF 0-9, *, #, A-D): what an absent fmtp means (RFC 4733 §7.1.1). */
    public static final EventSet DTMF = parse("0-15");
    /** Events 0-16: DTMF plus flash. */
    public static final EventSet DTMF_AND_FLASH = parse("0-16");
    public static final EventSet EMPTY = new EventSet(new long[4]);

    private final long[] bits;

    private EventSet(long[] bits) {
        this.bits = bits;
    }

    /** Parses a comma-separated list of events and inclusive ranges; spaces around items are allowed. */
    public static EventSet parse(String text) {
        long[] bits = new long[4];
        String[] items = text.split(",", -1);
        if (items.length > 256) {
            throw new IllegalArgumentException("telephone-event list is too long");
        }
        for (String raw : items) {
            String item = raw.strip();
            int dash = item.indexOf('-');
            int from;
            int to;
            if (dash < 0) {
                from = event(item);
                to = from;
            } else {
                from = event(item.substring(0, dash).strip());
                to = event(item.substring(dash + 1).strip());
                if (from > to) {
                    throw new IllegalArgumentException("telephone-event range " + from + "-" + to + " is reversed");
                }
            }
            for (int e = from; e <= to; e++) {
                bits[e >>> 6] |= 1L << (e & 63);
            }
        }
        return new EventSet(bits);
    }

    private static int event(String s) {
        if (!SdpSyntax.isDigits(s, 3)) {
            throw new IllegalArgumentException("telephone-event list must be events or ranges of 0-255");
        }
        int e = Integer.parseInt(s);
        if (e > 255) {
            throw new IllegalArgumentException("telephone-event " + e + " is above 255");
        }
        return e;
    }

    public boolean contains(int event) {
        return event >= 0 && event <= 255 && (bits[event >>> 6] & (1L << (event & 63))) != 0;
    }

    public boolean isEmpty() {
        return bits[0] == 0 && bits[1] == 0 && bits[2] == 0 && bits[3] == 0;
    }

    public int size() {
        int n = 0;
        for (long b : bits) {
            n += Long.bitCount(b);
        }
        return n;
    }

    public EventSet intersect(EventSet other) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = bits[i] & other.bits[i];
        }
        return new EventSet(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSet other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    /** The canonical fmtp form, e.g. {@code 0-15,66,70}; empty text for the empty set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int e = 0;
        while (e <= 255) {
            if (!contains(e)) {
                e++;
                continue;
            }
            int end = e;
            while (end + 1 <= 255 && contains(end + 1)) {
                end++;
            }
            sb.append(sb.length() == 0 ? "" : ",").append(e);
            if (end > e) {
                sb.append('-').append(end);
            }
            e = end + 1;
        }
        return sb.toString();
    }
}
