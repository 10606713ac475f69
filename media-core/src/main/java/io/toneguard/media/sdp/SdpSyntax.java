package io.toneguard.media.sdp;

import java.util.List;

/** Lexical helpers shared by the model, the parser and the attribute types. */
final class SdpSyntax {
    private SdpSyntax() {
    }

    /** RFC 8866 token-char. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses a decimal integer within [min, max], or throws with the given safe message. */
    static int parseInt(String s, int min, int max, String what) {
        if (!isDigits(s, 10)) {
            throw new IllegalArgumentException(what + " is not a number");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " is out of range " + min + "-" + max);
        }
        return (int) v;
    }

    static long parseLong(String s, int maxDigits, String what) {
        if (!isDigits(s, maxDigits)) {
            throw new IllegalArgumentException(what + " is not a number (at most " + maxDigits + " digits)");
        }
        return Long.parseLong(s);
    }

    /** True when the text has no character below 0x20 and no DEL (so no CR, LF or NUL). */
    static boolean isSafeText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static String requireText(String s, String what) {
        if (s == null) {
            throw new NullPointerException(what);
        }
        if (!isSafeText(s)) {
            throw new IllegalArgumentException(what + " contains a control character");
        }
        return s;
    }

    static String requireToken(String s, String what) {
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " is not a valid token");
        }
        return s;
    }

    /** Splits on single spaces after stripping trailing and leading spaces; empty fields are an error. */
    static List<String> fields(String s, String what) {
        String t = s.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        String[] parts = t.split(" ", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException(what + " has fields separated by more than one space");
            }
        }
        return List.of(parts);
    }
}
