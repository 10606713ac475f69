package io.toneguard.dtmf.testing;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ToneMasker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Talk-off on a speech corpus, measured as a call would see it: each file through a fresh
 * {@link ToneMasker} on its embedded defaults, in 20 ms frames, counting the digits it reports
 * (every one is false: the corpus is speech) and the share of speech it masks.
 */
public final class TalkOff {
    /** A false digit: where it was reported. */
    public record FalseDigit(String source, char key, double atSeconds) {
        @Override
        public String toString() {
            return source + ": '" + key + "' at " + String.format("%.3f", atSeconds) + " s";
        }
    }

    /** What one corpus gave. */
    public record Result(String corpus, int files, double seconds, List<FalseDigit> falseDigits, double maskedPercent) {
        public double falseDigitsPerHour() {
            return falseDigits.size() * 3600.0 / seconds;
        }

        public String summary() {
            return String.format("talk-off %s: %d files, %.1f min of speech, %d false digits (%.2f per hour), %.3f%% of speech masked",
                    corpus, files, seconds / 60, falseDigits.size(), falseDigitsPerHour(), maskedPercent);
        }
    }

    private TalkOff() {
    }

    /** Each file as a call of its own. */
    public static Result measure(String corpus, List<Path> files) {
        long samples = 0;
        long masked = 0;
        List<FalseDigit> falseDigits = new ArrayList<>();
        for (Path f : files) {
            short[] pcm = SpeechCorpus.read(f);
            samples += pcm.length;
            masked += run(f.getFileName().toString(), pcm, falseDigits);
        }
        return new Result(corpus, files.size(), samples / 8000.0, falseDigits, samples == 0 ? 0 : 100.0 * masked / samples);
    }

    /** One long recording as one call. */
    public static Result measure(String corpus, short[] pcm) {
        List<FalseDigit> falseDigits = new ArrayList<>();
        long masked = run(corpus, pcm, falseDigits);
        return new Result(corpus, 1, pcm.length / 8000.0, falseDigits, pcm.length == 0 ? 0 : 100.0 * masked / pcm.length);
    }

    /** Runs a fresh masker over {@code pcm}, adding what it reports; returns the samples it masked. */
    private static long run(String source, short[] pcm, List<FalseDigit> falseDigits) {
        RecordingListener heard = new RecordingListener();
        ToneMasker masker = new ToneMasker(MaskerSettings.DEFAULT, heard);
        short[] out = new short[160];
        for (int off = 0; off < pcm.length; off += 160) {
            masker.process(pcm, off, Math.min(160, pcm.length - off), out, 0);
        }
        masker.finish();
        for (RecordingListener.Press p : heard.presses) {
            falseDigits.add(new FalseDigit(source, p.digit().key(), p.onset() / 8000.0));
        }
        return masker.maskedSamples();
    }
}
