package io.toneguard.ivr.play;

import io.toneguard.ivr.prompt.Prompt;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One queued sequence of clips and, once it ends, how. The read position belongs to the media
 * thread; {@link #outcome()} may be read anywhere. No {@code toString()} of the clips: a sequence
 * can say the last four digits of a card.
 */
public final class Playback {
    private final Prompt[] clips;
    private final PlaybackListener listener;
    private final int generation;
    private final long samples;
    private final AtomicReference<PlaybackOutcome> outcome = new AtomicReference<>();
    private int clip;
    private int position;

    Playback(List<Prompt> clips, PlaybackListener listener, int generation) {
        this.clips = clips.toArray(new Prompt[0]);
        this.listener = listener;
        this.generation = generation;
        long n = 0;
        for (Prompt p : this.clips) {
            n += p.samples().length;
        }
        this.samples = n;
    }

    /** Total length of the clips, in milliseconds. */
    public long durationMillis() {
        return samples / 8;
    }

    /** Number of clips. */
    public int clipCount() {
        return clips.length;
    }

    /** How it ended, or null while queued or playing. */
    public PlaybackOutcome outcome() {
        return outcome.get();
    }

    public boolean isDone() {
        return outcome.get() != null;
    }

    int generation() {
        return generation;
    }

    /** Copies up to {@code n} next samples into {@code dst}; returns how many (fewer only at the end). Media thread. */
    int read(short[] dst, int off, int n) {
        int written = 0;
        while (written < n && clip < clips.length) {
            short[] s = clips[clip].samples();
            int k = Math.min(n - written, s.length - position);
            System.arraycopy(s, position, dst, off + written, k);
            written += k;
            position += k;
            if (position == s.length) {
                clip++;
                position = 0;
            }
        }
        return written;
    }

    boolean exhausted() {
        return clip >= clips.length;
    }

    /** Sets the outcome once; true if this call set it (and so must tell the listener). */
    boolean finish(PlaybackOutcome how) {
        return outcome.compareAndSet(null, how);
    }

    PlaybackListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "Playback[" + clips.length + " clips, " + durationMillis() + " ms, " + outcome.get() + "]";
    }
}
