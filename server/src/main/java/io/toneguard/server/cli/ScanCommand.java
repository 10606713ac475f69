package io.toneguard.server.cli;

import io.toneguard.dtmf.inband.DetectorSettings;
import io.toneguard.media.wav.WavFormatException;
import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code toneguard scan}: lists the DTMF tones in WAV files, with the keys hidden unless asked for. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Find DTMF tones in WAV files (8 kHz mono; 16-bit PCM, mu-law or A-law).",
            "Prints one line per tone: <onset_ms> <digit> <duration_ms>, prefixed with the file name when "
                    + "several files are given. The digit is printed as * unless --reveal is given."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no tone found in any file",
            "1:tones found",
            "2:a file could not be read (the others are still scanned), or bad options"})
public final class ScanCommand implements Callable<Integer> {
    public static final int NONE_FOUND = 0;
    public static final int FOUND = 1;
    public static final int BAD_INPUT = 2;

    @Option(names = "--reveal", description = "print the keys themselves (card data: only where you are allowed to see it)")
    boolean reveal;

    @Option(names = "--sensitive", description = "use the detector's most sensitive settings (to check that audio is masked)")
    boolean sensitive;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files to scan")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WavScanner scanner = new WavScanner(sensitive ? DetectorSettings.MOST_SENSITIVE : DetectorSettings.DEFAULT);
        boolean found = false;
        boolean failed = false;
        for (Path file : files) {
            List<List<DetectedTone>> channels = new ArrayList<>();
            try {
                for (WavAudio channel : WavReader.readChannels(file)) {
                    channels.add(scanner.scan(channel));
                }
            } catch (WavFormatException e) {
                failed = fail(err, file, e.getMessage());
                continue;
            } catch (IOException e) {
                failed = fail(err, file, FileErrors.describe(e));
                continue;
            } catch (RuntimeException e) { // a bug, not the file's fault: still one line, and on to the next file
                failed = fail(err, file, "cannot scan (internal error: " + e.getClass().getSimpleName() + ")");
                continue;
            }
            for (int c = 0; c < channels.size(); c++) {
                for (DetectedTone t : channels.get(c)) {
                    if (files.size() > 1) {
                        out.print(file);
                        out.print(": ");
                    }
                    if (channels.size() > 1) {
                        out.print(c == 0 ? "left " : "right ");
                    }
                    out.print(t.onsetMillis());
                    out.print(' ');
                    out.print(reveal ? t.digit().key() : '*'); // a char, never a String holding the digit
                    out.print(' ');
                    out.println(t.durationMillis());
                }
                found |= !channels.get(c).isEmpty();
            }
        }
        out.flush();
        return failed ? BAD_INPUT : found ? FOUND : NONE_FOUND;
    }

    private static boolean fail(PrintWriter err, Path file, String reason) {
        err.println("toneguard: " + file + ": " + reason);
        err.flush();
        return true;
    }
}
