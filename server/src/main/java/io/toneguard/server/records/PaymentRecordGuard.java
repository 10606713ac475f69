package io.toneguard.server.records;

import java.util.Arrays;

/**
 * Defence in depth: refuses a record that carries card data before it is written. Messages name
 * the field, never its value.
 */
public final class PaymentRecordGuard {
    /** First six and last four: the most a masked card number may show. */
    static final int MAX_VISIBLE_DIGITS = 10;
    /** Card numbers are 12 (some Maestro) to 19 digits long. */
    static final int MIN_CARD_DIGITS = 12;
    static final int MAX_CARD_DIGITS = 19;

    private PaymentRecordGuard() {
    }

    /** Checks every field of a new record that could hold a pasted card number. */
    static void checkNew(PaymentRecord r) {
        checkMaskedAccount(r.maskedAccount());
        checkFreeText("reference", r.reference());
        checkFreeText("description", r.description());
        for (StatusChange c : r.history()) {
            checkFreeText("status message", c.message());
        }
    }

    /** Checks the free text of a status change. */
    static void checkChange(StatusChange c) {
        checkFreeText("status message", c.message());
    }

    static void checkMaskedAccount(String masked) {
        if (masked == null) {
            return;
        }
        int digits = 0;
        for (int i = 0; i < masked.length(); i++) {
            if (Character.isDigit(masked.charAt(i))) {
                digits++;
            }
        }
        if (digits > MAX_VISIBLE_DIGITS) {
            throw new IllegalArgumentException("maskedAccount shows more than " + MAX_VISIBLE_DIGITS
                    + " digits: refused as card data");
        }
    }

    /**
     * Refuses text with a run of 12 to 19 digits that passes Luhn. Digits separated by single
     * spaces or hyphens count as one run, as a card number is often written in groups.
     */
    static void checkFreeText(String field, String text) {
        if (text != null && containsCardNumber(text)) {
            throw new IllegalArgumentException(field + " contains what looks like a card number: refused");
        }
    }

    /**
     * Whether free text hides a card number: a run of 12-19 digits (single spaces or hyphens
     * between groups allowed) that passes the Luhn check.
     */
    public static boolean containsCardNumber(CharSequence text) {
        int[] run = new int[MAX_CARD_DIGITS + 1];
        int n = 0;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : '\0';
            int digit = Character.digit(ch, 10);
            if (digit >= 0) {
                if (n < run.length) {
                    run[n] = digit;
                }
                n++;
                continue;
            }
            boolean separator = (ch == ' ' || ch == '-') && n > 0 && i + 1 < text.length()
                    && Character.digit(text.charAt(i + 1), 10) >= 0;
            if (separator) {
                continue;
            }
            if (n >= MIN_CARD_DIGITS && n <= MAX_CARD_DIGITS && luhn(run, n)) {
                Arrays.fill(run, 0);
                return true;
            }
            n = 0;
        }
        Arrays.fill(run, 0);
        return false;
    }

    private static boolean luhn(int[] digits, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int d = digits[n - 1 - i];
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
