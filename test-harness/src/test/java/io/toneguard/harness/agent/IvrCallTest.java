package io.toneguard.harness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment IVR on real calls: sipp sets the call up, the test is the caller's media (it keys at
 * the right moments, as tones and telephone-events, and hears the prompts) and the agent's ear.
 * Subclasses run flows against one server each, configured by {@link #ivrConfig()}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IvrCallTest {
    static final String PAN = "4111111111111111";
    private final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger nextBlock = new AtomicInteger(sipPort() + 10);
    ToneGuardServer toneGuard;
    LogTap logs;
    Path dir;

    /** ToneGuard's SIP port; its media use the 90 ports below, the calls' peers blocks of 20 above. */
    abstract int sipPort();

    /** The {@code ivr} section's keys, indented two spaces. */
    abstract String ivrConfig();

    /** More top-level configuration (sections of their own), or "". */
    String extraConfig() {
        return "";
    }

    @BeforeAll
    void start(@TempDir Path runDir) throws Exception {
        dir = runDir;
        DebianPackages.ensure("sip-tester");
        logs = LogTap.attach();
        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + sipPort() + "\n  drainSeconds: 0\n  rtpTimeoutSeconds: 3\n"
                + "media:\n  portMin: " + (sipPort() - 90) + "\n  portMax: " + (sipPort() - 1) + "\n"
                + "recording:\n  folder: \"" + dir.resolve("recordings") + "\"\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("db/toneguard") + "\"\n"
                + "payments:\n  sandbox:\n    minDelayMillis: 50\n    maxDelayMillis: 100\n"
                + "ivr:\n" + ivrConfig()
                + "api:\n  port: 0\n  agents:\n    - name: alice\n      token: " + AgentCaptureEndToEndTest.ALICE
                + "\n  admins:\n    - name: ops\n      token: " + AgentCaptureEndToEndTest.OPS + "\n" + extraConfig());
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    /**
     * Once every call has ended (the server closes the recordings as it stops): no recording of
     * any IVR call holds a decodable digit on either channel.
     */
    @AfterAll
    void stop() throws Exception {
        if (toneGuard != null) {
            toneGuard.close();
        }
        logs.close();
        List<Path> recordings;
        try (var files = Files.list(dir.resolve("recordings"))) {
            recordings = files.filter(f -> f.toString().endsWith(".wav")).toList();
        }
        assertTrue(recordings.size() >= calls.get(), "a recording per call: " + recordings);
        for (Path wav : recordings) {
            StereoWav audio = StereoWav.read(wav);
            LeakOracles.assertNothingDecodable(audio.left());
            LeakOracles.assertNothingDecodable(audio.right());
        }
    }

    /** One IVR call's outcome as the test saw it. */
    record Run(String outcome, List<JsonNode> events, short[] callerHeard, short[] agentHeard, List<String> traces,
            JsonNode payments) {
        /** The event types in order (what failure messages show). */
        List<String> types() {
            return events.stream().map(e -> e.path("type").asText()).toList();
        }

        long count(String type) {
            return events.stream().filter(e -> type.equals(e.path("type").asText())).count();
        }
    }

    /**
     * Places a call to alice, sends its caller to the IVR for {@code body}, plays {@code script}
     * as the caller's RTP from the moment the IVR starts, and waits for the flow to end.
     */
    Run run(String body, CallerScript script, Duration afterwards) throws Exception {
        calls.incrementAndGet();
        int b = nextBlock.getAndAdd(20);
        java.util.Set<String> known = new java.util.HashSet<>();
        toneGuard.calls().all().forEach(c -> known.add(c.id()));
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), AgentCaptureEndToEndTest.ALICE).listen();
                RtpCapture callerMedia = RtpCapture.open(b + 16);
                RtpCapture agentEar = RtpCapture.open(b + 8);
                SippProcess agent = Sipp.scenario("agent.xml").localPort(b).mediaPort(b + 4)
                        .key("agent_rtp_port", b + 8).timeout(Duration.ofSeconds(90)).start()) {
            assertTrue(agent.awaitListening(Duration.ofSeconds(5)), "the agent sipp listens");
            // the caller stays long enough for any flow; once it has ended, the test drops the caller
            // (sipp killed) and the RTP timeout ends the call
            long callMillis = (long) script.now() + 30_000 + afterwards.toMillis();
            try (SippProcess caller = Sipp.scenario("caller-remote-media.xml").localPort(b + 10).mediaPort(b + 12)
                    .remote("127.0.0.1", b).args("-rsa", "127.0.0.1:" + sipPort(), "-s", "alice")
                    .key("caller_rtp_port", b + 16).key("pause_ms", callMillis).timeout(Duration.ofSeconds(90)).start()) {
                String callId = awaitNewCall(alice, known, Duration.ofSeconds(5));
                int callerPort = toneGuard.calls().find(callId).orElseThrow().callerMediaPort();
                AgentClient.Answer started = alice.post("/api/v1/calls/" + callId + "/ivr", body);
                assertEquals(201, started.status(), String.valueOf(started.body()));
                // the caller stays on the line (sending silence) until the test is done with the call
                long sendingFrom = System.nanoTime();
                double scriptMillis = script.now();
                callerMedia.send(script.packets(callMillis), new InetSocketAddress("127.0.0.1", callerPort));
                List<JsonNode> events = new ArrayList<>();
                JsonNode e;
                do {
                    e = alice.nextEvent(Duration.ofSeconds(60));
                    events.add(e);
                } while (!"ivrEnded".equals(e.path("type").asText()));
                long scriptLeft = (long) scriptMillis - (System.nanoTime() - sendingFrom) / 1_000_000;
                Thread.sleep(Math.max(0, scriptLeft) + afterwards.toMillis());
                JsonNode payments = alice.get("/api/v1/payments").body();
                List<String> traces = new ArrayList<>(alice.received);
                traces.addAll(logs.lines());
                caller.close();
                return new Run(e.path("outcome").asText(), events, callerMedia.audio(), agentEar.audio(), traces, payments);
            }
        }
    }

    /** A connected call of alice's that is not one of {@code known}. */
    static String awaitNewCall(AgentClient alice, java.util.Set<String> known, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode c : alice.get("/api/v1/calls").body()) {
                if ("confirmed".equals(c.path("state").asText()) && !known.contains(c.path("id").asText())) {
                    return c.path("id").asText();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no new call connected within " + timeout);
    }

    static String card(String reference) {
        return "{\"kind\":\"card\",\"amount\":\"25.50\",\"currency\":\"GBP\",\"reference\":\"" + reference + "\"}";
    }

    /** Seconds of the audio whose 20 ms frames are louder than near-silence. */
    static double audibleSeconds(short[] pcm) {
        int loud = 0;
        for (int i = 0; i + 160 <= pcm.length; i += 160) {
            double sum = 0;
            for (int j = i; j < i + 160; j++) {
                sum += (double) pcm[j] * pcm[j];
            }
            if (Math.sqrt(sum / 160) > 200) {
                loud++;
            }
        }
        return loud * 0.02;
    }

    /** The checks every IVR call shares: prompts heard, nothing leaked to the agent or any trace. */
    static void checkCall(Run r, boolean agentHearsCallerAfter) {
        assertEquals(List.of("captureStarted", "recordingPaused", "ivrStarted"), r.types().subList(0, 3));
        assertTrue(audibleSeconds(r.callerHeard()) > 2.0, "the caller hears the prompts: "
                + audibleSeconds(r.callerHeard()) + " s audible of " + r.callerHeard().length / 8000.0 + " s");
        LeakOracles.assertNothingDecodable(r.agentHeard());
        double agentAudible = audibleSeconds(r.agentHeard());
        if (agentHearsCallerAfter) {
            assertTrue(agentAudible > 0.5, "back with the agent, the caller is heard: " + agentAudible + " s");
        } else {
            assertTrue(agentAudible < 0.1, "the agent hears nothing of the caller in the flow: " + agentAudible + " s");
        }
        LogTap.assertNone(r.traces(), PAN, "1230");
    }

    static JsonNode record(Run r, String reference) {
        for (JsonNode p : r.payments()) {
            if (reference.equals(p.path("reference").asText())) {
                return p;
            }
        }
        throw new AssertionError("no payment record " + reference + " in " + r.payments());
    }
}
