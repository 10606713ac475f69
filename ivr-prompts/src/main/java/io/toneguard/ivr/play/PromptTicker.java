package io.toneguard.ivr.play;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ticks {@link PlayPromptStage}s every 20 ms with one timer per event loop, however many calls run
 * on it, instead of one timer per call.
 *
 * <p>Why: a media event loop sleeps in {@code epoll_wait} between packets, and each timer that
 * fires wakes it. With a timer per call, a loop carrying n calls woke 50·n times a second for the
 * ticks alone, as often as for the calls' packets, and on a VM a wake-up costs more than relaying
 * the packet. With this ticker a loop wakes 50 times a second for all its calls' ticks, and not
 * at all while no stage is registered on it.
 *
 * <p>{@link #add} may be called from any thread; the stage is ticked on {@code loop} until the
 * returned registration is closed (from any thread; the stage is dropped at the next tick).
 * Thread-safe.
 */
public final class PromptTicker {
    /** Tick period: one 20 ms packet. */
    public static final long PERIOD_NANOS = 20_000_000L;

    private final ConcurrentHashMap<EventExecutor, LoopTicks> loops = new ConcurrentHashMap<>();

    /** A stage ticked by this ticker until {@link #close}. */
    public interface Registration extends AutoCloseable {
        /** Stops ticking the stage (idempotent, any thread). */
        @Override
        void close();
    }

    /**
     * Ticks {@code stage} every 20 ms on {@code loop} (the call's event loop), sending what it
     * generates to {@code out}. A failing tick is skipped, never fatal.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop is shut down
     */
    public Registration add(EventExecutor loop, PlayPromptStage stage, PacketInjector out) {
        Entry e = new Entry(stage, out);
        LoopTicks ticks = loops.computeIfAbsent(loop, LoopTicks::new);
        loop.execute(() -> ticks.add(e));
        return e;
    }

    /** Stages registered on {@code loop} and not yet dropped; call on that loop (tests). */
    int registered(EventExecutor loop) {
        LoopTicks t = loops.get(loop);
        return t == null ? 0 : t.entries.size();
    }

    /** Whether {@code loop}'s timer is armed; call on that loop (tests). */
    boolean armed(EventExecutor loop) {
        LoopTicks t = loops.get(loop);
        return t != null && t.timer != null;
    }

    private static final class Entry implements Registration {
        final PlayPromptStage stage;
        final PacketInjector out;
        volatile boolean closed;

        Entry(PlayPromptStage stage, PacketInjector out) {
            this.stage = stage;
            this.out = out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One loop's stages and timer; touched on that loop only. */
    private static final class LoopTicks implements Runnable {
        private final EventExecutor loop;
        private final List<Entry> entries = new ArrayList<>();
        private ScheduledFuture<?> timer;

        LoopTicks(EventExecutor loop) {
            this.loop = loop;
        }

        void add(Entry e) {
            if (e.closed) {
                return;
            }
            entries.add(e);
            if (timer == null) {
                timer = loop.scheduleAtFixedRate(this, PERIOD_NANOS, PERIOD_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            int kept = 0;
            int n = entries.size();
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                if (e.closed) {
                    continue;
                }
                try {
                    e.stage.tick(now, e.out);
                } catch (RuntimeException ex) {
                    // a failed tick only costs one packet; the next one tries again
                }
                entries.set(kept++, e);
            }
            for (int i = n - 1; i >= kept; i--) {
                entries.remove(i);
            }
            if (kept == 0) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
