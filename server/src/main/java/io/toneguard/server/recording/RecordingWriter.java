package io.toneguard.server.recording;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that does every recording's file I/O, in submission order, so that media threads
 * never wait for the disk. Audio blocks are queued lock-free and without waking the thread (it
 * drains the queue every {@value #POLL_MILLIS} ms by default), so a media thread's hand-off is a queue offer,
 * not a system call; rare control tasks (open, pause marks, close) wake it at once. Audio waiting
 * for the disk is bounded by a byte budget: a block over budget is refused (its caller writes
 * silence of the same length instead, keeping the timeline).
 */
final class RecordingWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    /** Audio queued for the disk, all calls together, before blocks are refused (about 17 minutes of call audio). */
    static final long DEFAULT_BUDGET_BYTES = 32L << 20;
    static final long POLL_MILLIS = 50;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final long pollNanos;
    private final Thread thread;
    private final long budgetBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final LongAdder overruns = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile boolean closing;

    RecordingWriter(long budgetBytes, long pollMillis) {
        this.budgetBytes = budgetBytes;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        this.thread = new Thread(this::loop, "toneguard-recording-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (true) {
            boolean last = closing; // read before draining: whatever was queued before close() is done
            Runnable task;
            while ((task = queue.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failures.increment();
                    LOG.warn("recording writer task failed", e);
                }
            }
            if (last) {
                return;
            }
            LockSupport.parkNanos(this, pollNanos);
        }
    }

    /** Queues a write of {@code bytes} of audio, without waking the writer; false (nothing queued) if over budget or closed. */
    boolean offer(long bytes, Runnable write) {
        if (closing) {
            return false;
        }
        if (queuedBytes.addAndGet(bytes) > budgetBytes) {
            queuedBytes.addAndGet(-bytes);
            overruns.increment();
            return false;
        }
        queue.offer(() -> {
            try {
                write.run();
            } finally {
                queuedBytes.addAndGet(-bytes);
            }
        });
        return true;
    }

    /** Queues a task that holds no audio (silence, sidecar line, close) and wakes the writer; false once closed. */
    boolean run(Runnable task) {
        if (closing) {
            return false;
        }
        queue.offer(task);
        LockSupport.unpark(thread);
        return true;
    }

    /** Queues a task that holds no audio without waking the writer (silence from the media thread). */
    boolean later(Runnable task) {
        if (closing) {
            return false;
        }
        queue.offer(task);
        return true;
    }

    /** Waits until everything queued so far is done (tests, shutdown). */
    boolean sync(long timeoutMillis) {
        CountDownLatch done = new CountDownLatch(1);
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

    /** Finishes what is queued (waiting up to 30 s), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(30_000);
            if (thread.isAlive()) {
                LOG.warn("recording writer did not finish within 30 s; {} bytes not written", queuedBytes.get());
                return;
            }
            Runnable late;
            while ((late = queue.poll()) != null) { // queued while the writer was stopping
                late.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
