package io.toneguard.server.cli;

import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.dtmf.mask.ReplacementMode;
import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavReader;
import io.toneguard.media.wav.WavWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toneguard mask}: masks the DTMF tones of a WAV file exactly as the live pipeline does. */
@Command(name = "mask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Mask the DTMF tones of a WAV file (8 kHz mono; 16-bit PCM, mu-law or A-law) with the live "
                    + "pipeline's masker, and write the result in the input's encoding, same length, same alignment.",
            "Prints a one-line summary: duration, time masked, delay."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:masked", "2:bad input file, output not writable, or bad options"})
public final class MaskCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "IN.wav", description = "audio to mask")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.wav", description = "where to write the masked audio")
    Path output;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "replacement audio: flat-tone (default), silence or comfort-noise")
    String mode = MaskerSettings.DEFAULT.mode().configName();

    @Option(names = "--delay-ms", paramLabel = "N",
            description = "delay line in milliseconds, at least the detector's window + hop (default: ${DEFAULT-VALUE})")
    double delayMillis = MaskerSettings.DEFAULT.delayMillis();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MaskerSettings settings = settings();
        WavAudio audio;
        try {
            audio = WavReader.read(input);
        } catch (WavFormatException e) {
            return fail(err, input, e.getMessage());
        } catch (IOException e) {
            return fail(err, input, FileErrors.describe(e));
        }
        MaskResult result;
        try {
            result = new WavMasker(settings).mask(audio);
        } catch (RuntimeException e) { // a bug, not the file's fault: still one line, no stack trace
            return fail(err, input, "cannot mask (internal error: " + e.getClass().getSimpleName() + ")");
        }
        try {
            WavWriter.write(output, result.audio());
        } catch (IOException e) {
            return fail(err, output, "cannot write: " + FileErrors.describe(e));
        }
        if (result.lateSamples() > 0) {
            err.printf(Locale.ROOT, "toneguard: warning: %d ms of tone could not be masked in time (delay too short)%n",
                    result.lateSamples() * 1000 / audio.sampleRate());
        }
        out.printf(Locale.ROOT, "%s: %d ms of audio, %d ms masked (%.1f%%), delay %s ms, mode %s%n",
                output, audio.durationMillis(), result.maskedMillis(), result.maskedPercent(),
                millis(result.delayMillis()), settings.mode().configName());
        out.flush();
        return OK;
    }

    /** The masker's settings from the options; a bad option is a usage error (exit status 2). */
    private MaskerSettings settings() {
        ReplacementMode m;
        try {
            m = ReplacementMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--mode': " + e.getMessage());
        }
        if (MaskerSettings.delayProblem(delayMillis) != null) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--delay-ms': "
                    + millis(delayMillis) + " (use " + millis(MaskerSettings.MIN_DELAY_MILLIS) + " to "
                    + millis(MaskerSettings.MAX_MILLIS) + " ms: the delay must cover the detector's window for masking to start before the tone)");
        }
        try {
            return MaskerSettings.DEFAULT.withMode(m).withDelayMillis(delayMillis);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--delay-ms': " + e.getMessage());
        }
    }

    private static String millis(double ms) {
        return ms == Math.rint(ms) && !Double.isInfinite(ms) ? Long.toString((long) ms) : Double.toString(ms);
    }

    private static int fail(PrintWriter err, Path file, String reason) {
        err.println("toneguard: " + file + ": " + reason);
        err.flush();
        return BAD_INPUT;
    }
}
