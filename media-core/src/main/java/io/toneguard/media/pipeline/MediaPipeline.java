package io.toneguard.media.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain of stages declared top to bottom and ending in a sink. {@link #receive} never throws:
 * a stage failure drops that packet, is counted, and the stream goes on.
 */
public final class MediaPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(MediaPipeline.class);

    private final String name;
    private final List<MediaStage> stages;
    private final MediaStage head;
    private long errors;
    private long lastErrorLogNanos;

    private MediaPipeline(String name, List<MediaStage> stages) {
        this.name = name;
        this.stages = Collections.unmodifiableList(stages);
        this.head = stages.get(0);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<MediaStage> stages() {
        return stages;
    }

    /** Packets that a stage failed on (each was dropped). */
    public long errors() {
        return errors;
    }

    /** Runs one packet through the stages; the pipeline owns it from here. */
    public void receive(PacketContext p) {
        try {
            head.accept(p);
        } catch (RuntimeException | AssertionError e) {
            errors++;
            p.release();
            long now = System.nanoTime();
            if (now - lastErrorLogNanos > 1_000_000_000L) { // at most one line a second per pipeline
                lastErrorLogNanos = now;
                // the exception type and stage trace only: messages of packet parsers never carry payload bytes
                LOG.warn("pipeline {}: stage failure, packet dropped ({} so far)", name, errors, e);
            }
        }
    }

    /** One line per stage with its counters. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name);
        for (MediaStage s : stages) {
            sb.append("\n  ").append(s.name()).append(": ").append(s.stats());
        }
        return sb.toString();
    }

    /** Declares the stages in order; {@link #sink} ends the declaration. */
    public static final class Builder {
        private final String name;
        private final List<MediaStage> stages = new ArrayList<>();
        private RemovalListener removalListener = RemovalListener.NONE;

        private Builder(String name) {
            this.name = name;
        }

        public Builder then(MediaStage stage) {
            if (stage instanceof SinkStage) {
                throw new IllegalArgumentException("a sink ends the pipeline: use sink()");
            }
            stages.add(stage);
            return this;
        }

        /** Told of every packet a stage removes on purpose, e.g. so a rewriter can close the gap. */
        public Builder onRemoved(RemovalListener listener) {
            this.removalListener = listener;
            return this;
        }

        public MediaPipeline sink(SinkStage sink) {
            stages.add(sink);
            for (int i = 0; i < stages.size(); i++) {
                stages.get(i).linkTo(i + 1 < stages.size() ? stages.get(i + 1) : null, removalListener);
            }
            return new MediaPipeline(name, new ArrayList<>(stages));
        }
    }
}
