package io.toneguard.harness.agent;

import io.toneguard.server.recording.RecordingMode;
import org.junit.jupiter.api.Test;

/** Agent captures on real calls with the recording paused around each capture; also on the desktop page. */
class PauseResumeCaptureTest extends AgentCaptureEndToEndTest {
    @Override
    RecordingMode recordingMode() {
        return RecordingMode.PAUSE_RESUME;
    }

    @Override
    int sipPort() {
        return 39190;
    }

    @Test
    void anAgentTakesThePaymentOnTheDesktopPageDuringARealCall() throws Exception {
        takeThePaymentOnTheDesktopPage();
    }
}
