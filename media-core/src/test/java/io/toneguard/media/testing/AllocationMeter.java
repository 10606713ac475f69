package io.toneguard.media.testing;

import java.lang.management.ManagementFactory;

/** Measures bytes allocated by the current thread around a piece of code (HotSpot only). */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Runs {@code body} once to warm up, then again and returns the bytes it allocated the second time. */
    public static long allocatedBytes(Runnable body) {
        body.run();
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        body.run();
        return THREADS.getThreadAllocatedBytes(tid) - before;
    }
}
