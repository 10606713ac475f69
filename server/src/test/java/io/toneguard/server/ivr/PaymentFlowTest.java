package io.toneguard.server.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.ivr.say.Say;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentFlowTest {
    private static final List<CaptureField> CARD = List.of(CaptureField.CARD_NUMBER, CaptureField.EXPIRY, CaptureField.SECURITY_CODE);

    /** Writes down every action as a word, prompts by id. */
    private static final class Script implements FlowActions {
        final List<String> log = new ArrayList<>();
        final List<String> entered = new ArrayList<>();
        FlowOutcome outcome;

        public void play(List<String> promptIds) {
            log.add("play " + String.join(" ", promptIds));
        }

        public void stopPrompt() {
            log.add("stop");
        }

        public void askFor(CaptureField field) {
            log.add("ask " + field.apiName());
        }

        public void enter(DtmfDigit digit) {
            entered.add(String.valueOf(digit.key()));
        }

        public void armNoInputTimer() {
            log.add("arm");
        }

        public void disarmNoInputTimer() {
            log.add("disarm");
        }

        public void process() {
            log.add("process");
        }

        public void finished(FlowOutcome how) {
            outcome = how;
        }

        String last() {
            return log.get(log.size() - 1);
        }

        boolean played(String prompt) {
            return log.stream().anyMatch(l -> l.startsWith("play") && List.of(l.split(" ")).contains(prompt));
        }
    }

    private final Script s = new Script();

    private PaymentFlow flow(boolean confirmAmount) {
        return new PaymentFlow(CARD, Amount.of(2550, "GBP"), "R1", confirmAmount, 3, Say.ENGLISH, s);
    }

    private static void keys(PaymentFlow f, String keys) {
        for (char c : keys.toCharArray()) {
            f.key(DtmfDigit.ofKey(c));
        }
    }

    @Test
    void aWholeCardPaymentAsCallersKnowIt() {
        PaymentFlow f = flow(true);
        f.start();
        assertEquals("play amount-is twenty five pounds and fifty pence press-1-confirm-2-cancel", s.log.get(0));
        keys(f, "1");
        assertTrue(s.log.contains("ask cardNumber"), s.log.toString());
        assertEquals("play enter-card-number", s.last());
        keys(f, "4111111111111111");
        assertEquals(16, s.entered.size(), "every digit goes to the capture");
        f.obtained(CaptureField.CARD_NUMBER, List.of("you-entered-card-ending-in", "one", "one", "one", "one"));
        assertEquals("arm", s.last());
        assertTrue(s.played("press-1-confirm-2-reenter"));
        keys(f, "1");
        assertEquals(CaptureField.EXPIRY, f.currentField());
        f.obtained(CaptureField.EXPIRY, List.of("you-entered-expiry", "december", "twenty", "thirty"));
        keys(f, "1");
        f.obtained(CaptureField.SECURITY_CODE, List.of("you-entered-security-code"));
        keys(f, "1");
        assertEquals(PaymentFlow.Step.PROCESSING, f.step());
        assertTrue(s.log.contains("process"));
        keys(f, "9");
        assertEquals(PaymentFlow.Step.PROCESSING, f.step(), "keys change nothing while the payment is processed");
        f.approved();
        assertTrue(s.last().startsWith("play payment-successful your-reference-is"), s.last());
        assertTrue(s.last().endsWith("returning-to-agent"), s.last());
        assertNull(s.outcome, "the caller hears the result before going back");
        f.played();
        assertEquals(FlowOutcome.PAID, s.outcome);
    }

    @Test
    void twoReEntersTheFieldAndDoesNotCountAsAFailure() {
        PaymentFlow f = flow(false);
        f.start();
        f.obtained(CaptureField.CARD_NUMBER, List.of());
        keys(f, "2");
        assertEquals(CaptureField.CARD_NUMBER, f.currentField());
        assertEquals(PaymentFlow.Step.ENTER, f.step());
        assertEquals(2, s.log.stream().filter("ask cardNumber"::equals).count());
    }

    @Test
    void anInvalidEntryIsExplainedAndAskedAgainUntilTheAttemptsRunOut() {
        PaymentFlow f = flow(false);
        f.start();
        f.invalid(CaptureField.CARD_NUMBER, "luhnFailed");
        assertEquals("play invalid-card-number please-try-again enter-card-number", s.last());
        f.invalid(CaptureField.CARD_NUMBER, "brandNotAccepted");
        assertEquals("play card-not-accepted please-try-again enter-card-number", s.last());
        f.invalid(CaptureField.CARD_NUMBER, "luhnFailed");
        assertEquals("play invalid-card-number too-many-attempts returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.TOO_MANY_ATTEMPTS, s.outcome);
    }

    @Test
    void starCancelsAtAnyTimeAndTwoAtTheAmountToo() {
        PaymentFlow f = flow(false);
        f.start();
        keys(f, "41*");
        assertEquals(2, s.entered.size(), "* never reaches the capture");
        assertEquals("play cancelled returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.CANCELLED, s.outcome);

        Script t = new Script();
        PaymentFlow g = new PaymentFlow(CARD, Amount.of(100, "USD"), "R2", true, 3, Say.ENGLISH, t);
        g.start();
        g.key(DtmfDigit.ofKey('2'));
        g.played();
        assertEquals(FlowOutcome.CANCELLED, t.outcome);
    }

    @Test
    void silenceEndsTheFlow() {
        PaymentFlow f = flow(true);
        f.start();
        f.noInput();
        assertEquals("play no-input returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.NO_INPUT, s.outcome);
    }

    @Test
    void aDeclineIsToldAndTheCallerGoesBack() {
        PaymentFlow f = flow(false);
        f.start();
        for (CaptureField field : CARD) {
            f.obtained(field, List.of());
            keys(f, "1");
        }
        f.declined();
        assertEquals("play payment-declined returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.DECLINED, s.outcome);
    }

    @Test
    void aFirstKeyStopsThePromptPlaying() {
        PaymentFlow f = flow(false);
        f.start();
        keys(f, "4");
        assertEquals("stop", s.log.get(s.log.size() - 1));
    }
}
