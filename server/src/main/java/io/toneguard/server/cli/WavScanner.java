package io.toneguard.server.cli;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.dtmf.inband.InbandDtmfDetector;
import io.toneguard.dtmf.inband.InbandListener;
import io.toneguard.media.wav.WavAudio;
import java.util.ArrayList;
import java.util.List;

/** Runs the in-band DTMF detector over a whole recording and lists the tones it finds, in order. */
public final class WavScanner {
    /** Samples fed to the detector at a time: 20 ms, one RTP packet's worth. */
    static final int FRAME = InbandDtmfDetector.SAMPLE_RATE / 50;

    private final DetectorSettings settings;

    public WavScanner(DetectorSettings settings) {
        this.settings = settings;
    }

    /** The tones in {@code audio}, which must be at the detector's rate (8 kHz). */
    public List<DetectedTone> scan(WavAudio audio) {
        if (audio.sampleRate() != InbandDtmfDetector.SAMPLE_RATE) {
            throw new IllegalArgumentException("the detector needs 8000 Hz audio, got " + audio.sampleRate() + " Hz");
        }
        Collector tones = new Collector();
        InbandDtmfDetector detector = new InbandDtmfDetector(settings, tones);
        short[] s = audio.samples();
        for (int off = 0; off < s.length; off += FRAME) {
            detector.process(s, off, Math.min(FRAME, s.length - off));
        }
        detector.flush();
        return tones.found;
    }

    private static long millis(long samples) {
        return samples * 1000 / InbandDtmfDetector.SAMPLE_RATE;
    }

    /** Pairs each digit's start with its end. */
    private static final class Collector implements InbandListener {
        private final List<DetectedTone> found = new ArrayList<>();
        private long onset;

        @Override
        public void toneSuspected(long fromSample, long toSample) {
        }

        @Override
        public void digitStarted(DtmfDigit digit, long onsetSample) {
            onset = Math.max(0, onsetSample);
        }

        @Override
        public void digitEnded(DtmfDigit digit, long endSample) {
            found.add(new DetectedTone(digit, millis(onset), millis(Math.max(0, endSample - onset))));
        }
    }
}
