package io.toneguard.server.ivr;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.ivr.prompt.PromptIds;
import io.toneguard.ivr.say.Say;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureField;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The payment IVR as callers know it: the amount (given, or keyed by the caller in minor units and
 * read back), confirmed; then for each field, a prompt, the
 * caller's entry (into the capture, never here), a read-back (the last four of a card, the expiry
 * as month and year, nothing of a security code) and "press 1 to confirm, or 2 to re-enter";
 * then the payment and its outcome. Invalid entries are explained and asked again, up to
 * {@code maxAttempts}; {@code *} cancels at any time; silence ends it. A state machine: an enum of
 * steps and one method per input, each switching on the step. Not thread-safe: one thread drives it.
 */
final class PaymentFlow {
    /** Where the flow is. */
    enum Step { WAITING, ENTER_AMOUNT, CONFIRM_AMOUNT, ENTER, CONFIRM, PROCESSING, ENDING, ENDED }

    /** The most digits a keyed amount may have (more is refused, never overflowed). */
    static final int MAX_AMOUNT_DIGITS = 12;

    private final List<CaptureField> fields;
    private final boolean confirmAmount;
    private final int maxAttempts;
    private final Say say;
    private final FlowActions actions;
    /** A self-service call: it ends with goodbye, not back to an agent. */
    private boolean selfService;
    private final Map<CaptureField, Integer> failures = new EnumMap<>(CaptureField.class);

    private Step step = Step.WAITING;
    private int current;
    private FlowOutcome outcome;
    private Amount amount;
    /** The caller keys the amount: its currency and limits, what is keyed so far, and the refusals. */
    private boolean amountKeyed;
    private Currency keyedCurrency;
    private IvrSettings.AmountLimits limits;
    private long keyedMinor;
    private int keyedDigits;
    private int amountFailures;

    PaymentFlow(List<CaptureField> fields, boolean confirmAmount, int maxAttempts, Say say, FlowActions actions) {
        this.fields = List.copyOf(fields);
        this.confirmAmount = confirmAmount;
        this.maxAttempts = maxAttempts;
        this.say = say;
        this.actions = actions;
    }

    /** The flow of a self-service number: it ends with goodbye (the call ends), not back to an agent. */
    PaymentFlow selfService() {
        selfService = true;
        return this;
    }

    Step step() {
        return step;
    }

    CaptureField currentField() {
        return step == Step.ENTER || step == Step.CONFIRM ? fields.get(current) : null;
    }

    /** Starts the flow for a known amount (given by the agent, the configuration or a lookup). */
    void start(Amount known) {
        if (step != Step.WAITING) {
            return;
        }
        amount = known;
        if (!actions.open(known)) {
            unavailable();
        } else if (confirmAmount) {
            askToConfirmAmount();
        } else {
            ask(0, List.of());
        }
    }

    /** Starts the flow with the caller keying the amount, in minor units, within {@code limits}. */
    void startKeyedAmount(IvrSettings.AmountLimits allowed) {
        if (step != Step.WAITING) {
            return;
        }
        amountKeyed = true;
        keyedCurrency = allowed.min().currency();
        limits = allowed;
        askForAmount(List.of());
    }

    /** No payment can be taken now (e.g. the amount could not be looked up): the caller is told, and it ends. */
    void unavailable() {
        if (step != Step.ENDING && step != Step.ENDED) {
            end(FlowOutcome.UNAVAILABLE, List.of("payment-unavailable"));
        }
    }

    /** Nothing is due (an amount lookup said so): the caller is told, and it ends. */
    void nothingDue() {
        if (step == Step.WAITING) {
            end(FlowOutcome.NOTHING_DUE, List.of("no-payment-due"));
        }
    }

