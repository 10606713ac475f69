package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CallerScript.Source.BOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.server.ivr.IvrSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Self-service numbers: a routing rule sends the dialled number straight into the payment IVR,
 * ToneGuard answers the call itself (no agent), takes the amount (configured, looked up from a
 * billing service on loopback, or keyed by the caller), and hangs up after.
 */
class IvrSelfServiceTest extends IvrCallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The billing service the {@code account} number asks: answers with {@link #billingStatus} and {@link #billingAnswer}. */
    private final HttpServer billing = billingService();
    private final List<JsonNode> billingRequests = new CopyOnWriteArrayList<>();
    private volatile int billingStatus = 200;
    private volatile String billingAnswer = "{}";

    @Override
    int sipPort() {
        return 38890;
    }

    @Override
    String ivrConfig() {
        return "  noInputTimeoutSeconds: 5\n  selfService:\n"
                + "    bill:\n      kind: card\n      amount: \"12.00\"\n      currency: GBP\n      description: Bill\n"
                + "    account:\n      amountFrom: lookup\n      currency: GBP\n      maxAmount: \"2000.00\"\n"
                + "      description: Account\n      lookup:\n"
                + "        url: \"http://127.0.0.1:" + billing.getAddress().getPort() + "/amount-due\"\n"
                + "        bearerToken: billing-t0ken\n        timeoutMillis: 2000\n        callerKeysOnFailure: true\n"
                + "    donate:\n      amountFrom: caller\n      currency: GBP\n      minAmount: \"1.00\"\n"
                + "      maxAmount: \"500.00\"\n      description: Donation\n";
    }

    @Override
    String extraConfig() {
        return "routing:\n  rules:\n    - userExact: pay\n      target: \"self-service:bill\"\n"
                + "    - userExact: account\n      target: \"self-service:account\"\n"
                + "    - userExact: donate\n      target: \"self-service:donate\"\n";
    }

    @AfterAll
    void stopBilling() {
        billing.stop(0);
    }

    /** The caller's keys for the card, from {@code t} ms on: number, expiry and security code, each confirmed with 1. */
    private static CallerScript card(CallerScript s, int t) {
        return s.at(t).keys(PAN, BOTH)
                .at(t + 4000).keys("1", BOTH)
                .at(t + 4800).keys("1230", BOTH)
                .at(t + 6000).keys("1", BOTH)
                .at(t + 6800).keys("123", BOTH)
                .at(t + 7800).keys("1", BOTH);
    }

    @Test
    void aDialledNumberGoesStraightIntoTheFlowAndTheCallEndsAfter() throws Exception {
        SelfServiceCall call = dial("pay", card(new CallerScript().at(1500).keys("1", BOTH), 2500));
        call.assertPaid(1200, "Bill");
    }

    @Test
    void theAmountIsLookedUpFromTheBillingServiceForTheCaller() throws Exception {
        billingStatus = 200;
        billingAnswer = "{\"amount\": \"7.25\", \"currency\": \"GBP\", \"description\": \"Invoice 42\"}";
        int before = billingRequests.size();
        SelfServiceCall call = dial("account", card(new CallerScript().at(1500).keys("1", BOTH), 2500));
        call.assertPaid(725, "Invoice 42");
        JsonNode asked = billingRequests.get(before);
        assertEquals("account", asked.path("service").asText());
        assertEquals(call.callId, asked.path("callId").asText());
        assertTrue(asked.path("caller").asText().startsWith("sip:caller@127.0.0.1"), asked.toString());
    }

    @Test
    void theCallerKeysTheAmountReadBackAndConfirmed() throws Exception {
        // 0.99 is under the least (1.00): refused and asked again; then 12.50, confirmed with 1
        SelfServiceCall call = dial("donate", card(new CallerScript()
                .at(1500).keys("99#", BOTH)
                .at(3000).keys("1250#", BOTH)
                .at(5000).keys("1", BOTH), 6000));
        call.assertPaid(1250, "Donation");
        assertEquals(1, call.payments.size(), "the refused amount opened no capture");
    }

