package io.toneguard.psp.card;

/**
 * The only Strings ever made from card or bank digits: at most the first six and the last four
 * of a number, or a digit count. Call them on a complete value (the "last four" of a number still
 * being typed are middle digits of the final one).
 */
public final class Masking {
    /** The masking character, a bullet. */
    public static final char MASK = '\u2022';

    /** Fewest digits a value must have before its last four are shown (as many hidden as shown). */
    public static final int MIN_DIGITS_FOR_LAST_FOUR = 8;

    /** Shortest PAN whose first six are shown besides the last four (three digits stay hidden). */
    public static final int MIN_DIGITS_FOR_FIRST_SIX = 13;

    private Masking() {
    }

    /** "•••• 1111": the last four digits, or "••••" alone when the value has fewer than eight digits. */
    public static String lastFour(SensitiveDigits digits) {
        int n = digits.length();
        if (n < MIN_DIGITS_FOR_LAST_FOUR) {
            return "" + MASK + MASK + MASK + MASK;
        }
        char[] out = {MASK, MASK, MASK, MASK, ' ', digits.charAt(n - 4), digits.charAt(n - 3), digits.charAt(n - 2),
            digits.charAt(n - 1)};
        return new String(out);
    }

    /**
     * "411111 •••••• 1111": the first six and last four of a PAN of at least 13 digits, every
     * other digit masked; shorter numbers get {@link #lastFour} only.
     */
    public static String firstSixLastFour(SensitiveDigits pan) {
        int n = pan.length();
        if (n < MIN_DIGITS_FOR_FIRST_SIX) {
            return lastFour(pan);
        }
        int hidden = n - 10;
        char[] out = new char[6 + 1 + hidden + 1 + 4];
        int o = 0;
        for (int i = 0; i < 6; i++) {
            out[o++] = pan.charAt(i);
        }
        out[o++] = ' ';
        for (int i = 0; i < hidden; i++) {
            out[o++] = MASK;
        }
        out[o++] = ' ';
        for (int i = n - 4; i < n; i++) {
            out[o++] = pan.charAt(i);
        }
        return new String(out);
    }

    /** How many digits were entered and nothing else, e.g. "3 digits" (for security codes). */
    public static String digitCountOnly(SensitiveDigits digits) {
        int n = digits.length();
        return n == 0 ? "no digits" : n == 1 ? "1 digit" : n + " digits";
    }
}