    /** Any key the caller pressed. */
    void key(DtmfDigit digit) {
        char k = digit.key();
        switch (step) {
            case ENTER_AMOUNT -> {
                actions.stopPrompt();
                if (k == '*') {
                    end(FlowOutcome.CANCELLED, List.of("cancelled"));
                } else if (k == '#') {
                    amountEntered();
                } else if (k >= '0' && k <= '9') {
                    if (keyedDigits < MAX_AMOUNT_DIGITS) {
                        keyedMinor = keyedMinor * 10 + (k - '0');
                    }
                    keyedDigits++;
                    actions.armDigitTimer();
                }
            }
            case CONFIRM_AMOUNT -> {
                actions.stopPrompt();
                if (k == '1') {
                    actions.disarmTimer();
                    if (!amountKeyed) {
                        ask(0, List.of());
                    } else if (actions.open(amount)) {
                        ask(0, List.of());
                    } else {
                        unavailable();
                    }
                } else if (k == '2' && amountKeyed) {
                    askForAmount(List.of());
                } else if (k == '2' || k == '*') {
                    end(FlowOutcome.CANCELLED, List.of("cancelled"));
                } else {
                    actions.play(List.of(amountKeyed ? "press-1-confirm-2-reenter" : "press-1-confirm-2-cancel"));
                    actions.armNoInputTimer();
                }
            }
            case ENTER -> {
                actions.stopPrompt();
                if (k == '*') {
                    end(FlowOutcome.CANCELLED, List.of("cancelled"));
                } else {
                    actions.enter(digit);
                }
            }
            case CONFIRM -> {
                actions.stopPrompt();
                if (k == '1') {
                    actions.disarmTimer();
                    if (current + 1 < fields.size()) {
                        ask(current + 1, List.of());
                    } else {
                        step = Step.PROCESSING;
                        actions.play(List.of("please-wait-processing"));
                        actions.process();
                    }
                } else if (k == '2') {
                    actions.disarmTimer();
                    ask(current, List.of());
                } else if (k == '*') {
                    end(FlowOutcome.CANCELLED, List.of("cancelled"));
                } else {
                    actions.play(List.of("press-1-confirm-2-reenter"));
                    actions.armNoInputTimer();
                }
            }
            default -> {
                // waiting for the amount, processing or ending: keys change nothing
            }
        }
    }

    /**
     * The capture obtained the field being entered.
     *
     * @param readBack what to say back (the last four of a card, the expiry), already as prompt ids
     */
    void obtained(CaptureField field, List<String> readBack) {
        if (step != Step.ENTER || field != fields.get(current)) {
            return;
        }
        step = Step.CONFIRM;
        List<String> p = new ArrayList<>(readBack);
        p.add("press-1-confirm-2-reenter");
        actions.play(p);
        actions.armNoInputTimer();
    }

    /** The entry was not valid: explained, and asked again until the attempts run out. */
    void invalid(CaptureField field, String reasonCode) {
        if (step != Step.ENTER || field != fields.get(current)) {
            return;
        }
        int n = failures.merge(field, 1, Integer::sum);
        if (n >= maxAttempts) {
            end(FlowOutcome.TOO_MANY_ATTEMPTS, List.of(invalidPrompt(field, reasonCode), "too-many-attempts"));
        } else {
            ask(current, List.of(invalidPrompt(field, reasonCode), "please-try-again"));
        }
    }

    /** The caller stopped keying an amount without the hash key: what was keyed is the entry. */
    void digitTimeout() {
        if (step == Step.ENTER_AMOUNT && keyedDigits > 0) {
            amountEntered();
        }
    }

    /** Nothing was keyed in time (a field, a question, or the whole capture). */
    void noInput() {
        if (step == Step.ENTER_AMOUNT || step == Step.ENTER || step == Step.CONFIRM || step == Step.CONFIRM_AMOUNT) {
            end(FlowOutcome.NO_INPUT, List.of("no-input"));
        }
    }

    /** The agent cancelled the capture (or the call is going): back to the agent at once. */
    void cancelled() {
        if (step != Step.ENDING && step != Step.ENDED) {
            end(FlowOutcome.CANCELLED, List.of("cancelled"));
        }
    }

    /** @param reference the payment's reference, spelled out to the caller */
    void approved(String reference) {
        if (step == Step.PROCESSING) {
            List<String> p = new ArrayList<>(List.of("payment-successful", "your-reference-is"));
            p.addAll(say.characters(reference));
            end(FlowOutcome.PAID, p);
        }
    }

