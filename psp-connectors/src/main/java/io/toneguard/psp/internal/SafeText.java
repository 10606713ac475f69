package io.toneguard.psp.internal;

/**
 * Makes a PSP's free text fit for an agent's screen and an audit log: standalone runs of three
 * or more digits are masked (a PSP may echo a rejected card number, CVC or expiry), and the
 * text is kept short.
 */
public final class SafeText {
    private static final int MAX_LENGTH = 200;

    private SafeText() {
    }

    /** {@code text} with standalone digit runs of 3+ masked, or {@code fallback} when blank. */
    public static String of(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        int i = 0;
        while (i < text.length() && out.length() < MAX_LENGTH) {
            char c = text.charAt(i);
            if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int end = i;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                boolean standalone = end == text.length() || !Character.isLetter(text.charAt(end));
                if (end - i >= 3 && standalone) {
                    out.append("***");
                } else {
                    out.append(text, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
