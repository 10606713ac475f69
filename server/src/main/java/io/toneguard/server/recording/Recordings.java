package io.toneguard.server.recording;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's entry to recording: built once from {@link RecordingSettings} at start-up (which
 * checks the folder), then {@link #open} per call. Owns the writer thread and the webhook.
 *
 * <pre>{@code
 * CallRecording rec = recordings.open(callId);
 * relay.aToB(masker).aToB(rec.callerTap()).bToA(rec.agentTap());
 * capture started -> rec.pause(captureId); ended -> rec.resume(captureId); call ended -> rec.close();
 * }</pre>
 */
public final class Recordings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);
    private static final int MAX_NAME = 120;

    private final RecordingSettings settings;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final RecordingWriter writer;
    private final RecordingWebhook webhook;
    private final Set<CallRecording> open = ConcurrentHashMap.newKeySet();
    private final LongAdder openFailures = new LongAdder();
    private volatile boolean closed;

    private Recordings(RecordingSettings settings, LongSupplier nanoClock, Clock wallClock, long writerBudgetBytes,
            long writerPollMillis) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        if (settings.mode() != RecordingMode.OFF) {
            checkFolder(settings.folder());
        }
        this.writer = new RecordingWriter(writerBudgetBytes, writerPollMillis);
        this.webhook = new RecordingWebhook(settings.webhook(), wallClock);
    }

    /**
     * Starts recording with {@code settings}: unless the mode is off, creates the folder if it is
     * missing and checks that files can be written there.
     *
     * @throws IllegalStateException naming the folder, if it cannot be used
     */
    public static Recordings start(RecordingSettings settings) {
        return new Recordings(settings, System::nanoTime, Clock.systemUTC(), RecordingWriter.DEFAULT_BUDGET_BYTES,
                RecordingWriter.POLL_MILLIS);
    }

    /** With the clocks and writer budget given (tests). */
    static Recordings start(RecordingSettings settings, LongSupplier nanoClock, Clock wallClock, long writerBudgetBytes) {
        return start(settings, nanoClock, wallClock, writerBudgetBytes, RecordingWriter.POLL_MILLIS);
    }

    /** ... and how often the writer looks for audio (tests). */
    static Recordings start(RecordingSettings settings, LongSupplier nanoClock, Clock wallClock, long writerBudgetBytes,
            long writerPollMillis) {
        return new Recordings(settings, nanoClock, wallClock, writerBudgetBytes, writerPollMillis);
    }

    private static void checkFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | InvalidPathException e) {
            throw new IllegalStateException("recording folder " + folder.toAbsolutePath() + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("recording folder " + folder.toAbsolutePath() + " is not a directory");
        }
        try {
            Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalStateException("recording folder " + folder.toAbsolutePath() + " is not writable: " + e, e);
        }
    }

    public RecordingSettings settings() {
        return settings;
    }

    public RecordingMode mode() {
        return settings.mode();
    }

    /**
     * Starts one call's recording (file {@code <folder>/<callId>.wav}, the call id reduced to
     * letters, digits, '.', '_' and '-'; "-1", "-2"... added if that file exists). Creating the
     * file is the only disk access on the calling thread. Never throws for a disk problem: the
     * call then goes unrecorded (logged, counted) but its webhooks still go out.
     */
    public CallRecording open(String callId) {
        if (closed) {
            throw new IllegalStateException("recordings are closed");
        }
        CallRecorder recorder = null;
        if (settings.mode() != RecordingMode.OFF) {
            try {
                recorder = new CallRecorder(callId, create(settings.folder(), callId), settings.mode(), writer, nanoClock, wallClock);
            } catch (IOException | RuntimeException e) {
                openFailures.increment();
                LOG.warn("call {} is not recorded: cannot create its file in {}: {}", callId, settings.folder(), e.toString());
            }
        }
        CallRecording[] self = new CallRecording[1];
        CallRecording rec = new CallRecording(callId, recorder, webhook.forCall(callId), () -> open.remove(self[0]));
        self[0] = rec;
        open.add(rec);
        rec.started();
        return rec;
    }

    private static StereoWavFile create(Path folder, String callId) throws IOException {
        String base = fileBase(callId);
        for (int i = 0; i < 1000; i++) {
            Path p = folder.resolve(base + (i == 0 ? "" : "-" + i) + ".wav");
            try {
                return StereoWavFile.create(p);
            } catch (FileAlreadyExistsException e) {
                // a call id seen before: next suffix
            }
        }
        throw new IOException("too many recordings named " + base);
    }

    /** A file name from a call id: safe characters only, no leading dot, bounded length. */
    static String fileBase(String callId) {
        String s = callId == null ? "" : callId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.length() > MAX_NAME) {
            s = s.substring(0, MAX_NAME);
        }
        if (s.isEmpty() || s.startsWith(".")) {
            s = "call" + s;
        }
        return s;
    }

    /** Calls being recorded (or notified) now. */
    public int openCalls() {
        return open.size();
    }

    /** Calls whose file could not be created. */
    public long openFailures() {
        return openFailures.sum();
    }

    /** Audio blocks written as silence because the disk fell behind. */
    public long writerOverruns() {
        return writer.overruns();
    }

    public RecordingWebhook webhook() {
        return webhook;
    }

    /** Waits until everything queued for the disk so far is written (tests). */
    boolean syncWriter(long timeoutMillis) {
        return writer.sync(timeoutMillis);
    }

    /** Closes every open call's recording, finishes the files, then sends what webhooks are left (bounded waits). */
    @Override
    public void close() {
        closed = true;
        for (CallRecording rec : List.copyOf(open)) {
            rec.close();
        }
        writer.close();
        webhook.close();
    }
}
