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
        boolean opens = true;

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

        public void disarmTimer() {
            log.add("disarm");
        }

        public void armDigitTimer() {
            log.add("arm-digit");
        }

        public boolean open(Amount amount) {
            log.add("open " + amount);
            return opens;
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

    private static final Amount AMOUNT = Amount.of(2550, "GBP");

    private PaymentFlow flow(boolean confirmAmount) {
        return new PaymentFlow(CARD, confirmAmount, 3, Say.ENGLISH, s);
    }

    private static void keys(PaymentFlow f, String keys) {
        for (char c : keys.toCharArray()) {
            f.key(DtmfDigit.ofKey(c));
        }
    }

    @Test
    void aWholeCardPaymentAsCallersKnowIt() {
        PaymentFlow f = flow(true);
        f.start(AMOUNT);
        assertEquals("open 25.50 GBP", s.log.get(0), "a known amount's capture opens at once");
        assertEquals("play amount-is twenty five pounds and fifty pence press-1-confirm-2-cancel", s.log.get(1));
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
        f.approved("R1");
        assertTrue(s.last().startsWith("play payment-successful your-reference-is"), s.last());
        assertTrue(s.last().endsWith("returning-to-agent"), s.last());
        assertNull(s.outcome, "the caller hears the result before going back");
        f.played();
        assertEquals(FlowOutcome.PAID, s.outcome);
    }

    @Test
    void twoReEntersTheFieldAndDoesNotCountAsAFailure() {
        PaymentFlow f = flow(false);
        f.start(AMOUNT);
        f.obtained(CaptureField.CARD_NUMBER, List.of());
        keys(f, "2");
        assertEquals(CaptureField.CARD_NUMBER, f.currentField());
        assertEquals(PaymentFlow.Step.ENTER, f.step());
        assertEquals(2, s.log.stream().filter("ask cardNumber"::equals).count());
    }

    @Test
    void anInvalidEntryIsExplainedAndAskedAgainUntilTheAttemptsRunOut() {
        PaymentFlow f = flow(false);
        f.start(AMOUNT);
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
        f.start(AMOUNT);
        keys(f, "41*");
        assertEquals(2, s.entered.size(), "* never reaches the capture");
        assertEquals("play cancelled returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.CANCELLED, s.outcome);

        Script t = new Script();
        PaymentFlow g = new PaymentFlow(CARD, true, 3, Say.ENGLISH, t);
        g.start(Amount.of(100, "USD"));
        g.key(DtmfDigit.ofKey('2'));
        g.played();
        assertEquals(FlowOutcome.CANCELLED, t.outcome);
    }

    @Test
    void silenceEndsTheFlow() {
        PaymentFlow f = flow(true);
        f.start(AMOUNT);
        f.noInput();
        assertEquals("play no-input returning-to-agent", s.last());
        f.played();
        assertEquals(FlowOutcome.NO_INPUT, s.outcome);
    }

    @Test
    void aDeclineIsToldAndTheCallerGoesBack() {
        PaymentFlow f = flow(false);
        f.start(AMOUNT);
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
        f.start(AMOUNT);
        keys(f, "4");
        assertEquals("stop", s.log.get(s.log.size() - 1));
    }

    private static final IvrSettings.AmountLimits ONE_TO_FIVE_HUNDRED = new IvrSettings.AmountLimits(Amount.of(100, "GBP"),
            Amount.of(50_000, "GBP"));

    private PaymentFlow keyed() {
        PaymentFlow f = flow(false);
        f.startKeyedAmount(ONE_TO_FIVE_HUNDRED);
        return f;
    }

    @Test
    void aKeyedAmountIsReadBackConfirmedAndOnlyThenOpensTheCapture() {
        PaymentFlow f = keyed();
        assertEquals(PaymentFlow.Step.ENTER_AMOUNT, f.step());
        assertEquals("play enter-amount-gbp", s.log.get(0));
        keys(f, "1250");
        assertTrue(s.entered.isEmpty(), "amount digits are the flow's own, not the capture's");
        assertEquals("arm-digit", s.last(), "each digit restarts the pause allowed between digits");
        keys(f, "#");
        assertEquals("arm", s.last());
        assertTrue(s.played("press-1-confirm-2-reenter"), s.log.toString());
        assertTrue(s.log.contains("play amount-is twelve pounds and fifty pence press-1-confirm-2-reenter"), s.log.toString());
        assertTrue(s.log.stream().noneMatch(l -> l.startsWith("open")), "no capture before the caller confirms");
        keys(f, "1");
        assertTrue(s.log.contains("open 12.50 GBP"), s.log.toString());
        assertEquals("play enter-card-number", s.last());
        assertEquals(CaptureField.CARD_NUMBER, f.currentField());
    }

    @Test
    void twoAtAKeyedAmountAsksForItAgainAndAPauseEndsItAsHashWould() {
        PaymentFlow f = keyed();
        keys(f, "999");
        f.digitTimeout();
        assertEquals(PaymentFlow.Step.CONFIRM_AMOUNT, f.step());
        keys(f, "2");
        assertEquals(PaymentFlow.Step.ENTER_AMOUNT, f.step());
        assertEquals("play enter-amount-gbp", s.log.get(s.log.size() - 2));
        keys(f, "2000#");
        keys(f, "1");
        assertTrue(s.log.contains("open 20.00 GBP"), s.log.toString());
        assertTrue(s.log.stream().noneMatch(l -> l.equals("open 9.99 GBP")), s.log.toString());
    }

    @Test
    void anAmountOutsideTheLimitsIsRefusedAndAskedAgainUntilTheAttemptsRunOut() {
        PaymentFlow f = keyed();
        keys(f, "99#");
        assertEquals("play amount-not-accepted please-try-again enter-amount-gbp", s.log.get(s.log.size() - 2));
        keys(f, "50001#");
        assertEquals("play amount-not-accepted please-try-again enter-amount-gbp", s.log.get(s.log.size() - 2));
        keys(f, "9999999999999999999#");
        assertEquals("play amount-not-accepted too-many-attempts returning-to-agent", s.last(),
                "far too many digits are refused, never overflowed");
        f.played();
        assertEquals(FlowOutcome.TOO_MANY_ATTEMPTS, s.outcome);
    }

    @Test
    void hashAloneIsAFailedAttemptAndTheLimitsAreInclusive() {
        PaymentFlow f = keyed();
        keys(f, "#");
        assertTrue(s.played("amount-not-accepted"));
        keys(f, "50000#");
        assertEquals(PaymentFlow.Step.CONFIRM_AMOUNT, f.step(), "500.00 is the most, and allowed");
    }

    @Test
    void starAndSilenceEndAnAmountEntry() {
        PaymentFlow f = keyed();
        keys(f, "12*");
        f.played();
        assertEquals(FlowOutcome.CANCELLED, s.outcome);
        Script t = new Script();
        PaymentFlow g = new PaymentFlow(CARD, false, 3, Say.ENGLISH, t).selfService();
        g.startKeyedAmount(ONE_TO_FIVE_HUNDRED);
        g.noInput();
        assertEquals("play no-input goodbye", t.last());
        g.played();
        assertEquals(FlowOutcome.NO_INPUT, t.outcome);
    }

    @Test
    void aCaptureThatCannotOpenEndsTheFlowApologising() {
        s.opens = false;
        PaymentFlow f = flow(true).selfService();
        f.start(AMOUNT);
        assertEquals("play payment-unavailable goodbye", s.last());
        f.played();
        assertEquals(FlowOutcome.UNAVAILABLE, s.outcome);

        Script t = new Script();
        t.opens = false;
        PaymentFlow g = new PaymentFlow(CARD, false, 3, Say.ENGLISH, t).selfService();
        g.startKeyedAmount(ONE_TO_FIVE_HUNDRED);
        keys(g, "500#1");
        assertEquals("play payment-unavailable goodbye", t.last());
    }

    @Test
    void beforeTheAmountIsKnownKeysDoNothingAndNothingDueIsSaid() {
        PaymentFlow f = flow(true).selfService();
        keys(f, "1#");
        assertEquals(PaymentFlow.Step.WAITING, f.step());
        assertTrue(s.log.isEmpty(), s.log.toString());
        f.nothingDue();
        assertEquals("play no-payment-due goodbye", s.last());
        f.played();
        assertEquals(FlowOutcome.NOTHING_DUE, s.outcome);
        f.start(AMOUNT);
        assertEquals(PaymentFlow.Step.ENDED, f.step(), "an ended flow does not start again");
    }
}
