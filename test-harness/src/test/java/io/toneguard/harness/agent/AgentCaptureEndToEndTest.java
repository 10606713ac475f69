package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CardCall.CVC;
import static io.toneguard.harness.agent.CardCall.EXPIRY;
import static io.toneguard.harness.agent.CardCall.PAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.api.AgentDesktopPage;
import io.toneguard.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.LoggerFactory;

/**
 * The agent's whole secure capture on real calls, through the real API: a sipp caller keys a card
 * (in-band and RFC 4733) while the agent starts the capture over REST (or on the agent desktop
 * page in chromium); masked events arrive in order over the WebSocket; Process Payment goes
 * through the sandbox; the record is stored; no digit is decodable at the agent, and no trace of
 * the call (logs, events, API answers, records) holds the card number, expiry or security code.
 */
class AgentCaptureEndToEndTest {
    private static final int SIP_PORT = 39190;
    static final String ALICE = "alice-token-7f3a9c2e41d8b6f0";
    static final String BOB = "bob-token-0c5e8a1f9b2d7e43";
    static final String OPS = "ops-token-5d2b9e7c1a4f8e60";
    private static final List<String> LOG_LINES = new ArrayList<>();
    private static ToneGuardServer toneGuard;
    private static AppenderBase<ILoggingEvent> logTap;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        DebianPackages.ensure("sip-tester");
        logTap = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                synchronized (LOG_LINES) {
                    LOG_LINES.add(e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
                }
            }
        };
        Logger root = rootLogger();
        logTap.setContext(root.getLoggerContext());
        logTap.start();
        root.addAppender(logTap);
        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  drainSeconds: 0\n"
                + "media:\n  portMin: 39100\n  portMax: 39189\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("db/toneguard") + "\"\n"
                + "payments:\n  sandbox:\n    minDelayMillis: 50\n    maxDelayMillis: 100\n"
                + "api:\n  port: 0\n  agents:\n    - name: alice\n      token: " + ALICE + "\n    - name: bob\n      token: " + BOB
                + "\n  admins:\n    - name: ops\n      token: " + OPS + "\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    static void stop() {
        if (toneGuard != null) {
            toneGuard.close();
        }
        rootLogger().detachAppender(logTap);
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void anAgentCapturesACardOverTheApiAndNothingLeaks() throws Exception {
        List<String> traces = new ArrayList<>();
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), ALICE).listen();
                AgentClient bob = new AgentClient(toneGuard.apiPort(), BOB);
                AgentClient ops = new AgentClient(toneGuard.apiPort(), OPS);
                CardCall call = CardCall.place(dir, SIP_PORT, 39200, 3000)) {
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

            assertEquals(expectedOrder(), seen.stream().map(x -> x.path("type").asText()).toList(), "events in order");
            JsonNode pan = seen.stream().filter(x -> "fieldObtained".equals(x.path("type").asText())).findFirst().orElseThrow();
            assertEquals("cardNumber", pan.path("field").asText());
            assertEquals("Visa", pan.path("brand").asText());
            assertEquals("\u2022\u2022\u2022\u2022 1111", pan.path("masked").asText());
            JsonNode approved = seen.get(seen.size() - 1);
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
        }
        traces.addAll(logLines());
        traces.add(new String(Files.readAllBytes(dir.resolve("db/toneguard.mv.db")), StandardCharsets.ISO_8859_1));
        assertNoCardData(traces);
    }

    @Test
    void anAgentTakesThePaymentOnTheDesktopPageDuringARealCall() throws Exception {
        Assumptions.assumeFalse(AgentDesktopPage.skipped(), "TONEGUARD_SKIP_BROWSER=1");
        ChromeDriver chromium = AgentDesktopPage.startChromium(dir.resolve("chromium"));
        try (AgentClient alice = new AgentClient(toneGuard.apiPort(), ALICE)) {
            AgentDesktopPage page = new AgentDesktopPage(chromium, "http://127.0.0.1:" + toneGuard.apiPort());
            page.open().signIn(ALICE).waitUntilLive();
            try (CardCall call = CardCall.place(dir, SIP_PORT, 39220, 9000)) {
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

    private static List<String> expectedOrder() {
        List<String> order = new ArrayList<>(List.of("captureStarted", "fieldStarted"));
        Stream.of(PAN, EXPIRY, CVC).forEach(field -> {
            for (int i = 0; i < field.length(); i++) {
                order.add("digitProgress");
            }
            order.add("fieldObtained");
            order.add(field.equals(CVC) ? "readyToProcess" : "fieldStarted");
        });
        order.addAll(List.of("paymentSubmitted", "paymentApproved"));
        return order;
    }

    /** Waits for alice's call to be connected and returns its id. */
    static String awaitConnectedCall(AgentClient agent, Duration timeout) throws IOException, InterruptedException {
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

    private static List<String> logLines() {
        synchronized (LOG_LINES) {
            assertFalse(LOG_LINES.isEmpty(), "logs were captured");
            return new ArrayList<>(LOG_LINES);
        }
    }

    /** The card number anywhere; the expiry and security code as numbers of their own. */
    static void assertNoCardData(List<String> traces) {
        Pattern expiry = Pattern.compile("(?<![0-9])" + EXPIRY + "(?![0-9])");
        Pattern cvc = Pattern.compile("(?<![0-9])" + CVC + "(?![0-9])");
        for (String t : traces) {
            String head = t.substring(0, Math.min(300, t.length()));
            assertFalse(t.contains(PAN), () -> "the card number appears in: " + head);
            assertFalse(expiry.matcher(t).find(), () -> "the expiry appears in: " + head);
            assertFalse(cvc.matcher(t).find(), () -> "the security code appears in: " + head);
        }
    }
}
