package io.toneguard.harness.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.config.ConfigLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load through ToneGuard with sipp: many calls with media at once, and a steady call rate. Every
 * call must complete, and every call's media must reach the agent side as its own stream: the
 * agent's audio of all calls lands on one port, where each of ToneGuard's per-call SSRCs must carry
 * exactly one call's packets in an unbroken sequence. Prints the figures docs/performance.md quotes.
 */
@IntegrationTest
class ToneGuardLoadTest {
    private static final int SIP_PORT = 35500;
    private static ToneGuardServer toneGuard;

    @TempDir
    Path dir;

    private static io.netty.util.ResourceLeakDetector.Level leakLevel;

    /** {@code -Dtoneguard.load.coalesceMicros=N} runs ToneGuard with {@code media.coalesceMicros: N} (default 0). */
    @BeforeAll
    static void start(@TempDir Path cfgDir) throws Exception {
        // a load run measures: paranoid leak tracking (a stack trace per buffer access) would be the
        // bottleneck. Every functional test keeps it at paranoid.
        leakLevel = io.netty.util.ResourceLeakDetector.getLevel();
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.SIMPLE);
        DebianPackages.ensure("sip-tester");
        Path cfg = cfgDir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  drainSeconds: 0\nmedia:\n  portMin: 37000\n  portMax: 38999\n  coalesceMicros: "
                + Integer.getInteger("toneguard.load.coalesceMicros", 0) + "\napi:\n  port: 0\nrecording:\n  mode: \"off\"\nrecords:\n  url: \"jdbc:h2:file:" + cfgDir.resolve("records") + "\"\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    static void stop() {
        toneGuard.close();
        io.netty.util.ResourceLeakDetector.setLevel(leakLevel);
    }

    private RtpPcapWriter.Summary speechPcap(String name, int millis) throws Exception {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        Signal s = new Signal(1);
        while (s.length() < millis * 8) {
            s.audio(speech).silence(100);
        }
        short[] pcm = java.util.Arrays.copyOf(s.pcm(), millis * 8);
        return RtpPcapWriter.write(dir.resolve(name), pcm, RtpPcapWriter.Options.DEFAULT);
    }

    private record Figures(int calls, double setupSeconds, int maxConcurrent, long packets, double seconds, double cpuSeconds,
            double mediaCpuSeconds, double sipCpuSeconds, long[] mediaSwitches) {
        void print(String what) {
            System.out.printf("LOAD %s: %d calls, %.1f calls/s set up, %d concurrent at most, %d packets to the agent side"
                            + " (%.0f packets/s relayed caller to agent); media threads %.1f us CPU per relayed packet,"
                            + " %s; SIP threads %.1f ms CPU per call;"
                            + " test JVM CPU (ToneGuard, capture, JIT) %.1f s over %.1f s (%.0f%% of one core)%n",
                    what, calls, calls / setupSeconds, maxConcurrent, packets, packets / seconds,
                    mediaCpuSeconds * 1e6 / Math.max(1, packets),
                    mediaSwitches == null ? "context switches unknown (no /proc)"
                            : String.format("%.2f voluntary + %.2f involuntary context switches per relayed packet",
                                    mediaSwitches[0] / (double) Math.max(1, packets), mediaSwitches[1] / (double) Math.max(1, packets)),
                    sipCpuSeconds * 1e3 / calls, cpuSeconds, seconds, 100 * cpuSeconds / seconds);
        }
    }

    /**
     * Voluntary and involuntary context switches so far of this process's threads whose name starts
     * with {@code prefix} (Linux {@code /proc/self/task}), or null where there is no such file. A
     * media thread that sleeps in {@code epoll_wait} between packets pays a switch per wake-up.
     */
    private static long[] contextSwitches(String prefix) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        long[] sum = new long[2];
        try (java.util.stream.Stream<Path> all = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) all::iterator) {
                try {
                    if (!Files.readString(t.resolve("comm")).startsWith(prefix)) {
                        continue;
                    }
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum[0] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum[1] += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return sum;
    }

    /** CPU seconds used so far by the JVM's threads whose name starts with one of {@code prefixes}. */
    private static double threadCpu(String... prefixes) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double total = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            for (String p : prefixes) {
                if (t.getThreadName().startsWith(p)) {
                    long cpu = mx.getThreadCpuTime(t.getThreadId());
                    total += cpu > 0 ? cpu / 1e9 : 0;
                    break;
                }
            }
        }
        return total;
    }

    private Figures run(int calls, double rate, int limit, RtpPcapWriter.Summary pcap, int ports) throws Exception {
        // sipp binds four media ports from its -mp base (audio and video, RTP and RTCP): keep them apart
        int agentSip = ports;
        int callerSip = ports + 2;
        int capturePort = ports + 40;
        AtomicInteger maxConcurrent = new AtomicInteger();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RtpCapture capture = RtpCapture.open(capturePort)) {
            Sipp agent = Sipp.scenario("agent.xml").localPort(agentSip).mediaPort(ports + 10)
                    .key("agent_rtp_port", capturePort).calls(calls).timeout(Duration.ofSeconds(120));
            Sipp caller = Sipp.scenario("caller.xml").localPort(callerSip).mediaPort(ports + 20)
                    .remote("127.0.0.1", agentSip).args("-rsa", "127.0.0.1:" + SIP_PORT)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 300)
                    .calls(calls).rate(rate).limit(limit).timeout(Duration.ofSeconds(120));
            long cpu0 = os.getProcessCpuTime();
            double media0 = threadCpu("media-");
            double sip0 = threadCpu("sip", "UDP", "TCP", "Timer");
            long[] switches0 = contextSwitches("media-");
            long t0 = System.nanoTime();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxConcurrent.accumulateAndGet(toneGuard.calls().size(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            SippResult a;
            SippResult c;
            try (SippProcess ap = agent.start()) {
                assertTrue(ap.awaitListening(Duration.ofSeconds(5)));
                try (SippProcess cp = caller.start()) {
                    c = cp.await(Duration.ofSeconds(150));
                }
                a = ap.await(Duration.ofSeconds(30));
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double mediaCpu = threadCpu("media-") - media0;
            double sipCpu = threadCpu("sip", "UDP", "TCP", "Timer") - sip0;
            long[] switches1 = contextSwitches("media-");
            long[] mediaSwitches = switches0 == null || switches1 == null ? null
                    : new long[] {switches1[0] - switches0[0], switches1[1] - switches0[1]};
            assertEquals(0, c.exitCode(), "caller: " + c.describe());
            assertEquals(0, a.exitCode(), "agent: " + a.describe());
            capture.awaitQuiet(1, Duration.ofMillis(500), Duration.ofSeconds(5));

            // every call's audio arrived as its own, unbroken stream
            Map<Long, List<RtpCapture.Packet>> bySsrc = capture.packets().stream()
                    .collect(Collectors.groupingBy(RtpCapture.Packet::ssrc, TreeMap::new, Collectors.toList()));
            assertEquals(calls, bySsrc.size(), "one stream per call at the agent side");
            for (Map.Entry<Long, List<RtpCapture.Packet>> e : bySsrc.entrySet()) {
                int n = e.getValue().size();
                assertTrue(n >= pcap.audioPackets() - 5 && n <= pcap.audioPackets(),
                        "stream " + Long.toHexString(e.getKey()) + " carries " + n + " packets, one call has " + pcap.audioPackets());
                List<Integer> seqs = e.getValue().stream().map(RtpCapture.Packet::sequence).sorted().toList();
                assertEquals(seqs.size(), seqs.stream().distinct().count(), "no packet of another call in stream " + Long.toHexString(e.getKey()));
            }
            assertEquals(0, capture.count(101));
            double setup = Math.max(calls / rate, 1);
            return new Figures(calls, setup, maxConcurrent.get(), capture.packets().size(), seconds, cpu, mediaCpu, sipCpu, mediaSwitches);
        }
    }

    @Test
    void fiftyConcurrentCallsWithMedia() throws Exception {
        RtpPcapWriter.Summary pcap = speechPcap("four-seconds.pcap", 4000);
        Figures f = run(50, 50, 50, pcap, 35300);
        assertTrue(f.maxConcurrent() >= 40, "calls were held at the same time: " + f.maxConcurrent());
        f.print("50 concurrent");
    }

    /**
     * On demand, {@code -Dtoneguard.load.concurrent=N}: N calls of 8 s held at once (set up at N/4
     * per second), where the media threads find several packets per wake-up, as at the target load;
     * {@code -Dtoneguard.load.rounds=K} repeats it K times in this JVM (the first rounds run while
     * the JIT is still compiling; later ones show a warm server).
     */
    @Test
    @EnabledIfSystemProperty(named = "toneguard.load.concurrent", matches = "[1-9][0-9]*")
    void manyConcurrentCallsOnDemand() throws Exception {
        int calls = Integer.getInteger("toneguard.load.concurrent");
        int rounds = Integer.getInteger("toneguard.load.rounds", 1);
        RtpPcapWriter.Summary pcap = speechPcap("eight-seconds.pcap", 8000);
        for (int r = 1; r <= rounds; r++) {
            Figures f = run(calls, Math.max(10, calls / 4.0), calls, pcap, 35600);
            f.print(calls + " concurrent, round " + r + " of " + rounds);
        }
    }

    @Test
    void fiveHundredCallsAtTwentyPerSecond() throws Exception {
        RtpPcapWriter.Summary pcap = speechPcap("one-second.pcap", 1000);
        Figures f = run(500, 20, 100, pcap, 35400);
        f.print("500 at 20/s");
    }
}
