package io.toneguard.media.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * An event loop's select strategy that gathers packets for up to a short period instead of waking
 * for each one ({@link MediaTransportConfig#coalesceMicros}).
 *
 * <p>Netty's default strategy blocks in {@code epoll_wait} (or the selector) until the next
 * datagram, task or timer, so at tens of calls a loop wakes for nearly every packet, and on a VM
 * each wake-up costs more CPU than relaying the packet. With this strategy, once a wake-up has
 * found work, the loop sleeps for the period, then polls without blocking and handles everything
 * that arrived meanwhile in one pass; only when a poll finds nothing does it go back to blocking,
 * so an idle loop still sleeps until something happens. The price is latency: a packet may wait up
 * to the period, and so may tasks handed to the loop from other threads and timers due meanwhile.
 *
 * <p>One instance per event loop, used on that loop's thread only.
 */
final class CoalescingSelectStrategy implements SelectStrategy {
    private final long periodNanos;
    /** The last poll found nothing: block until something happens (Netty's own behaviour). */
    private boolean idle = true;

    CoalescingSelectStrategy(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive");
        }
        this.periodNanos = periodNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectSupplier.get(); // as Netty's default: poll, then run the tasks
        }
        if (idle) {
            idle = false;
            return SelectStrategy.SELECT;
        }
        LockSupport.parkNanos(periodNanos);
        int ready = selectSupplier.get();
        if (ready == 0) {
            idle = true;
        }
        return ready;
    }
}
