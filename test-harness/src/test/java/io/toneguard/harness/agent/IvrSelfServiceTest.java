package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CallerScript.Source.BOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.server.ivr.IvrSessions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A self-service number: a routing rule sends the dialled number straight into the payment IVR,
 * ToneGuard answers the call itself (no agent), takes the configured amount, and hangs up after.
 */
class IvrSelfServiceTest extends IvrCallTest {
    @Override
    int sipPort() {
        return 38890;
    }

    @Override
    String ivrConfig() {
        return "  noInputTimeoutSeconds: 5\n  selfService:\n    bill:\n      kind: card\n      amount: \"12.00\"\n"
                + "      currency: GBP\n      description: Bill\n";
    }

    @Override
    String extraConfig() {
        return "routing:\n  rules:\n    - userExact: pay\n      target: \"self-service:bill\"\n";
    }

    @Test
    void aDialledNumberGoesStraightIntoTheFlowAndTheCallEndsAfter() throws Exception {
        int b = nextBlock.getAndAdd(20);
        Set<String> known = new HashSet<>();
        toneGuard.calls().all().forEach(c -> known.add(c.id()));
        CallerScript s = new CallerScript()
                .at(1500).keys("1", BOTH)
                .at(2500).keys(PAN, BOTH)
                .at(6500).keys("1", BOTH)
                .at(7300).keys("1230", BOTH)
                .at(8500).keys("1", BOTH)
                .at(9300).keys("123", BOTH)
                .at(10300).keys("1", BOTH);
        try (AgentClient ops = new AgentClient(toneGuard.apiPort(), AgentCaptureEndToEndTest.OPS).listen();
                RtpCapture callerMedia = RtpCapture.open(b + 16);
                SippProcess caller = Sipp.scenario("caller-remote-media.xml").localPort(b + 10).mediaPort(b + 12)
                        .remote("127.0.0.1", sipPort()).args("-s", "pay")
                        .key("caller_rtp_port", b + 16).key("pause_ms", 60_000).timeout(Duration.ofSeconds(90)).start()) {
            String callId = awaitNewCall(ops, known, Duration.ofSeconds(5));
            int callerPort = toneGuard.calls().find(callId).orElseThrow().callerMediaPort();
            callerMedia.send(s.packets(), new InetSocketAddress("127.0.0.1", callerPort));
            List<String> types = new ArrayList<>();
            JsonNode e;
            do {
                e = ops.nextEvent(Duration.ofSeconds(60));
                types.add(e.path("type").asText());
            } while (!"ivrEnded".equals(e.path("type").asText()));
            assertEquals("paid", e.path("outcome").asText(), types.toString());
            assertEquals(IvrSessions.SELF_SERVICE_AGENT, e.path("agent").asText());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (toneGuard.calls().find(callId).isPresent()) {
                assertTrue(System.nanoTime() < deadline, "ToneGuard hangs up after the flow");
                Thread.sleep(20);
            }
            JsonNode payment = ops.get("/api/v1/payments").body().get(0);
            assertEquals("approved", payment.path("status").asText(), payment.toString());
            assertEquals(1200, payment.path("amount").path("minor").asLong());
            assertEquals(IvrSessions.SELF_SERVICE_AGENT, payment.path("agent").asText());
            assertTrue(audibleSeconds(callerMedia.audio()) > 2.0, "the caller heard the prompts");
            LogTap.assertNone(logs.lines(), PAN, "1230");
        }
    }
}
