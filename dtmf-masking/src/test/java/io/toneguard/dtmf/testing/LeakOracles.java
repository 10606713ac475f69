package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;

/** The two leak oracles of DESIGN.md, run on audio meant for the agent. */
public final class LeakOracles {
    private LeakOracles() {
    }

    /** Fails unless neither our detector at its most sensitive nor multimon-ng decodes any digit. */
    public static void assertNothingDecodable(short[] heard) {
        RecordingListener oracle = new RecordingListener();
        InbandDtmfDetector sensitive = new InbandDtmfDetector(DetectorSettings.MOST_SENSITIVE, oracle);
        sensitive.process(heard, 0, heard.length);
        sensitive.flush();
        if (!oracle.presses.isEmpty()) {
            throw new AssertionError("our most sensitive detector decodes " + oracle.presses.size() + " digit(s) in the agent's audio");
        }
        int multimon = Multimon.dtmf(heard).length;
        if (multimon != 0) {
            throw new AssertionError("multimon-ng decodes " + multimon + " digit(s) in the agent's audio");
        }
    }
}
