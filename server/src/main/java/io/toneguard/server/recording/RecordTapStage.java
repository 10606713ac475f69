package io.toneguard.server.recording;

import io.toneguard.media.pipeline.ObserverStage;
import io.toneguard.media.pipeline.PacketContext;

/**
 * Copies one direction's G.711 audio into a call's recording and passes every packet on
 * untouched. Goes after the masker on caller -> agent, anywhere on agent -> caller. Never throws
 * (a recorder fault must not drop the packet toward the agent). A tap of a call that is not
 * recorded does nothing.
 */
public final class RecordTapStage extends ObserverStage {
    private final CallRecorder recorder;
    private final ChannelTrack track;

    RecordTapStage(String name, CallRecorder recorder, ChannelTrack track) {
        super(name);
        this.recorder = recorder;
        this.track = track;
    }

    /** A tap that records nothing (recording off, or the file could not be created). */
    static RecordTapStage idle(String name) {
        return new RecordTapStage(name, null, null);
    }

    /** True if this tap feeds a recording. */
    public boolean recording() {
        return recorder != null;
    }

    @Override
    protected void observe(PacketContext p) {
        if (recorder != null) {
            recorder.record(track, p);
        }
    }
}
