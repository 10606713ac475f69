package io.toneguard.server.recording;

import io.toneguard.media.pipeline.MediaStage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One call's recording as the server sees it: the two taps to put in the call's pipelines, and
 * pause/resume/close, which drive the built-in recorder (if any) and the webhook alike. When the
 * built-in recorder is off (or its file could not be created) the taps are still valid stages
 * that record nothing, so the wiring is the same either way; {@link #recording()} tells which.
 */
public final class CallRecording implements AutoCloseable {
    private final String callId;
    private final CallRecorder recorder;
    private final RecordingWebhook.CallNotifier notifier;
    private final MediaStage callerTap;
    private final MediaStage agentTap;
    private final Runnable onClose;
    private final Set<String> pausesWithoutRecorder = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    CallRecording(String callId, CallRecorder recorder, RecordingWebhook.CallNotifier notifier, Runnable onClose) {
        this.callId = callId;
        this.recorder = recorder;
        this.notifier = notifier;
        this.onClose = onClose;
        this.callerTap = recorder != null ? recorder.callerTap() : RecordTapStage.idle("record-caller");
        this.agentTap = recorder != null ? recorder.agentTap() : RecordTapStage.idle("record-agent");
    }

    public String callId() {
        return callId;
    }

    /** True if the built-in recorder writes this call to a file. */
    public boolean recording() {
        return recorder != null;
    }

    /** The WAV file, or null when not recording. */
    public Path file() {
        return recorder == null ? null : recorder.file();
    }

    /** The recorder itself (counters), or null when not recording. */
    public CallRecorder recorder() {
        return recorder;
    }

    /** Stage for caller -> agent, to be added AFTER the masker (RtpRelay.Builder#aToB). */
    public MediaStage callerTap() {
        return callerTap;
    }

    /** Stage for agent -> caller (RtpRelay.Builder#bToA). */
    public MediaStage agentTap() {
        return agentTap;
    }

    /**
     * A capture started: pause (pause-resume mode), mark the sidecar, tell the webhooks. Returns
     * at once; safe from any thread. A second pause with the same id is ignored.
     *
     * @param captureId the capture's id (an id, never card data), or null
     */
    public synchronized void pause(String captureId) {
        if (closed) {
            return;
        }
        boolean fresh = recorder != null ? recorder.pause(captureId) : pausesWithoutRecorder.add(CaptureIds.safe(captureId));
        if (fresh) {
            notifier.send(RecordingEvent.PAUSED, captureId);
        }
    }

    /** The capture ended: resume once no capture pauses the call. A resume without its pause is ignored. */
    public synchronized void resume(String captureId) {
        if (closed) {
            return;
        }
        boolean known = recorder != null ? recorder.resume(captureId) : pausesWithoutRecorder.remove(CaptureIds.safe(captureId));
        if (known) {
            notifier.send(RecordingEvent.RESUMED, captureId);
        }
    }

    /** The call ended: the file is completed in the background, webhooks get "stopped". Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (recorder != null) {
            recorder.close();
        }
        notifier.send(RecordingEvent.STOPPED, null);
        onClose.run();
    }

    /** Completes when the file is final (at once when not recording). */
    public CompletableFuture<Void> finished() {
        return recorder == null ? CompletableFuture.completedFuture(null) : recorder.finished();
    }

    /** Sends "started" to the webhooks (by {@link Recordings#open}). */
    void started() {
        notifier.send(RecordingEvent.STARTED, null);
    }
}