    @Test
    void whenTheBillingServiceFailsTheCallerKeysTheAmount() throws Exception {
        billingStatus = 503;
        billingAnswer = "{\"error\": \"down\"}";
        SelfServiceCall call = dial("account", card(new CallerScript()
                .at(1500).keys("3000#", BOTH)
                .at(3500).keys("1", BOTH), 4500));
        call.assertPaid(3000, "Account");
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("amount lookup of account failed (the service answered HTTP 503)")),
                "the failure is logged with its reason");
    }

    @Test
    void whenNothingIsDueTheCallerIsToldAndTheCallEnds() throws Exception {
        billingStatus = 404;
        billingAnswer = "";
        SelfServiceCall call = dial("account", new CallerScript().at(1000).keys("5", BOTH));
        assertTrue(call.ended.path("type").isMissingNode(), "no capture, so no ivrEnded event: " + call.ended);
        assertTrue(call.payments.isEmpty(), "nothing paid: " + call.payments);
        assertTrue(audibleSeconds(call.callerHeard) > 2.0, "the caller heard why");
    }

    /** One self-service call as the test saw it: its id, last IVR event, the payments made on it, and what the caller heard. */
    private record SelfServiceCall(String callId, JsonNode ended, List<JsonNode> payments, short[] callerHeard,
            List<String> eventTypes) {
        void assertPaid(long minor, String description) {
            assertEquals("paid", ended.path("outcome").asText(), eventTypes.toString());
            assertEquals(IvrSessions.SELF_SERVICE_AGENT, ended.path("agent").asText());
            JsonNode payment = payments.get(payments.size() - 1);
            assertEquals("approved", payment.path("status").asText(), payment.toString());
            assertEquals(minor, payment.path("amount").path("minor").asLong(), payment.toString());
            assertEquals(description, payment.path("description").asText(), payment.toString());
            assertEquals(IvrSessions.SELF_SERVICE_AGENT, payment.path("agent").asText());
            assertTrue(audibleSeconds(callerHeard) > 2.0, "the caller heard the prompts");
        }
    }

    /**
     * Dials a self-service number as sipp, plays {@code script} as the caller's RTP once the call is
     * up, and waits until ToneGuard has hung up. Card data never reaches a log line.
     */
    private SelfServiceCall dial(String number, CallerScript script) throws Exception {
        int b = nextBlock.getAndAdd(20);
        Set<String> known = new HashSet<>();
        toneGuard.calls().all().forEach(c -> known.add(c.id()));
        try (AgentClient ops = new AgentClient(toneGuard.apiPort(), AgentCaptureEndToEndTest.OPS).listen();
                RtpCapture callerMedia = RtpCapture.open(b + 16);
                SippProcess caller = Sipp.scenario("caller-remote-media.xml").localPort(b + 10).mediaPort(b + 12)
                        .remote("127.0.0.1", sipPort()).args("-s", number)
                        .key("caller_rtp_port", b + 16).key("pause_ms", 60_000).timeout(Duration.ofSeconds(90)).start()) {
            String callId = awaitNewCall(ops, known, Duration.ofSeconds(5));
            int callerPort = toneGuard.calls().find(callId).orElseThrow().callerMediaPort();
            callerMedia.send(script.packets(60_000), new InetSocketAddress("127.0.0.1", callerPort));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (toneGuard.calls().find(callId).isPresent()) {
                assertTrue(System.nanoTime() < deadline, "ToneGuard hangs up after the flow");
                Thread.sleep(20);
            }
            // the flow's last event leaves before the hang-up; the stream may deliver it a little later
            List<String> types = new ArrayList<>();
            JsonNode ended = JSON.missingNode();
            JsonNode e;
            while (ended.isMissingNode() && (e = ops.pollEvent(Duration.ofSeconds(1))) != null) {
                types.add(e.path("type").asText());
                if ("ivrEnded".equals(e.path("type").asText()) && callId.equals(e.path("callId").asText())) {
                    ended = e;
                }
            }
            List<JsonNode> payments = new ArrayList<>();
            for (JsonNode p : ops.get("/api/v1/payments").body()) {
                if (callId.equals(p.path("callId").asText())) {
                    payments.add(p);
                }
            }
            LogTap.assertNone(logs.lines(), PAN, "1230");
            return new SelfServiceCall(callId, ended, payments, callerMedia.audio(), types);
        }
    }

    private HttpServer billingService() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/amount-due", this::billingAnswer);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void billingAnswer(HttpExchange x) throws IOException {
        billingRequests.add(JSON.readTree(x.getRequestBody()));
        int status = "Bearer billing-t0ken".equals(x.getRequestHeaders().getFirst("Authorization")) ? billingStatus : 401;
        byte[] body = billingAnswer.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