    void declined() {
        if (step == Step.PROCESSING) {
            end(FlowOutcome.DECLINED, List.of("payment-declined"));
        }
    }

    void failed() {
        if (step == Step.PROCESSING) {
            end(FlowOutcome.FAILED, List.of("payment-failed-try-later"));
        }
    }

    /** The last prompts finished playing: an ending flow hands the caller back now. */
    void played() {
        if (step == Step.ENDING) {
            step = Step.ENDED;
            actions.finished(outcome);
        }
    }

    private void askToConfirmAmount() {
        step = Step.CONFIRM_AMOUNT;
        List<String> p = new ArrayList<>(List.of("amount-is"));
        p.addAll(say.amount(amount.minorUnits(), amount.currency()));
        p.add(amountKeyed ? "press-1-confirm-2-reenter" : "press-1-confirm-2-cancel");
        actions.play(p);
        actions.armNoInputTimer();
    }

    private void askForAmount(List<String> before) {
        step = Step.ENTER_AMOUNT;
        keyedMinor = 0;
        keyedDigits = 0;
        amount = null;
        List<String> p = new ArrayList<>(before);
        p.add(PromptIds.enterAmount(keyedCurrency));
        actions.play(p);
        actions.armNoInputTimer();
    }

    /** The caller ended an amount (hash key or a pause): read back if it can be taken, else explained and asked again. */
    private void amountEntered() {
        actions.disarmTimer();
        Amount keyed = keyedDigits == 0 || keyedDigits > MAX_AMOUNT_DIGITS ? null : new Amount(keyedMinor, keyedCurrency);
        keyedMinor = 0;
        keyedDigits = 0;
        if (keyed != null && limits.allows(keyed)) {
            amount = keyed;
            askToConfirmAmount();
        } else if (++amountFailures >= maxAttempts) {
            end(FlowOutcome.TOO_MANY_ATTEMPTS, List.of("amount-not-accepted", "too-many-attempts"));
        } else {
            askForAmount(List.of("amount-not-accepted", "please-try-again"));
        }
    }

    private void ask(int index, List<String> before) {
        current = index;
        step = Step.ENTER;
        CaptureField field = fields.get(index);
        actions.askFor(field);
        List<String> p = new ArrayList<>(before);
        p.add(enterPrompt(field));
        actions.play(p);
    }

    private void end(FlowOutcome how, List<String> prompts) {
        actions.disarmTimer();
        outcome = how;
        step = Step.ENDING;
        List<String> p = new ArrayList<>(prompts);
        p.add(selfService ? "goodbye" : "returning-to-agent");
        actions.play(p);
    }

    private static String enterPrompt(CaptureField f) {
        return switch (f) {
            case CARD_NUMBER -> "enter-card-number";
            case EXPIRY -> "enter-expiry";
            case SECURITY_CODE -> "enter-security-code";
            case POSTCODE -> "enter-postcode";
            case ROUTING_NUMBER -> "enter-routing-number";
            case ACCOUNT_NUMBER -> "enter-account-number";
        };
    }

    /** The explanation callers understand, from the validation's reason. */
    static String invalidPrompt(CaptureField f, String reasonCode) {
        if (f == CaptureField.CARD_NUMBER && ("brandNotAccepted".equals(reasonCode))) {
            return "card-not-accepted";
        }
        if (f == CaptureField.EXPIRY && "expired".equals(reasonCode)) {
            return "card-expired";
        }
        return switch (f) {
            case CARD_NUMBER -> "invalid-card-number";
            case EXPIRY -> "invalid-expiry";
            case SECURITY_CODE -> "invalid-security-code";
            case POSTCODE -> "invalid-postcode";
            case ROUTING_NUMBER -> "invalid-routing-number";
            case ACCOUNT_NUMBER -> "invalid-account-number";
        };
    }

    /** Every prompt id a flow may play besides what {@link Say} builds and the amount prompts of keyed currencies. */
    static List<String> promptIds() {
        return PromptIds.FLOW;
    }
}
