package io.toneguard.psp.internal;

import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.PaymentResult;

/**
 * Makes a PSP's text fit for an agent's screen and an audit log: short, one line, any long run of
 * digits (a card or account number echoed back) removed, and standalone runs of three or more
 * digits (a security code or expiry echoed back) masked. The one cleaner all connectors use.
 */
public final class PspText {
    /** Runs of this many digits or more are removed. */
    static final int LONG_DIGITS = 9;
    /** Standalone runs of this many digits or more (a security code, an expiry) are masked. */
    static final int SHORT_DIGITS = 3;
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
                if (digits >= LONG_DIGITS) {
                    out.append("[digits removed]");
                } else if (digits >= SHORT_DIGITS && standalone(text, i, j)) {
                    out.append("***"); // could be an echoed security code or expiry
                } else {
                    out.append(text, i, j);
                }
                i = j;
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
                i++;
            }
        }
        return out.toString().trim();
    }

    /**
     * An identifier from a PSP (transaction id, authorization code): kept as it is, only cut to a
     * sane length and stripped of control characters; null when blank.
     */
    public static String identifier(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(id.length(), 64));
        for (int i = 0; i < id.length() && out.length() < 64; i++) {
            char c = id.charAt(i);
            if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString().trim();
    }

    /** Digits [i, j) not glued to letters (so codes like "E00027" stay readable). */
    private static boolean standalone(String s, int i, int j) {
        return (i == 0 || !Character.isLetter(s.charAt(i - 1))) && (j == s.length() || !Character.isLetter(s.charAt(j)));
    }

    /** A space or dash between two digits ("4111 1111 ..." or "4111-1111-..."). */
    private static boolean isSeparatorInside(String s, int j) {
        char c = s.charAt(j);
        return (c == ' ' || c == '-') && j > 0 && j + 1 < s.length() && Character.isDigit(s.charAt(j - 1))
                && Character.isDigit(s.charAt(j + 1));
    }

    /**
     * The result with every occurrence of the given values' digits (e.g. the request's card number
     * and security code, if a PSP echoes them) removed from its texts. Ids are left as they are.
     */
    public static PaymentResult scrub(PaymentResult r, SensitiveDigits... secrets) {
        if (r instanceof PaymentResult.Declined d) {
            return new PaymentResult.Declined(scrub(d.reason(), secrets), scrub(d.pspCode(), secrets));
        } else if (r instanceof PaymentResult.InvalidRequest i) {
            return new PaymentResult.InvalidRequest(scrub(i.message(), secrets));
        } else if (r instanceof PaymentResult.GatewayError g) {
            return new PaymentResult.GatewayError(scrub(g.message(), secrets), g.retryable());
        }
        return r;
    }

    /** {@code text} without any occurrence of the digits of {@code secrets} (compared digit by digit, no String of them). */
    public static String scrub(String text, SensitiveDigits... secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (SensitiveDigits d : secrets) {
            if (d == null || d.isWiped() || d.length() < 3) {
                continue;
            }
            StringBuilder b = new StringBuilder(out.length());
            int i = 0;
            while (i < out.length()) {
                if (matchesAt(out, i, d)) {
                    b.append("[removed]");
                    i += d.length();
                } else {
                    b.append(out.charAt(i++));
                }
            }
            out = b.toString();
        }
        return out;
    }

    private static boolean matchesAt(String s, int at, SensitiveDigits d) {
        if (at + d.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < d.length(); k++) {
            if (s.charAt(at + k) != d.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
