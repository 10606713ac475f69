package io.toneguard.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged product ({@code server/target/toneguard.jar}) run as a real process, its output
 * collected line by line, for end-to-end tests.
 */
public final class ToneGuardProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private ToneGuardProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "toneguard-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The jar to run: system property {@code toneguard.jar}, else {@code ../server/target/toneguard.jar}. */
    public static Path jar() {
        String configured = System.getProperty("toneguard.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("..", "server", "target", "toneguard.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("toneguard.jar not built at " + jar.toAbsolutePath()
                    + ": run the tests with 'mvn verify' (the jar is made in the package phase)");
        }
        return jar;
    }

    /** Starts {@code java -jar toneguard.jar <args>} with stderr merged into stdout. */
    public static ToneGuardProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return new ToneGuardProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output reader failed: " + e + ")");
        }
    }

    /** Waits until a line containing {@code text} appears; false on timeout or process exit. */
    public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(1000);
                return output().contains(text);
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Everything printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** Sends SIGTERM and waits for the exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("toneguard did not stop within " + timeout + ":\n" + output());
        }
        reader.join(2000);
        return process.exitValue();
    }

    /** Waits for the process to end by itself. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("toneguard still running after " + timeout + ":\n" + output());
        }
        reader.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
