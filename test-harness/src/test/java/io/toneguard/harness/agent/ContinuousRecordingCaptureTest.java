package io.toneguard.harness.agent;

import io.toneguard.server.recording.RecordingMode;
import org.junit.jupiter.api.Test;

/** Agent captures on real calls with the recording running throughout (it only ever hears the masked audio); also keyed by SIP INFO. */
class ContinuousRecordingCaptureTest extends AgentCaptureEndToEndTest {
    @Override
    RecordingMode recordingMode() {
        return RecordingMode.CONTINUOUS_MASKED;
    }

    @Override
    int sipPort() {
        return 39390;
    }

    @Test
    void theCallerKeysTheCardBySipInfo() throws Exception {
        captureACardKeyedBySipInfo();
    }
}
