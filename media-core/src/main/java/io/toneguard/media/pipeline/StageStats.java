package io.toneguard.media.pipeline;

/**
 * Counters of one stage: packets in, out and dropped (per reason), and bytes in.
 *
 * <p>Written only by the stage's event loop thread; other threads read them for metrics and may
 * see slightly stale values.
 */
public final class StageStats {
    private static final DropReason[] REASONS = DropReason.values();

    private long packetsIn;
    private long bytesIn;
    private long packetsOut;
    private final long[] dropped = new long[REASONS.length];

    void in(int bytes) {
        packetsIn++;
        bytesIn += bytes;
    }

    void out() {
        packetsOut++;
    }

    void countDrop(DropReason why) {
        dropped[why.ordinal()]++;
    }

    public long packetsIn() {
        return packetsIn;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long packetsOut() {
        return packetsOut;
    }

    public long dropped(DropReason why) {
        return dropped[why.ordinal()];
    }

    public long droppedTotal() {
        long total = 0;
        for (long d : dropped) {
            total += d;
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append("in=").append(packetsIn).append(" out=").append(packetsOut);
        for (DropReason r : REASONS) {
            long d = dropped[r.ordinal()];
            if (d != 0) {
                sb.append(' ').append(r.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(d);
            }
        }
        return sb.toString();
    }
}
