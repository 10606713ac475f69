package io.toneguard.ivr.prompt;

import java.util.List;

/**
 * Ids of the payment flow's prompts, as in the shipped English catalogue. The parts that numbers,
 * amounts and dates are built from are listed by {@code Say#requiredIds()}.
 */
public final class PromptIds {
    public static final String AMOUNT_IS = "amount-is";
    public static final String PRESS_1_CONFIRM_2_CANCEL = "press-1-confirm-2-cancel";
    public static final String ENTER_CARD_NUMBER = "enter-card-number";
    public static final String YOU_ENTERED_CARD_ENDING_IN = "you-entered-card-ending-in";
    public static final String PRESS_1_CONFIRM_2_REENTER = "press-1-confirm-2-reenter";
    public static final String ENTER_EXPIRY = "enter-expiry";
    public static final String YOU_ENTERED_EXPIRY = "you-entered-expiry";
    public static final String ENTER_SECURITY_CODE = "enter-security-code";
    public static final String YOU_ENTERED_SECURITY_CODE = "you-entered-security-code";
    public static final String ENTER_POSTCODE = "enter-postcode";
    public static final String YOU_ENTERED_POSTCODE = "you-entered-postcode";
    public static final String ENTER_ROUTING_NUMBER = "enter-routing-number";
    public static final String ENTER_ACCOUNT_NUMBER = "enter-account-number";
    public static final String ACCOUNT_ENDING_IN = "account-ending-in";
    public static final String INVALID_CARD_NUMBER = "invalid-card-number";
    public static final String CARD_NOT_ACCEPTED = "card-not-accepted";
    public static final String CARD_EXPIRED = "card-expired";
    public static final String INVALID_EXPIRY = "invalid-expiry";
    public static final String INVALID_SECURITY_CODE = "invalid-security-code";
    public static final String INVALID_POSTCODE = "invalid-postcode";
    public static final String INVALID_ROUTING_NUMBER = "invalid-routing-number";
    public static final String INVALID_ACCOUNT_NUMBER = "invalid-account-number";
    public static final String PLEASE_TRY_AGAIN = "please-try-again";
    public static final String NO_INPUT = "no-input";
    public static final String TOO_MANY_ATTEMPTS = "too-many-attempts";
    public static final String CANCELLED = "cancelled";
    public static final String PLEASE_WAIT_PROCESSING = "please-wait-processing";
    public static final String PAYMENT_SUCCESSFUL = "payment-successful";
    public static final String YOUR_REFERENCE_IS = "your-reference-is";
    public static final String PAYMENT_DECLINED = "payment-declined";
    public static final String PAYMENT_FAILED_TRY_LATER = "payment-failed-try-later";
    public static final String RETURNING_TO_AGENT = "returning-to-agent";
    public static final String GOODBYE = "goodbye";
    public static final String AMOUNT_NOT_ACCEPTED = "amount-not-accepted";
    public static final String PAYMENT_UNAVAILABLE = "payment-unavailable";
    public static final String NO_PAYMENT_DUE = "no-payment-due";

    /** Every flow prompt above (check a custom set with {@link PromptSet#requireIds}). */
    public static final List<String> FLOW = List.of(AMOUNT_IS, PRESS_1_CONFIRM_2_CANCEL, ENTER_CARD_NUMBER,
            YOU_ENTERED_CARD_ENDING_IN, PRESS_1_CONFIRM_2_REENTER, ENTER_EXPIRY, YOU_ENTERED_EXPIRY,
            ENTER_SECURITY_CODE, YOU_ENTERED_SECURITY_CODE, ENTER_POSTCODE, YOU_ENTERED_POSTCODE,
            ENTER_ROUTING_NUMBER, ENTER_ACCOUNT_NUMBER, ACCOUNT_ENDING_IN, INVALID_CARD_NUMBER,
            CARD_NOT_ACCEPTED, CARD_EXPIRED, INVALID_EXPIRY, INVALID_SECURITY_CODE, INVALID_POSTCODE,
            INVALID_ROUTING_NUMBER, INVALID_ACCOUNT_NUMBER, PLEASE_TRY_AGAIN, NO_INPUT, TOO_MANY_ATTEMPTS,
            CANCELLED, PLEASE_WAIT_PROCESSING, PAYMENT_SUCCESSFUL, YOUR_REFERENCE_IS, PAYMENT_DECLINED,
            PAYMENT_FAILED_TRY_LATER, RETURNING_TO_AGENT, GOODBYE, AMOUNT_NOT_ACCEPTED, PAYMENT_UNAVAILABLE, NO_PAYMENT_DUE);

    /**
     * "Please enter the amount you wish to pay in pounds and pence ...": one prompt per currency,
     * since the minor unit differs (the English set has GBP, USD and EUR; a set needs those of the
     * currencies its callers key amounts in).
     */
    public static String enterAmount(java.util.Currency currency) {
        return "enter-amount-" + currency.getCurrencyCode().toLowerCase(java.util.Locale.ROOT);
    }

    private PromptIds() {
    }
}
