package io.toneguard.harness.agent;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller does on a timeline: keys (as in-band tones, telephone-events or both), speech and
 * silence between; turned into the RTP packets the caller sends.
 */
final class CallerScript {
    /** How a key reaches ToneGuard. */
    enum Source { INBAND, EVENTS, BOTH }

    private static final double KEY_MILLIS = 90;
    private final Signal signal = new Signal(23);
    private final List<KeyPress> presses = new ArrayList<>();

    /** Silence until {@code millis} after the start (nothing if already past). */
    CallerScript at(double millis) {
        double now = now();
        if (millis > now) {
            signal.silence(millis - now);
        }
        return this;
    }

    /** Keys pressed 90 ms each with 90 ms between. */
    CallerScript keys(String keys, Source source) {
        for (char c : keys.toCharArray()) {
            DtmfDigit d = DtmfDigit.ofKey(c);
            if (source != Source.INBAND) {
                presses.add(new KeyPress(d, now(), KEY_MILLIS));
            }
            if (source == Source.EVENTS) {
                signal.silence(KEY_MILLIS);
            } else {
                signal.tone(d, KEY_MILLIS, -12);
            }
            signal.silence(KEY_MILLIS);
        }
        return this;
    }

    CallerScript speech(String corpusFile) throws IOException {
        signal.audio(SpeechCorpus.read(corpusFile));
        return this;
    }

    double now() {
        return signal.length() * 1000.0 / Signal.RATE;
    }

    List<RtpPcapWriter.TimedPacket> packets() {
        return packets(200);
    }

    /**
     * The packets, and then silence for {@code staysOnMillis}: a phone keeps sending RTP while the
     * caller listens, and ToneGuard hangs up on a caller whose media stops (its RTP timeout counts
     * the peers' packets only, never the prompts it plays). Closing the sender ends it earlier.
     */
    List<RtpPcapWriter.TimedPacket> packets(double staysOnMillis) {
        signal.silence(staysOnMillis);
        return RtpPcapWriter.packets(signal.pcm(), presses, RtpPcapWriter.Options.DEFAULT);
    }
}
