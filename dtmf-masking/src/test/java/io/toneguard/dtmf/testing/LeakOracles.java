package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import java.util.List;

/**
 * The leak oracles, run on audio meant for the agent: our own detector at its most sensitive,
 * multimon-ng (an independent decoder from Debian) and the {@link FragmentAdversary} (a least-squares
 * classifier of 4-15 ms fragments).
 */
public final class LeakOracles {
    private LeakOracles() {
    }

    /**
     * What each oracle decoded: counts only, the keys are card digits.
     *
     * @param fragments the adversary's detections (their positions help find the cause of a leak)
     */
    public record Findings(int sensitive, int multimon, List<FragmentAdversary.Detection> fragments) {
        public boolean clean() {
            return sensitive == 0 && multimon == 0 && fragments.isEmpty();
        }

        @Override
        public String toString() {
            return "most sensitive detector " + sensitive + ", multimon-ng " + multimon + ", fragment adversary "
                    + fragments.size() + (fragments.isEmpty() ? "" : " " + fragments);
        }
    }

    /** Runs every oracle over {@code heard}. */
    public static Findings analyse(short[] heard) {
        RecordingListener oracle = new RecordingListener();
        InbandDtmfDetector sensitive = new InbandDtmfDetector(DetectorSettings.MOST_SENSITIVE, oracle);
        sensitive.process(heard, 0, heard.length);
        sensitive.flush();
        return new Findings(oracle.presses.size(), Multimon.dtmf(heard).length, FragmentAdversary.decode(heard));
    }

    /** Fails unless no oracle decodes any digit. */
    public static void assertNothingDecodable(short[] heard) {
        Findings f = analyse(heard);
        if (!f.clean()) {
            throw new AssertionError("digits decoded in the agent's audio: " + f);
        }
    }
}
