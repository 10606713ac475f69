package io.toneguard.psp.sandbox;

import io.toneguard.psp.card.SensitiveDigits;

/**
 * The sandbox's documented test cards (Stripe's public test numbers where Stripe has one), held
 * as digit arrays and matched digit by digit: no String is ever made from a captured PAN.
 */
enum SandboxCard {
    VISA(4111_1111_1111_1111L, Outcome.APPROVE, null, null),
    MASTERCARD(5555_5555_5555_4444L, Outcome.APPROVE, null, null),
    AMEX(3782_8224_6310_005L, Outcome.APPROVE, null, null),
    DISCOVER(6011_1111_1111_1117L, Outcome.APPROVE, null, null),
    GENERIC_DECLINE(4000_0000_0000_0002L, Outcome.DECLINE, "card declined", "card_declined"),
    INSUFFICIENT_FUNDS(4000_0000_0000_9995L, Outcome.DECLINE, "insufficient funds", "insufficient_funds"),
    LOST_CARD(4000_0000_0000_9987L, Outcome.DECLINE, "card reported lost", "lost_card"),
    EXPIRED_CARD(4000_0000_0000_0069L, Outcome.DECLINE, "expired card", "expired_card"),
    INCORRECT_CVC(4000_0000_0000_0127L, Outcome.DECLINE, "incorrect security code", "incorrect_cvc"),
    PROCESSING_ERROR(4000_0000_0000_0119L, Outcome.ERROR, "processing error, try again", "processing_error"),
    TIMEOUT(4000_0000_0000_6975L, Outcome.TIMEOUT, null, null);

    /** What a test card does. */
    enum Outcome { APPROVE, DECLINE, ERROR, TIMEOUT }

    private final byte[] digits;
    private final Outcome outcome;
    private final String reason;
    private final String pspCode;

    SandboxCard(long number, Outcome outcome, String reason, String pspCode) {
        this.digits = digitsOf(number);
        this.outcome = outcome;
        this.reason = reason;
        this.pspCode = pspCode;
    }

    Outcome outcome() {
        return outcome;
    }

    String reason() {
        return reason;
    }

    String pspCode() {
        return pspCode;
    }

    /** Whether {@code pan} is exactly this card's number. */
    boolean matches(SensitiveDigits pan) {
        if (pan.length() != digits.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < digits.length; i++) {
            diff |= pan.digit(i) ^ digits[i];
        }
        return diff == 0;
    }

    /** The test card {@code pan} is, or null for any other number. */
    static SandboxCard find(SensitiveDigits pan) {
        for (SandboxCard c : values()) {
            if (c.matches(pan)) {
                return c;
            }
        }
        return null;
    }

    /** The decimal digits of {@code n} (no leading zeros), most significant first. */
    static byte[] digitsOf(long n) {
        int len = 0;
        for (long v = n; v > 0; v /= 10) {
            len++;
        }
        byte[] d = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            d[i] = (byte) (n % 10);
            n /= 10;
        }
        return d;
    }
}
