package io.toneguard.harness.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.mask.ReplacementMode;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.harness.masking.KeyingCase.Delivery;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.rtp.RtpImpairment;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.config.ConfigLoader;
import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallState;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The masking matrix on real calls through the server ({@link ToneGuardServer} on its defaults but
 * for ports and the replacement mode): sipp sets up caller -> ToneGuard -> agent, the test is the
 * caller's phone and network (it sends the {@link KeyingCase}'s packets, impaired, at their times,
 * from the caller's media port) and the agent's ear (what reaches the agent's media port, in
 * sequence order, as a recording would keep it). Every way of delivering the keys meets every
 * network impairment; timing, speech under the keys, the law and the replacement mode vary across
 * them ({@link MaskingMatrixTest} runs the whole product in process). No analyser, the fragment
 * adversary included, may find a digit; no telephone-event may reach the agent; the call's capture
 * must get every key once wherever the keys survive the network.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMaskingMatrixTest {
    /** Server i: media ports BASE + 400 i .. + 99, SIP port + 100, call blocks of 20 from + 120. */
    private static final int BASE = 43000;
    private final Map<ReplacementMode, Node> nodes = new EnumMap<>(ReplacementMode.class);
    private Path dir;

    private record Node(ToneGuardServer toneGuard, int sipPort, AtomicInteger nextBlock) {
    }

    static Stream<KeyingCase> cases() {
        List<KeyingCase> deliveries = List.of(
                KeyingCase.of(Delivery.TONES_AND_EVENTS, 50).withEventOffset(-40),
                KeyingCase.of(Delivery.TONES_AND_EVENTS, 50),
                KeyingCase.of(Delivery.TONES_AND_EVENTS, 50).withEventOffset(40),
                KeyingCase.of(Delivery.EVENTS_REPLACE_AUDIO, 50),
                KeyingCase.of(Delivery.TONES_ONLY, 50),
                KeyingCase.of(Delivery.EVENTS_ONLY, 50));
        RtpImpairment[] network = {RtpImpairment.NONE, RtpImpairment.loss(5, 21), RtpImpairment.bursts(3, 3, 22),
                RtpImpairment.reorder(10, 23), RtpImpairment.jitter(20, 24)};
        ReplacementMode[] modes = ReplacementMode.values();
        List<KeyingCase> out = new ArrayList<>();
        int n = 0;
        for (KeyingCase base : deliveries) {
            for (RtpImpairment impairment : network) {
                n++;
                double onOff = n % 2 == 0 ? 50 : 70;
                out.add(new KeyingCase(base.delivery(), base.eventOffsetMillis(), onOff, onOff, (n * 7) % 20, impairment,
                        n % 4 >= 2, n % 3 == 0 ? G711Codec.A_LAW : G711Codec.MU_LAW, modes[n % modes.length]));
            }
        }
        return out.stream();
    }

    @BeforeAll
    void checkPeers(@TempDir Path runDir) {
        DebianPackages.ensure("sip-tester");
        dir = runDir;
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(n -> n.toneGuard().close());
    }

    /** One server per replacement mode (it is a server setting), started on first use. */
    private Node node(ReplacementMode mode) throws Exception {
        Node existing = nodes.get(mode);
        if (existing != null) {
            return existing;
        }
        int base = BASE + 400 * mode.ordinal();
        Path cfg = dir.resolve(mode.configName() + ".yaml");
        Files.writeString(cfg, "sip:\n  port: " + (base + 100) + "\n  drainSeconds: 0\n  rtpTimeoutSeconds: 3\n"
                + "media:\n  portMin: " + base + "\n  portMax: " + (base + 99) + "\n"
                + "masking:\n  replacement: " + mode.configName() + "\n"
                + "api:\n  port: 0\n"
                + "recording:\n  folder: \"" + dir.resolve(mode.configName() + "-recordings") + "\"\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve(mode.configName() + "-records") + "\"\n");
        Node n = new Node(ToneGuardServer.start(new ConfigLoader().load(cfg)), base + 100, new AtomicInteger(base + 120));
        nodes.put(mode, n);
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nothingDecodableReachesTheAgentAndTheCaptureGetsEveryKeyOnce(KeyingCase c) throws Exception {
        Node node = node(c.mode());
        int b = node.nextBlock().getAndAdd(20);
        KeyingCase.Stream stream = c.stream();
        Set<String> known = new HashSet<>();
        node.toneGuard().calls().all().forEach(call -> known.add(call.id()));
        long keysBefore = keysSoFar(node); // the calls run one at a time: what the totals gain is this call's
        short[] heard;
        int eventsHeard;
        try (RtpCapture callerMedia = RtpCapture.open(b + 16);
                RtpCapture agentEar = RtpCapture.open(b + 8);
                SippProcess agent = Sipp.scenario("agent.xml").localPort(b).mediaPort(b + 4)
                        .key("agent_rtp_port", b + 8).timeout(Duration.ofSeconds(60)).start()) {
            assertTrue(agent.awaitListening(Duration.ofSeconds(5)), "the agent sipp listens");
            long callMillis = (long) c.durationMillis() + 1000;
            try (SippProcess caller = Sipp.scenario("caller-remote-media.xml").localPort(b + 10).mediaPort(b + 12)
                    .remote("127.0.0.1", b).args("-rsa", "127.0.0.1:" + node.sipPort())
                    .key("caller_rtp_port", b + 16).key("pause_ms", callMillis).timeout(Duration.ofSeconds(60)).start()) {
                CallInfo call = awaitNewCall(node.toneGuard(), known, Duration.ofSeconds(10));
                callerMedia.send(stream.packets(), new InetSocketAddress("127.0.0.1", call.callerMediaPort())).join();
                assertTrue(agentEar.awaitQuiet(1, Duration.ofMillis(300), Duration.ofSeconds(5)), "the agent hears the call");
                SippResult r = caller.await(Duration.ofSeconds(30));
                assertEquals(0, r.exitCode(), "caller: " + r.describe());
            }
            heard = agentEar.audio();
            eventsHeard = agentEar.count(101);
        }
        assertEquals(0, eventsHeard, c + ": no telephone-event reaches the agent");
        LeakOracles.Findings found = LeakOracles.analyse(heard);
        assertTrue(found.clean(), c + ": " + found);
        long keys = keysSoFar(node) - keysBefore;
        if (MaskingMatrixTest.everyKeyMustArrive(c)) {
            assertEquals(KeyingCase.KEYS.size(), keys, c + ": keys the call's capture got");
        } else {
            assertTrue(keys <= KeyingCase.KEYS.size(), c + ": " + keys + " keys, more than were pressed");
        }
        // every audio packet the caller's network delivered reaches the agent once, under a number of its own
        int audioSent = (int) stream.packets().stream().filter(p -> (p.rtp()[1] & 0x7F) != 101).count();
        assertTrue(heard.length >= (audioSent - 2) * 160, c + ": the agent hears the caller's audio: "
                + heard.length / 160 + " packets of " + audioSent);
    }

    /** Keys the server's calls got, from every source. */
    private static long keysSoFar(Node node) {
        long keys = 0;
        for (DigitSource source : DigitSource.values()) {
            keys += node.toneGuard().digits().total(source);
        }
        return keys;
    }

    /** A call of {@code server}'s with its media anchored that is not one of {@code known}. */
    private static CallInfo awaitNewCall(ToneGuardServer server, Set<String> known, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (CallInfo call : server.calls().all()) {
                if (!known.contains(call.id()) && call.state() == CallState.CONFIRMED && call.callerMediaPort() > 0) {
                    return call;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no new call connected within " + timeout);
    }
}
