package io.toneguard.psp.internal;

/**
 * Makes a PSP's text fit for an agent's screen and an audit log: short, one line, and with any
 * long run of digits (what could be a card or account number echoed back) removed.
 */
public final class PspText {
    /** Runs of this many digits or more are removed. */
    static final int LONG_DIGITS = 9;
    private static final int MAX = 200;

    private PspText() {
    }

    /** The cleaned text, or {@code fallback} when there is none. */
    public static String clean(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        int i = 0;
        while (i < text.length() && out.length() < MAX) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                int j = i;
                while (j < text.length() && (Character.isDigit(text.charAt(j)) || isSeparatorInside(text, j))) {
                    j++;
                }
                int digits = 0;
                for (int k = i; k < j; k++) {
                    digits += Character.isDigit(text.charAt(k)) ? 1 : 0;
                }
                out.append(digits >= LONG_DIGITS ? "[digits removed]" : text, digits >= LONG_DIGITS ? 0 : i,
                        digits >= LONG_DIGITS ? "[digits removed]".length() : j);
                i = j;
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
                i++;
            }
        }
        return out.toString().trim();
    }

    /** A space or dash between two digits ("4111 1111 ..." or "4111-1111-..."). */
    private static boolean isSeparatorInside(String s, int j) {
        char c = s.charAt(j);
        return (c == ' ' || c == '-') && j > 0 && j + 1 < s.length() && Character.isDigit(s.charAt(j - 1))
                && Character.isDigit(s.charAt(j + 1));
    }
}
