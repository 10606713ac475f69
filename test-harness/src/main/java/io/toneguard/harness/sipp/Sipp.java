package io.toneguard.harness.sipp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One sipp run, configured like its command line: a scenario from this module's {@code /sipp/}
 * resources (extracted to a temporary directory, which is also sipp's working directory and holds its
 * logs), loopback address, ports, call count and rate, {@code -key} parameters, and a global timeout.
 *
 * <pre>{@code
 * try (SippProcess agent = Sipp.scenario("agent.xml").localPort(35010).mediaPort(35012)
 *         .key("agent_rtp_port", "35020").start();
 *      SippProcess caller = Sipp.scenario("caller.xml").localPort(35000).mediaPort(35004)
 *         .remote("127.0.0.1", 35010).key("pcap", pcap.toString()).key("pause_ms", "1500").start()) {
 *     SippResult c = caller.await(Duration.ofSeconds(10));
 *     assertTrue(c.succeeded(), c.describe());
 * }
 * }</pre>
 *
 * <p>{@code play_pcap_audio} sends through a raw socket: sipp must run as root (or with CAP_NET_RAW).
 */
public final class Sipp {
    /** The sipp binary: system property {@code sipp.binary}, else {@code sipp} on the PATH. */
    public static final String BINARY = System.getProperty("sipp.binary", "sipp");
    /** Where the scenarios live on the class path. */
    public static final String RESOURCE_DIR = "/sipp/";

    private final String scenario;
    private String address = "127.0.0.1";
    private int localPort = -1;
    private int mediaPort = -1;
    private String remote;
    private int calls = 1;
    private Double rate;
    private Integer limit;
    private Duration timeout = Duration.ofSeconds(20);
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<String> extra = new ArrayList<>();

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    /** A run of the scenario {@code /sipp/<name>} (e.g. {@code "caller.xml"}). */
    public static Sipp scenario(String name) {
        if (Sipp.class.getResource(RESOURCE_DIR + name) == null) {
            throw new IllegalArgumentException("no sipp scenario " + RESOURCE_DIR + name + " on the class path");
        }
        return new Sipp(name);
    }

    /** {@code -i}: local address for SIP and media (default 127.0.0.1). */
    public Sipp address(String a) {
        this.address = Objects.requireNonNull(a);
        return this;
    }

    /** {@code -p}: local SIP port. Required. */
    public Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    /** {@code -mp}: local media port (pcap playback's source port; sipp also binds it). Required. */
    public Sipp mediaPort(int port) {
        this.mediaPort = port;
        return this;
    }

    /** The remote SIP host and port (a UAC's target); none for a UAS. */
    public Sipp remote(String host, int port) {
        this.remote = host + ":" + port;
        return this;
    }

    /** {@code -m}: calls to make or answer before exiting (default 1). */
    public Sipp calls(int n) {
        this.calls = n;
        return this;
    }

    /** {@code -r}: new calls per second. */
    public Sipp rate(double callsPerSecond) {
        this.rate = callsPerSecond;
        return this;
    }

    /** {@code -l}: most calls at once. */
    public Sipp limit(int concurrentCalls) {
        this.limit = concurrentCalls;
        return this;
    }

