package io.toneguard.ivr.play;

import io.toneguard.ivr.prompt.Prompt;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue of prompt sequences for one call, read out as audio frames by the media thread.
 *
 * <p>Threads: the flow calls {@link #play} and {@link #stop} from any thread; the media event loop
 * calls {@link #fill} and {@link #active}. The handoff is lock-free: a concurrent queue of
 * {@link Playback}s and a stop generation counter. {@code stop()} takes effect at once: the next
 * frame the media thread asks for has no prompt audio in it. Reading frames allocates nothing.
 */
public final class PromptPlayer {
    private final Executor callbacks;
    private final ConcurrentLinkedQueue<Playback> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger generation = new AtomicInteger();

    /**
     * @param callbacks runs {@link PlaybackListener}s: the flow's own executor, or
     *     {@code Runnable::run} to call them where the playback ends (then they must be quick)
     */
    public PromptPlayer(Executor callbacks) {
        this.callbacks = callbacks;
    }

    /** Queues {@code clips} to play after whatever is queued; any thread. */
    public Playback play(List<Prompt> clips, PlaybackListener listener) {
        Playback p = new Playback(clips, listener, generation.get());
        queue.add(p);
        return p;
    }

    /** Queues {@code clips} with no listener. */
    public Playback play(List<Prompt> clips) {
        return play(clips, PlaybackListener.NONE);
    }

    /**
     * Barge-in: ends the playing sequence and drops every queued one, at once; any thread. Each
     * is reported {@link PlaybackOutcome#STOPPED}. A later {@link #play} is not affected.
     */
    public void stop() {
        int g = generation.incrementAndGet();
        for (Playback p : queue) {
            if (p.generation() != g) {
                finish(p, PlaybackOutcome.STOPPED);
            }
        }
    }

    /** True while something is queued or playing that {@link #stop()} has not ended; any thread. */
    public boolean isPlaying() {
        int g = generation.get();
        for (Playback p : queue) {
            if (p.generation() == g && !p.isDone()) {
                return true;
            }
        }
        return false;
    }

    /** Media thread: true if the next frame has prompt audio. */
    public boolean active() {
        return current() != null;
    }

    /**
     * Media thread: writes the next {@code n} samples of the queue into {@code dst[off..]},
     * continuing across clips and sequences; silence after the end of the queue. Returns true if
     * any prompt audio was written.
     */
    public boolean fill(short[] dst, int off, int n) {
        int written = 0;
        boolean any = false;
        while (written < n) {
            Playback p = current();
            if (p == null) {
                break;
            }
            any = true;
            written += p.read(dst, off + written, n - written);
            if (p.exhausted()) {
                queue.poll();
                finish(p, PlaybackOutcome.COMPLETED);
            }
        }
        for (int i = written; i < n; i++) {
            dst[off + i] = 0;
        }
        return any;
    }

    /** The head of the queue once stopped ones are dropped; null if none. */
    private Playback current() {
        int g = generation.get();
        Playback p;
        while ((p = queue.peek()) != null) {
            if (p.generation() == g && !p.isDone()) {
                if (!p.exhausted()) {
                    return p;
                }
                queue.poll(); // no clips at all
                finish(p, PlaybackOutcome.COMPLETED);
            } else {
                queue.poll();
                finish(p, PlaybackOutcome.STOPPED);
            }
        }
        return null;
    }

    private void finish(Playback p, PlaybackOutcome how) {
        if (p.finish(how)) {
            try {
                callbacks.execute(() -> p.listener().finished(p, how));
            } catch (RejectedExecutionException e) {
                // the flow's executor is shut down: nobody is listening any more
            }
        }
    }
}
