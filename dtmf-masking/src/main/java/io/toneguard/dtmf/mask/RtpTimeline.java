package io.toneguard.dtmf.mask;

/**
 * Where the last few packets' audio sits on the stream's RTP timeline: for each, the index of its
 * first sample in what a detector was fed, and its RTP timestamp. A digit's onset can lie a few packets
 * back, across a lost packet the detector's sample count knows nothing of. Allocates nothing.
 */
final class RtpTimeline {
    /** Packets remembered (a power of two). */
    private static final int SIZE = 16;
    private final long[] firstSample = new long[SIZE];
    private final long[] timestamp = new long[SIZE];
    private int count;

    /** The packet fed from detector sample {@code sample} on has RTP timestamp {@code ts}. */
    void add(long sample, long ts) {
        int slot = count++ & (SIZE - 1);
        firstSample[slot] = sample;
        timestamp[slot] = ts;
        if (count < 0) {
            count = SIZE; // after 2^31 packets: keep the ring full and the index positive
        }
    }

    /** The RTP timestamp of detector sample {@code sample}, from the packet that carried it while it is remembered. */
    long timestampOf(long sample) {
        int known = Math.min(count, SIZE);
        for (int i = 1; i <= known; i++) {
            int slot = (count - i) & (SIZE - 1);
            if (firstSample[slot] <= sample || i == known) {
                return (timestamp[slot] + (sample - firstSample[slot])) & 0xFFFF_FFFFL;
            }
        }
        return sample & 0xFFFF_FFFFL; // nothing fed yet
    }
}
