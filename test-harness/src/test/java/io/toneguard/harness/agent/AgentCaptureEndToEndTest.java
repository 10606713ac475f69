package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CardCall.CVC;
import static io.toneguard.harness.agent.CardCall.EXPIRY;
import static io.toneguard.harness.agent.CardCall.PAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.api.AgentDesktopPage;
import io.toneguard.server.config.ConfigLoader;
import io.toneguard.server.recording.RecordingMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The agent's whole secure capture on real calls, through the real API: a sipp caller keys a card
 * (in-band and RFC 4733) while the agent starts the capture over REST (or on the agent desktop
 * page in chromium); masked events arrive in order over the WebSocket; Process Payment goes
 * through the sandbox; the record is stored; no digit is decodable at the agent, and no trace of
 * the call (logs, events, API answers, records) holds the card number, expiry or security code.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentCaptureEndToEndTest {
    static final String ALICE = "alice-token-7f3a9c2e41d8b6f0";
    static final String BOB = "bob-token-0c5e8a1f9b2d7e43";
    static final String OPS = "ops-token-5d2b9e7c1a4f8e60";
    ToneGuardServer toneGuard;
    private LogTap logTap;

    /** This run's folder: configuration, database, recordings, pcaps. */
    Path dir;

    /** The recording mode of this run. */
    abstract RecordingMode recordingMode();

    /** ToneGuard's SIP port; its media use the 90 ports below it, the calls' peers the 40 above. */
    abstract int sipPort();

    @BeforeAll
    void start(@TempDir Path runDir) throws Exception {
        dir = runDir;
        DebianPackages.ensure("sip-tester");
        logTap = LogTap.attach();
        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + sipPort() + "\n  drainSeconds: 0\n"
                + "media:\n  portMin: " + (sipPort() - 90) + "\n  portMax: " + (sipPort() - 1) + "\n"
                + "recording:\n  mode: " + recordingMode().configName() + "\n  folder: \"" + dir.resolve("recordings") + "\"\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("db/toneguard") + "\"\n"
                + "payments:\n  sandbox:\n    minDelayMillis: 50\n    maxDelayMillis: 100\n"
                + "api:\n  port: 0\n  agents:\n    - name: alice\n      token: " + ALICE + "\n    - name: bob\n      token: " + BOB
                + "\n  admins:\n    - name: ops\n      token: " + OPS + "\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    void stop() {
        if (toneGuard != null) {
            toneGuard.close();
        }
        logTap.close();
    }

    @Test
    void anAgentCapturesACardOverTheApiAndNothingLeaks() throws Exception {
        List<String> traces = new ArrayList<>();
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), ALICE).listen();
                AgentClient bob = new AgentClient(toneGuard.apiPort(), BOB);
                AgentClient ops = new AgentClient(toneGuard.apiPort(), OPS);
                CardCall call = CardCall.place(dir, sipPort(), sipPort() + 10, 3000)) {
            String callId = awaitConnectedCall(alice, Duration.ofSeconds(5));
            assertEquals(0, bob.get("/api/v1/calls").body().size(), "bob does not see alice's call");

            AgentClient.Answer started = alice.post("/api/v1/calls/" + callId + "/captures",
                    "{\"kind\":\"card\",\"amount\":\"25.50\",\"currency\":\"GBP\",\"reference\":\"e2e-order-1\",\"description\":\"Order 1\"}");
            assertEquals(201, started.status(), started.body().toString());
            String captureId = started.body().path("id").asText();
            assertEquals(404, bob.get("/api/v1/captures/" + captureId).status(), "another agent's capture does not exist for bob");
            assertEquals(404, bob.post("/api/v1/captures/" + captureId + "/cancel", null).status());
            assertEquals(200, ops.get("/api/v1/captures/" + captureId).status(), "admins see every capture");

            List<JsonNode> seen = new ArrayList<>();
            JsonNode e;
            do {
                e = alice.nextEvent(Duration.ofSeconds(15));
                seen.add(e);
            } while (!"readyToProcess".equals(e.path("type").asText()));
            AgentClient.Answer processing = alice.post("/api/v1/captures/" + captureId + "/process", null);
            assertEquals(200, processing.status(), processing.body().toString());
            assertEquals("processing", processing.body().path("state").asText());
            do {
                e = alice.nextEvent(Duration.ofSeconds(10));
                seen.add(e);
            } while (!e.path("type").asText().startsWith("payment") || "paymentSubmitted".equals(e.path("type").asText()));

            if (pauses()) {
                seen.add(alice.nextEvent(Duration.ofSeconds(5)));
            }
            assertEquals(expectedOrder(), seen.stream().map(x -> x.path("type").asText()).toList(), "events in order");
            JsonNode pan = seen.stream().filter(x -> "fieldObtained".equals(x.path("type").asText())).findFirst().orElseThrow();
            assertEquals("cardNumber", pan.path("field").asText());
            assertEquals("Visa", pan.path("brand").asText());
            assertEquals("\u2022\u2022\u2022\u2022 1111", pan.path("masked").asText());
            JsonNode approved = seen.stream().filter(x -> "paymentApproved".equals(x.path("type").asText())).findFirst().orElseThrow();
            assertEquals("paymentApproved", approved.path("type").asText(), approved.toString());

            call.awaitEnd();
            assertEquals(0, call.heard.count(101), "no telephone-event reaches the agent");
            LeakOracles.assertNothingDecodable(call.heard.audio());

            JsonNode done = alice.get("/api/v1/captures/" + captureId).body();
            assertEquals("approved", done.path("state").asText());
            JsonNode payments = alice.get("/api/v1/payments").body();
            JsonNode record = payments.get(0);
            assertEquals("e2e-order-1", record.path("reference").asText(), payments.toString());
            assertEquals("approved", record.path("status").asText());
            assertEquals("alice", record.path("agent").asText());
            assertEquals(2550, record.path("amount").path("minor").asLong());
            assertEquals("\u2022\u2022\u2022\u2022 1111", record.path("maskedAccount").asText());
            assertEquals(approved.path("transactionId").asText(), record.path("transactionId").asText());
            assertEquals(0, bob.get("/api/v1/payments").body().size(), "bob has no payments");
            traces.addAll(alice.received);
            traces.addAll(bob.received);
            traces.addAll(ops.received);
            traces.addAll(checkRecording(callId));
        }
        traces.addAll(logLines());
        traces.add(new String(Files.readAllBytes(dir.resolve("db/toneguard.mv.db")), StandardCharsets.ISO_8859_1));
        assertNoCardData(traces);
    }

    /**
     * The caller keys the whole card by SIP INFO (the scenario docs/agent-capture.md's walkthrough uses): the
     * capture gets every key, and the payment goes through (run by one subclass).
     */
    void captureACardKeyedBySipInfo() throws Exception {
        Path keys = dir.resolve("card.csv");
        Files.writeString(keys, "SEQUENTIAL\n" + String.join(";", (PAN + EXPIRY + CVC).split("")) + ";\n");
        int agentPort = sipPort() + 50;
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), ALICE).listen();
                SippProcess agent = Sipp.scenario("agent.xml").localPort(agentPort).mediaPort(agentPort + 4)
                        .key("agent_rtp_port", agentPort + 8).timeout(Duration.ofSeconds(60)).start()) {
            assertTrue(agent.awaitListening(Duration.ofSeconds(5)), "the agent sipp listens");
            try (SippProcess caller = Sipp.scenario("caller-keys-card.xml").localPort(agentPort + 10).mediaPort(agentPort + 12)
                    .remote("127.0.0.1", agentPort).args("-rsa", "127.0.0.1:" + sipPort(), "-s", "alice", "-inf", keys.toString())
                    .key("lead_ms", 2000).key("tail_ms", 1500).timeout(Duration.ofSeconds(60)).start()) {
                String callId = awaitConnectedCall(alice, Duration.ofSeconds(5));
                AgentClient.Answer started = alice.post("/api/v1/calls/" + callId + "/captures",
                        "{\"kind\":\"card\",\"amountMinor\":990,\"currency\":\"USD\"}");
                assertEquals(201, started.status(), started.body().toString());
                String captureId = started.body().path("id").asText();
                JsonNode e;
                do {
                    e = alice.nextEvent(Duration.ofSeconds(15));
                } while (!"readyToProcess".equals(e.path("type").asText()));
                assertEquals(200, alice.post("/api/v1/captures/" + captureId + "/process", null).status());
                do {
                    e = alice.nextEvent(Duration.ofSeconds(10));
                } while (!"paymentApproved".equals(e.path("type").asText()));
                JsonNode done = alice.get("/api/v1/captures/" + captureId).body();
                assertEquals("\u2022\u2022\u2022\u2022 1111", done.path("fields").get(0).path("masked").asText(), done.toString());
                assertTrue(done.path("reference").asText().startsWith("TG-"), "a reference from the time when none is given");
                SippResult c = caller.await(Duration.ofSeconds(30));
                assertEquals(0, c.exitCode(), "caller: " + c.describe());
                assertNoCardData(alice.received);
            }
            SippResult a = agent.await(Duration.ofSeconds(30));
            assertEquals(0, a.exitCode(), "agent: " + a.describe());
        }
        assertNoCardData(logLines());
    }

    /** The same capture driven on the agent desktop page in chromium (run by one subclass). */
    void takeThePaymentOnTheDesktopPage() throws Exception {
        Assumptions.assumeFalse(AgentDesktopPage.skipped(), "TONEGUARD_SKIP_BROWSER=1");
        ChromeDriver chromium = AgentDesktopPage.startChromium(dir.resolve("chromium"));
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), ALICE)) {
            AgentDesktopPage page = new AgentDesktopPage(chromium, "http://127.0.0.1:" + toneGuard.apiPort());
            page.open().signIn(ALICE).waitUntilLive();
            try (CardCall call = CardCall.place(dir, sipPort(), sipPort() + 30, 9000)) {
                String callId = awaitConnectedCall(alice, Duration.ofSeconds(5));
                page.selectCall(callId).startCapture("card", "42.00", "GBP", "web-order-7", "Boiler service");
                page.waitForRecording("Recording paused").waitForField("cardNumber", "entering");
                page.waitForField("cardNumber", "obtained").waitForFieldDetail("cardNumber", "1111");
                assertTrue(page.fieldDetail("cardNumber").toLowerCase(java.util.Locale.ROOT).contains("visa"), page.fieldDetail("cardNumber"));
                page.waitForField("expiry", "obtained").waitForField("securityCode", "obtained")
                        .waitForCaptureState("Ready to process").waitUntilProcessEnabled();
                page.processPayment();
                String result = page.waitForResult("Payment approved");
                assertFalse(page.transactionId().isBlank(), result);
                page.waitForRecording("Recording resumed");
                page.screenshot(Path.of("target", "agent-desktop-real-call.png"));
                String html = chromium.getPageSource();
                assertNoCardData(List.of(html));
                call.awaitEnd();
                LeakOracles.assertNothingDecodable(call.heard.audio());
            }
        } finally {
            chromium.quit();
        }
        assertNoCardData(logLines());
    }

    /**
     * The call's stereo recording: nothing decodable on either channel; in pause-resume mode the
     * sidecar marks the pause and the caller's channel is silent inside it. Returns the sidecar text.
     */
    private List<String> checkRecording(String callId) throws Exception {
        Path wav = dir.resolve("recordings").resolve(callId + ".wav");
        Path sidecar = dir.resolve("recordings").resolve(callId + ".wav.events.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(sidecar) && Files.readString(sidecar).contains("\"stopped\""))) {
            assertTrue(System.nanoTime() < deadline, "the recording of " + callId + " was not finished");
            Thread.sleep(50);
        }
        StereoWav audio = StereoWav.read(wav);
        assertTrue(audio.left().length > 8000 * 5, "the recording holds the call: " + audio.left().length + " samples");
        LeakOracles.assertNothingDecodable(audio.left());
        LeakOracles.assertNothingDecodable(audio.right());
        String events = Files.readString(sidecar);
        if (pauses()) {
            JsonNode paused = line(events, "paused");
            JsonNode resumed = line(events, "resumed");
            int from = paused.path("offsetSamples").asInt();
            int to = resumed.path("offsetSamples").asInt();
            assertTrue(to - from > 8000 * 4, "the pause spans the keyed card: " + from + "-" + to);
            for (int i = from; i < Math.min(to, audio.left().length); i++) {
                assertEquals(0, audio.left()[i], "silence inside the pause at sample " + i);
            }
        } else {
            assertFalse(events.contains("\"silenced\""), events);
        }
        return List.of(events);
    }

    private static JsonNode line(String jsonLines, String event) throws IOException {
        for (String l : jsonLines.split("\n")) {
            JsonNode n = AgentClient.JSON.readTree(l);
            if (event.equals(n.path("event").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + event + " line in " + jsonLines);
    }

    private boolean pauses() {
        return recordingMode() == RecordingMode.PAUSE_RESUME;
    }

    private List<String> expectedOrder() {
        List<String> order = new ArrayList<>(List.of("captureStarted"));
        if (pauses()) {
            order.add("recordingPaused");
        }
        order.add("fieldStarted");
        Stream.of(PAN, EXPIRY, CVC).forEach(field -> {
            for (int i = 0; i < field.length(); i++) {
                order.add("digitProgress");
            }
            order.add("fieldObtained");
            order.add(field.equals(CVC) ? "readyToProcess" : "fieldStarted");
        });
        order.addAll(List.of("paymentSubmitted", "paymentApproved"));
        if (pauses()) {
            order.add("recordingResumed");
        }
        return order;
    }

    /** Waits for alice's call to be connected and returns its id. */
    private static String awaitConnectedCall(AgentClient agent, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode c : agent.get("/api/v1/calls").body()) {
                if ("confirmed".equals(c.path("state").asText())) {
                    return c.path("id").asText();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no call connected within " + timeout);
    }

    private List<String> logLines() {
        return logTap.lines();
    }

    /** The card number anywhere; the expiry and security code as numbers of their own. */
    static void assertNoCardData(List<String> traces) {
        LogTap.assertNone(traces, PAN, EXPIRY, CVC);
    }
}
