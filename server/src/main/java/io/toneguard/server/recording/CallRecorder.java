package io.toneguard.server.recording;

import io.toneguard.media.g711.G711Codec;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.PacketKind;
import io.toneguard.media.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call as a stereo 8 kHz 16-bit WAV (left: the caller as the agent hears it, masked;
 * right: the agent), streamed to disk while the call runs, with a sidecar of events.
 *
 * <p>Threads. The two {@linkplain #callerTap() taps} run on the call's media event loop (both
 * directions share it), place each packet on the timeline ({@link ChannelTrack}) and decode it
 * into a one-second ring per channel: no lock, no allocation per packet. Every 200 ms of audio,
 * the part that late packets can no longer reach (300 ms behind the newest) is interleaved into a
 * pooled block and queued for the {@link RecordingWriter} thread (a lock-free queue offer, no
 * wake-up), so the media thread never waits for the disk and memory stays bounded: two 16 kB rings
 * and one or two 12.8 kB blocks per call, plus what the writer's byte budget lets queue up. {@link #pause}, {@link #resume}
 * and {@link #close} come from other threads: pauses touch only volatile and concurrent state;
 * close takes the ring over through an atomic owner flag (the media thread never waits; close
 * waits at most for the packet being recorded) and then flushes what is left.
 *
 * <p>Pause/resume mode silences a pause on both channels twice over: audio the taps see while
 * paused is not written, and every sample whose timeline position falls inside a paused span is
 * zeroed when written out, whenever its packet arrived.
 */
public final class CallRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    /** Nanoseconds per sample at 8 kHz. */
    static final long NANOS_PER_SAMPLE = 125_000L;
    /** Audio is handed to the writer in steps of this much (200 ms). */
    static final int BLOCK = 1600;
    /** ... keeping this much (300 ms) in the ring for late packets. */
    static final int HOLDBACK = 2400;
    /** Largest block handed to the writer, in frames. */
    static final int MAX_BLOCK_FRAMES = 3200;
    /** Longer payloads are not telephone audio (200 ms of G.711). */
    static final int MAX_PACKET = 1600;
    private static final int OPEN = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;

    private final String callId;
    private final RecordingMode mode;
    private final RecordingWriter writer;
    private final StereoWavFile wav;
    private final EventSidecar sidecar;
    private final long startNanos;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final ChannelTrack caller = new ChannelTrack();
    private final ChannelTrack agent = new ChannelTrack();
    private final RecordTapStage callerTap;
    private final RecordTapStage agentTap;
    private final AtomicInteger owner = new AtomicInteger(OPEN);
    private final ArrayBlockingQueue<ByteBuffer> freeBlocks = new ArrayBlockingQueue<>(4);
    private final CopyOnWriteArrayList<PauseSpan> spans = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Object control = new Object();
    private final Set<String> activePauses = new HashSet<>(); // guarded by control
    private boolean stopped; // guarded by control
    private volatile boolean paused;

    /** Timeline position up to which audio has gone to the writer (media thread, then the closer). */
    private long flushed;
    private long overruns;
    private long errors;
    private long lastErrorLogNanos;

    /** A paused span of the timeline; {@code end} is open until the resume. */
    private static final class PauseSpan {
        final long start;
        volatile long end = Long.MAX_VALUE;

        PauseSpan(long start) {
            this.start = start;
        }
    }

    CallRecorder(String callId, StereoWavFile wav, RecordingMode mode, RecordingWriter writer, LongSupplier nanoClock,
            Clock wallClock) {
        if (mode == RecordingMode.OFF) {
            throw new IllegalArgumentException("a recorder needs a recording mode");
        }
        this.callId = callId;
        this.mode = mode;
        this.writer = writer;
        this.wav = wav;
        this.sidecar = new EventSidecar(wav.path().resolveSibling(wav.path().getFileName() + ".events.jsonl"));
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.startNanos = nanoClock.getAsLong();
        this.callerTap = new RecordTapStage("record-caller", this, caller);
        this.agentTap = new RecordTapStage("record-agent", this, agent);
        Map<String, Object> started = event(RecordingEvent.STARTED, 0, "");
        started.put("mode", mode.configName());
        started.put("file", wav.path().getFileName().toString());
        String line = RecordingJson.write(started);
        writer.run(() -> sidecar.append(line));
    }

    public String callId() {
        return callId;
    }

    /** The WAV file. */
    public Path file() {
        return wav.path();
    }

    /** The sidecar file of events. */
    public Path sidecarFile() {
        return sidecar.path();
    }

    public RecordingMode mode() {
        return mode;
    }

    /** The left channel's tap: caller -> agent, after the masker. */
    public MediaStage callerTap() {
        return callerTap;
    }

    /** The right channel's tap: agent -> caller. */
    public MediaStage agentTap() {
        return agentTap;
    }

    /** Completes once the file is closed and its header final. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * Marks the start of a capture: in pause-resume mode the recording is silent from now until
     * every pause is resumed. Safe from any thread.
     *
     * @param captureId the capture's id (an id only, never card data); null for none
     * @return false if this id is already pausing the call, or the recording is closed
     */
    public boolean pause(String captureId) {
        String id = CaptureIds.safe(captureId);
        synchronized (control) {
            if (stopped || !activePauses.add(id)) {
                return false;
            }
            long at = positionNow();
            if (activePauses.size() == 1) {
                if (mode == RecordingMode.PAUSE_RESUME) {
                    spans.add(new PauseSpan(at));
                }
                paused = true;
            }
            Map<String, Object> e = event(RecordingEvent.PAUSED, at, id);
            e.put("audio", mode == RecordingMode.PAUSE_RESUME ? "silenced" : "kept");
            sidecarLine(e);
            return true;
        }
    }

    /**
     * Marks the end of a capture; the recording resumes once no capture pauses it any more.
     *
     * @return false if this id was not pausing the call, or the recording is closed
     */
    public boolean resume(String captureId) {
        String id = CaptureIds.safe(captureId);
        synchronized (control) {
            if (stopped || !activePauses.remove(id)) {
                return false;
            }
            long at = positionNow();
            if (activePauses.isEmpty()) {
                paused = false;
                for (PauseSpan s : spans) {
                    if (s.end == Long.MAX_VALUE) {
                        s.end = Math.max(at, s.start);
                    }
                }
            }
            sidecarLine(event(RecordingEvent.RESUMED, at, id));
            return true;
        }
    }

    /** True while at least one capture pauses the call. */
    public boolean paused() {
        return paused;
    }

    /**
     * Ends the recording: later packets are ignored, what is buffered goes to the file, the header
     * is fixed up. Returns without waiting for the disk (see {@link #finished()}). Idempotent.
     */
    @Override
    public void close() {
        while (true) {
            int s = owner.get();
            if (s == CLOSED) {
                return;
            }
            if (s == OPEN && owner.compareAndSet(OPEN, CLOSED)) {
                break;
            }
            Thread.onSpinWait(); // the media thread is inside one packet
        }
        try {
            flushTo(Math.max(caller.end, agent.end));
        } catch (RuntimeException e) {
            LOG.warn("recording of call {}: final flush failed", callId, e);
        }
        synchronized (control) {
            stopped = true;
            sidecarLine(event(RecordingEvent.STOPPED, positionNow(), ""));
        }
        if (!writer.run(this::finishOnWriter)) {
            finishOnWriter(); // the writer is gone (shutdown): finish here
        }
    }

    private void finishOnWriter() {
        try {
            wav.close();
            sidecar.close();
        } finally {
            finished.complete(null);
        }
    }

    // ---- media thread ----

    /** Records one packet of {@code track}'s direction; called by the taps on the media thread. */
    void record(ChannelTrack track, PacketContext p) {
        if (!owner.compareAndSet(OPEN, BUSY)) {
            return; // closed
        }
        try {
            place(track, p);
        } catch (RuntimeException e) {
            errors++;
            long now = System.nanoTime();
            if (now - lastErrorLogNanos > 1_000_000_000L) {
                lastErrorLogNanos = now;
                LOG.warn("recording of call {}: packet not recorded ({} so far)", callId, errors, e);
            }
        } finally {
            owner.set(OPEN);
        }
    }

    private void place(ChannelTrack track, PacketContext p) {
        RtpPacket rtp = p.rtp();
        if (p.kind() != PacketKind.RTP || !rtp.isWrapped()) {
            track.ignored++;
            return;
        }
        G711Codec codec = G711Codec.forPayloadType(rtp.payloadType());
        int n = rtp.payloadLength();
        if (codec == null || n <= 0 || n > MAX_PACKET) {
            track.ignored++; // telephone-events, comfort noise, anything not G.711 audio
            return;
        }
        long arrival = Math.max(0, (p.receivedNanos() - startNanos) / NANOS_PER_SAMPLE);
        long pos = track.place(rtp.ssrc(), rtp.timestamp(), n, arrival);
        if (paused && mode == RecordingMode.PAUSE_RESUME) {
            track.silenced++;
        } else {
            if (pos + n > flushed + ChannelTrack.RING) {
                flushTo(pos + n - ChannelTrack.RING); // a jump ahead: make room
            }
            int skip = (int) Math.max(0, flushed - pos);
            if (skip >= n) {
                track.late++;
            } else {
                int at = (int) ((pos + skip) % ChannelTrack.RING);
                int count = n - skip;
                int first = Math.min(count, ChannelTrack.RING - at);
                int src = rtp.payloadOffset() + skip;
                codec.decode(rtp.buffer(), src, track.ring, at, first);
                if (first < count) {
                    codec.decode(rtp.buffer(), src + first, track.ring, 0, count - first);
                }
                track.recorded++;
            }
        }
        long lead = Math.max(caller.end, agent.end);
        if (lead - flushed >= HOLDBACK + BLOCK) {
            flushTo(lead - HOLDBACK);
        }
    }

    /** Hands the timeline up to {@code target} to the writer: ring content, then silence past it. */
    private void flushTo(long target) {
        long ringEnd = Math.min(target, flushed + ChannelTrack.RING);
        while (flushed < ringEnd) {
            int frames = (int) Math.min(MAX_BLOCK_FRAMES, ringEnd - flushed);
            ByteBuffer block = takeBlock();
            interleave(flushed, frames, block);
            block.flip();
            if (!writer.offer(block.remaining(), () -> {
                wav.write(block);
                freeBlocks.offer(block);
            })) {
                freeBlocks.offer(block);
                overruns++;
                writeSilence(frames);
            }
            flushed += frames;
        }
        if (target > flushed) {
            writeSilence(target - flushed); // nothing was placed there: the ring past it is all zero
            flushed = target;
        }
    }

    private void writeSilence(long frames) {
        writer.later(() -> wav.writeSilence(frames));
    }

    private ByteBuffer takeBlock() {
        ByteBuffer b = freeBlocks.poll();
        if (b == null) {
            return ByteBuffer.allocate(MAX_BLOCK_FRAMES * StereoWavFile.FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        return b.clear();
    }

    private void interleave(long from, int frames, ByteBuffer out) {
        short[] l = caller.ring;
        short[] r = agent.ring;
        byte[] a = out.array(); // blocks are heap buffers from takeBlock(): little-endian by hand
        int k = out.arrayOffset() + out.position();
        int at = (int) (from % ChannelTrack.RING);
        for (int i = 0; i < frames; i++) {
            short left = l[at];
            short right = r[at];
            a[k] = (byte) left;
            a[k + 1] = (byte) (left >> 8);
            a[k + 2] = (byte) right;
            a[k + 3] = (byte) (right >> 8);
            k += 4;
            l[at] = 0;
            r[at] = 0;
            if (++at == ChannelTrack.RING) {
                at = 0;
            }
        }
        out.position(out.position() + frames * StereoWavFile.FRAME_BYTES);
        if (mode == RecordingMode.PAUSE_RESUME && !spans.isEmpty()) {
            silenceSpans(from, frames, out);
        }
    }

    /** Zeroes what falls inside paused spans; forgets spans that are over. */
    private void silenceSpans(long from, int frames, ByteBuffer out) {
        long to = from + frames;
        for (PauseSpan s : spans) {
            long end = s.end;
            long a = Math.max(from, s.start);
            long b = Math.min(to, end);
            for (long i = a; i < b; i++) {
                out.putInt((int) (i - from) * StereoWavFile.FRAME_BYTES, 0);
            }
            if (end <= to) {
                spans.remove(s);
            }
        }
    }

    // ---- counters (written by the media thread; reads from elsewhere are approximate) ----

    /** Audio packets recorded, per channel: caller then agent. */
    public long[] packetsRecorded() {
        return new long[] {caller.recorded, agent.recorded};
    }

    /** Packets that were not audio or not readable (both channels). */
    public long packetsIgnored() {
        return caller.ignored + agent.ignored;
    }

    /** Packets that came too late for their place, already written (both channels). */
    public long packetsLate() {
        return caller.late + agent.late;
    }

    /** Packets not written because the call was paused (both channels). */
    public long packetsSilenced() {
        return caller.silenced + agent.silenced;
    }

    /** Blocks written as silence because the disk fell behind. */
    public long overruns() {
        return overruns;
    }

    // ---- sidecar ----

    private long positionNow() {
        return Math.max(0, (nanoClock.getAsLong() - startNanos) / NANOS_PER_SAMPLE);
    }

    private Map<String, Object> event(RecordingEvent what, long sample, String captureId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", what.wireName());
        m.put("offsetSeconds", sample / (double) StereoWavFile.RATE);
        m.put("offsetSamples", sample);
        m.put("at", wallClock.instant().toString());
        if (!captureId.isEmpty()) {
            m.put("captureId", captureId);
        }
        return m;
    }

    private void sidecarLine(Map<String, Object> fields) {
        String line = RecordingJson.write(fields);
        writer.run(() -> sidecar.append(line));
    }
}