    /** {@code -key name value}: a {@code [name]} parameter of the scenario. */
    public Sipp key(String name, String value) {
        keys.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** {@code -key name value} for a number. */
    public Sipp key(String name, long value) {
        return key(name, Long.toString(value));
    }

    /**
     * {@code -timeout} with {@code -timeout_error}: sipp gives up and fails after this long (default
     * 20 s, whole seconds, at least one).
     */
    public Sipp timeout(Duration t) {
        this.timeout = Objects.requireNonNull(t);
        return this;
    }

    /** Any other sipp options, appended as given. */
    public Sipp args(String... more) {
        extra.addAll(List.of(more));
        return this;
    }

    /** The command line, with the scenario at {@code scenarioFile} and logs in {@code dir}. */
    List<String> command(Path scenarioFile, Path dir) {
        if (localPort < 0 || mediaPort < 0) {
            throw new IllegalStateException("sipp needs localPort and mediaPort (sipp binds its media port)");
        }
        List<String> c = new ArrayList<>(List.of(BINARY, "-sf", scenarioFile.toString(),
                "-i", address, "-p", Integer.toString(localPort), "-mp", Integer.toString(mediaPort),
                "-m", Integer.toString(calls), "-nostdin",
                "-timeout", Math.max(1, (timeout.toMillis() + 999) / 1000) + "s", "-timeout_error",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                "-trace_screen", "-screen_file", dir.resolve("screen.log").toString(),
                "-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
        if (rate != null) {
            c.addAll(List.of("-r", Double.toString(rate)));
        }
        if (limit != null) {
            c.addAll(List.of("-l", Integer.toString(limit)));
        }
        keys.forEach((k, v) -> c.addAll(List.of("-key", k, v)));
        c.addAll(extra);
        if (remote != null) {
            c.add(remote);
        }
        return c;
    }

    /** Starts sipp; {@link SippProcess#await} collects the result. */
    public SippProcess start() throws IOException {
        Path dir = Files.createTempDirectory("sipp-");
        Path file = dir.resolve(scenario);
        try (InputStream in = Sipp.class.getResourceAsStream(RESOURCE_DIR + scenario)) {
            Files.copy(Objects.requireNonNull(in, scenario), file);
        }
        List<String> command = command(file, dir);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        return new SippProcess(p, command, dir, address, localPort);
    }

    /** Starts sipp and waits for it ({@code wait} should exceed the sipp timeout). */
    public SippResult run(Duration wait) throws IOException, InterruptedException {
        try (SippProcess p = start()) {
            return p.await(wait);
        }
    }

    /** A running sipp. Closing it kills sipp if still running and deletes its directory. */
    public static final class SippProcess implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final Path dir;
        private final String address;
        private final int sipPort;
        private SippResult result;

        SippProcess(Process process, List<String> command, Path dir, String address, int sipPort) {
            this.process = process;
            this.command = List.copyOf(command);
            this.dir = dir;
            this.address = address;
            this.sipPort = sipPort;
        }

        /**
         * Waits until sipp listens on its SIP port, so a peer started next finds it; false if it did
         * not within {@code timeout} or sipp exited. Reads the kernel's socket table
         * ({@code /proc/net/udp}) rather than probing the port, which would race sipp for it.
         */
        public boolean awaitListening(java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String port = String.format(":%04X ", sipPort);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                        Path t = Path.of(table);
                        if (Files.exists(t) && Files.readAllLines(t).stream().anyMatch(l -> l.contains(port))) {
                            return true;
                        }
                    }
                } catch (IOException e) {
                    Thread.sleep(200); // no socket table to read: give sipp a moment instead
                    return process.isAlive();
                }
                Thread.sleep(10);
            }
            return false;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        /**
         * Waits for sipp to exit and returns its exit status and logs. On timeout sipp is killed and the
         * result has exit status -1 ({@link SippResult#TIMED_OUT}).
         */
        public synchronized SippResult await(Duration wait) throws InterruptedException {
            if (result != null) {
                return result;
            }
            int exit;
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                process.destroy(); // SIGTERM: sipp writes its screen and logs
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
                exit = SippResult.TIMED_OUT;
            }
            result = new SippResult(exit, read("screen.log"), read("errors.log"), read("messages.log"),
                    read("stdout.log"), command);
            return result;
        }

        private String read(String name) {
            Path f = dir.resolve(name);
            try {
                return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "";
            } catch (IOException e) {
                return "(cannot read " + name + ": " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!Files.exists(dir)) {
                return; // closed before
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * How a sipp run ended: exit status (0 all calls succeeded, 1 some failed, 99 no call processed,
     * 255/254 fatal or bind error, -1 killed by us after the wait), screen, error and message logs.
     */
    public record SippResult(int exitCode, String screen, String errors, String messages, String output,
                             List<String> command) {
        /** Exit status when the wait ran out and sipp was killed. */
        public static final int TIMED_OUT = -1;

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** For assertion messages: the command, exit status, errors and the end of the screen. */
        public String describe() {
            String shownScreen = screen.isBlank() ? output : screen;
            return "sipp exit " + exitCode + ": " + String.join(" ", command)
                    + "\n--- errors ---\n" + tail(errors, 4000)
                    + "\n--- screen ---\n" + tail(shownScreen, 4000)
                    + "\n--- messages ---\n" + tail(messages, 6000);
        }

        private static String tail(String s, int max) {
            return s.length() <= max ? s : "..." + s.substring(s.length() - max);
        }
    }
}
