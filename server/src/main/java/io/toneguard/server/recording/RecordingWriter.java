package io.toneguard.server.recording;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that does every recording's file I/O, in submission order, so that media threads
 * never wait for the disk. Audio blocks waiting for it are bounded by a byte budget; a block over
 * budget is refused (its caller writes silence of the same length instead, keeping the timeline).
 */
final class RecordingWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    /** Audio queued for the disk, all calls together, before blocks are refused (about 17 minutes of call audio). */
    static final long DEFAULT_BUDGET_BYTES = 32L << 20;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toneguard-recording-writer");
        t.setDaemon(true);
        return t;
    });
    private final long budgetBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final LongAdder overruns = new LongAdder();
    private final LongAdder failures = new LongAdder();

    RecordingWriter(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Queues a write of {@code bytes} of audio; false (nothing queued) if that would exceed the budget. */
    boolean offer(long bytes, Runnable write) {
        if (queuedBytes.addAndGet(bytes) > budgetBytes) {
            queuedBytes.addAndGet(-bytes);
            overruns.increment();
            return false;
        }
        if (!run(() -> {
            try {
                write.run();
            } finally {
                queuedBytes.addAndGet(-bytes);
            }
        })) {
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Queues a task that holds no audio (open, silence, sidecar line, close); false once closed. */
    boolean run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failures.increment();
                    LOG.warn("recording writer task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Waits until everything queued so far is done (tests, shutdown). */
    boolean sync(long timeoutMillis) {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        if (!run(done::countDown)) {
            return true;
        }
        try {
            return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Audio bytes waiting for the disk now. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Blocks refused for the budget (written as silence). */
    long overruns() {
        return overruns.sum();
    }

    /** Finishes what is queued (bounded wait), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("recording writer did not finish within 30 s; {} bytes not written", queuedBytes.get());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
