package io.toneguard.harness.agent;

import static io.toneguard.harness.agent.CallerScript.Source.BOTH;
import static io.toneguard.harness.agent.CallerScript.Source.EVENTS;
import static io.toneguard.harness.agent.CallerScript.Source.INBAND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The payment IVR flows callers go through: each checks the outcome and events, the payment
 * record, that prompts reached the caller, and that nothing decodable (nor the caller's voice,
 * during the flow) reached the agent.
 */
class IvrFlowsTest extends IvrCallTest {
    @Override
    int sipPort() {
        return 39590;
    }

    @Override
    String ivrConfig() {
        return "  noInputTimeoutSeconds: 5\n";
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
