package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CallerScript.Source.BOTH;
import static io.toneguard.harness.agent.CallerScript.Source.EVENTS;
import static io.toneguard.harness.agent.CallerScript.Source.INBAND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment IVR on real calls: sipp sets the call up, the test is the caller's media (it keys at
 * the right moments, as tones and telephone-events, and hears the prompts) and the agent's ear.
 * Each test checks the flow's outcome and events, the payment record, that prompts reached the
 * caller, and that nothing decodable (nor the caller's voice, during the flow) reached the agent.
 */
class IvrEndToEndTest {
    private static final int SIP_PORT = 39590;
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger(39600);
    private static final String PAN = "4111111111111111";
    private static ToneGuardServer toneGuard;
    private static LogTap logs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        DebianPackages.ensure("sip-tester");
        logs = LogTap.attach();
        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  drainSeconds: 0\n  rtpTimeoutSeconds: 3\n"
                + "media:\n  portMin: 39500\n  portMax: 39589\n"
                + "recording:\n  folder: \"" + dir.resolve("recordings") + "\"\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("db/toneguard") + "\"\n"
                + "payments:\n  sandbox:\n    minDelayMillis: 50\n    maxDelayMillis: 100\n"
                + "ivr:\n  noInputTimeoutSeconds: 5\n"
                + "api:\n  port: 0\n  agents:\n    - name: alice\n      token: " + AgentCaptureEndToEndTest.ALICE + "\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    /**
     * Once every call has ended (the server closes the recordings as it stops): no recording of
     * any IVR call holds a decodable digit on either channel.
     */
    @AfterAll
    static void stop() throws Exception {
        if (toneGuard != null) {
            toneGuard.close();
        }
        logs.close();
        List<Path> recordings;
        try (var files = Files.list(dir.resolve("recordings"))) {
            recordings = files.filter(f -> f.toString().endsWith(".wav")).toList();
        }
        assertTrue(recordings.size() >= 7, "a recording per call: " + recordings);
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
    private Run run(String body, CallerScript script, Duration afterwards) throws Exception {
        int b = NEXT_BLOCK.getAndAdd(20);
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
                    .remote("127.0.0.1", b).args("-rsa", "127.0.0.1:" + SIP_PORT, "-s", "alice")
                    .key("caller_rtp_port", b + 16).key("pause_ms", callMillis).timeout(Duration.ofSeconds(90)).start()) {
                String callId = awaitNewCall(alice, known, Duration.ofSeconds(5));
                int callerPort = toneGuard.calls().find(callId).orElseThrow().callerMediaPort();
                AgentClient.Answer started = alice.post("/api/v1/calls/" + callId + "/ivr", body);
                assertEquals(201, started.status(), String.valueOf(started.body()));
                Thread sending = callerMedia.send(script.packets(), new InetSocketAddress("127.0.0.1", callerPort));
                List<JsonNode> events = new ArrayList<>();
                JsonNode e;
                do {
                    e = alice.nextEvent(Duration.ofSeconds(60));
                    events.add(e);
                } while (!"ivrEnded".equals(e.path("type").asText()));
                sending.join(afterwards.toMillis() + 30_000);
                Thread.sleep(afterwards.toMillis());
                JsonNode payments = alice.get("/api/v1/payments").body();
                List<String> traces = new ArrayList<>(alice.received);
                traces.addAll(logs.lines());
                caller.close();
                return new Run(e.path("outcome").asText(), events, callerMedia.audio(), agentEar.audio(), traces, payments);
            }
        }
    }

    /** A connected call of alice's that is not one of {@code known}. */
    private static String awaitNewCall(AgentClient alice, java.util.Set<String> known, Duration timeout) throws Exception {
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

    private static String card(String reference) {
        return "{\"kind\":\"card\",\"amount\":\"25.50\",\"currency\":\"GBP\",\"reference\":\"" + reference + "\"}";
    }

    /** Seconds of the audio whose 20 ms frames are louder than near-silence. */
    private static double audibleSeconds(short[] pcm) {
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
    private static void checkCall(Run r, boolean agentHearsCallerAfter) {
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

    private static JsonNode record(Run r, String reference) {
        for (JsonNode p : r.payments()) {
            if (reference.equals(p.path("reference").asText())) {
                return p;
            }
        }
        throw new AssertionError("no payment record " + reference + " in " + r.payments());
    }

    @Test
    void aCardPaymentFromConfirmationToTheResult() throws Exception {
        CallerScript s = new CallerScript().speech("you-entered.wav")
                .at(1500).keys("1", BOTH)
                .at(2500).keys(PAN, BOTH)
                .at(6500).keys("1", INBAND)
                .at(7300).keys("1230", INBAND)
                .at(8500).keys("1", EVENTS)
                .at(9300).keys("123", EVENTS)
                .at(10300).keys("1", BOTH);
        Run r = run(card("ivr-ok-1"), s, Duration.ZERO);
        assertEquals("paid", r.outcome(), r.types().toString());
        assertEquals(1, r.count("paymentApproved"));
        assertEquals(3, r.count("fieldObtained"));
        JsonNode rec = record(r, "ivr-ok-1");
        assertEquals("approved", rec.path("status").asText());
        assertEquals("\u2022\u2022\u2022\u2022 1111", rec.path("maskedAccount").asText());
        checkCall(r, false);
    }

    @Test
    void twoAfterTheReadBackReEntersTheCardNumber() throws Exception {
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys("5555555555554444", BOTH)
                .at(6500).keys("2", BOTH)
                .at(7300).keys(PAN, BOTH)
                .at(11300).keys("1", BOTH)
                .at(12100).keys("1230", BOTH)
                .at(13300).keys("1", BOTH)
                .at(14100).keys("123", BOTH)
                .at(15100).keys("1", BOTH);
        Run r = run(card("ivr-reenter-1"), s, Duration.ZERO);
        assertEquals("paid", r.outcome(), r.types().toString());
        assertEquals(4, r.count("fieldObtained"), "the card number twice, then expiry and code");
        assertEquals("\u2022\u2022\u2022\u2022 1111", record(r, "ivr-reenter-1").path("maskedAccount").asText(),
                "the second card is the one paid with");
        checkCall(r, false);
    }

    @Test
    void anInvalidCardNumberIsExplainedAndEnteredAgain() throws Exception {
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys("4111111111111112#", BOTH)
                .at(6500).keys(PAN, BOTH)
                .at(10500).keys("1", BOTH)
                .at(11300).keys("1230", BOTH)
                .at(12500).keys("1", BOTH)
                .at(13300).keys("123", BOTH)
                .at(14300).keys("1", BOTH);
        Run r = run(card("ivr-invalid-1"), s, Duration.ZERO);
        assertEquals("paid", r.outcome(), r.types().toString());
        assertEquals(1, r.count("fieldInvalid"));
        checkCall(r, false);
    }

    @Test
    void tooManyInvalidEntriesEndTheFlow() throws Exception {
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys("4111111111111112#", BOTH)
                .at(6500).keys("4111111111111113#", BOTH)
                .at(10500).keys("4111111111111114#", BOTH);
        Run r = run(card("ivr-fail-1"), s, Duration.ZERO);
        assertEquals("tooManyAttempts", r.outcome(), r.types().toString());
        assertEquals(3, r.count("fieldInvalid"));
        assertEquals(0, r.count("paymentSubmitted"));
        assertTrue(r.payments().findValues("reference").stream().noneMatch(n -> n.asText().equals("ivr-fail-1")));
        checkCall(r, false);
    }

    @Test
    void silenceEndsTheFlowAfterTheNoInputTimeout() throws Exception {
        CallerScript s = new CallerScript().at(1500).keys("1", BOTH).at(2000);
        Run r = run(card("ivr-silent-1"), s, Duration.ZERO);
        assertEquals("noInput", r.outcome(), r.types().toString());
        checkCall(r, false);
    }

    @Test
    void starCancelsAndTheCallerIsBackWithTheAgent() throws Exception {
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys("4111*", BOTH)
                .at(9000).speech("please-try-again.wav").speech("you-entered.wav");
        Run r = run(card("ivr-cancel-1"), s, Duration.ofSeconds(1));
        assertEquals("cancelled", r.outcome(), r.types().toString());
        assertEquals(1, r.count("captureCancelled"));
        checkCall(r, true);
    }

    @Test
    void aBankAccountPayment() throws Exception {
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys("021000021", BOTH)
                .at(5000).keys("1", BOTH)
                .at(5800).keys("12345678#", BOTH)
                .at(8500).keys("1", BOTH);
        Run r = run("{\"kind\":\"bankAccount\",\"amount\":\"99.00\",\"currency\":\"USD\",\"reference\":\"ivr-ach-1\"}", s,
                Duration.ZERO);
        assertEquals("paid", r.outcome(), r.types().toString());
        JsonNode rec = record(r, "ivr-ach-1");
        assertEquals("\u2022\u2022\u2022\u2022 5678", rec.path("maskedAccount").asText());
        LogTap.assertNone(r.traces(), "12345678", "021000021");
        checkCall(r, false);
    }
}
