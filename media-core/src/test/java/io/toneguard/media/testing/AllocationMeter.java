package io.toneguard.media.testing;

import java.lang.management.ManagementFactory;

/** Measures bytes allocated by the current thread around a piece of code (HotSpot only). */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int WARM_UPS = 3;
    private static final int RUNS = 5;

    private AllocationMeter() {
    }

    /**
     * Runs {@code body} a few times to warm up, then measures it several times and returns the fewest
     * bytes one run allocated: a one-off JVM effect (class loading, deoptimization) does not count, an
     * allocation in the loop under test does.
     */
    public static long allocatedBytes(Runnable body) {
        for (int i = 0; i < WARM_UPS; i++) {
            body.run();
        }
        long tid = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long before = THREADS.getThreadAllocatedBytes(tid);
            body.run();
            fewest = Math.min(fewest, THREADS.getThreadAllocatedBytes(tid) - before);
        }
        return fewest;
    }
}
