package io.toneguard.harness.agent;

import io.toneguard.server.recording.RecordingMode;

/** Agent captures on real calls with the recording running throughout: it only ever hears the masked audio. */
class ContinuousRecordingCaptureTest extends AgentCaptureEndToEndTest {
    @Override
    RecordingMode recordingMode() {
        return RecordingMode.CONTINUOUS_MASKED;
    }

    @Override
    int sipPort() {
        return 39390;
    }
}
