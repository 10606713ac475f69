package io.toneguard.psp.internal;

import io.toneguard.psp.card.SensitiveDigits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a request body (JSON or form-encoded) straight into a byte array that is wiped when
 * closed, so card digits go from their zeroable buffer to the wire without ever being a String.
 * Growing the array wipes the old one.
 */
public final class SecretBody implements AutoCloseable {
    private byte[] bytes = new byte[512];
    private int length;
    private final boolean json;
    private boolean first = true;
    private int depth;

    private SecretBody(boolean json) {
        this.json = json;
    }

    /** A JSON object body: {@code {...}}. Use {@link #field} and {@link #object}/{@link #end}. */
    public static SecretBody json() {
        SecretBody b = new SecretBody(true);
        b.raw("{");
        return b;
    }

    /** An application/x-www-form-urlencoded body. */
    public static SecretBody form() {
        return new SecretBody(false);
    }

    /** A string field (escaped). */
    public SecretBody field(String name, String value) {
        key(name);
        if (json) {
            quoted(value);
        } else {
            urlEncoded(value);
        }
        return this;
    }

    /** A numeric JSON field, or a form field. */
    public SecretBody field(String name, long value) {
        key(name);
        raw(Long.toString(value));
        return this;
    }

    /** A boolean JSON field. */
    public SecretBody field(String name, boolean value) {
        key(name);
        raw(value ? "true" : "false");
        return this;
    }

    /** Digits from a zeroable buffer, as a JSON string or a form value. */
    public SecretBody digits(String name, SensitiveDigits digits) {
        key(name);
        if (json) {
            raw("\"");
        }
        ensure(digits.length());
        length += digits.copyAscii(bytes, length);
        if (json) {
            raw("\"");
        }
        return this;
    }

    /** Digits {@code from} to {@code to} of a zeroable buffer (e.g. the MM of MMYY). */
    public SecretBody digits(String name, SensitiveDigits digits, int from, int to) {
        key(name);
        if (json) {
            raw("\"");
        }
        ensure(to - from);
        for (int i = from; i < to; i++) {
            bytes[length++] = (byte) digits.charAt(i);
        }
        if (json) {
            raw("\"");
        }
        return this;
    }

    /**
     * A value laid out by {@code pattern}: {@code #n} is digit n (0-9) of {@code digits}, any other
     * character is written as it is. E.g. {@code "20#2#3-#0#1"} turns MMYY into YYYY-MM, with no
     * String of the digits.
     */
    public SecretBody digitsPattern(String name, String pattern, SensitiveDigits digits) {
        key(name);
        if (json) {
            raw("\"");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '#' && i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1))) {
                ensure(1);
                bytes[length++] = (byte) digits.charAt(pattern.charAt(++i) - '0');
            } else if (json) {
                String q = c == '"' || c == '\\' ? "\\" + c : String.valueOf(c);
                raw(q);
            } else {
                urlEncoded(String.valueOf(c));
            }
        }
        if (json) {
            raw("\"");
        }
        return this;
    }

    /** Opens a nested JSON object. */
    public SecretBody object(String name) {
        key(name);
        raw("{");
        first = true;
        depth++;
        return this;
    }

    /** Closes a nested JSON object. */
    public SecretBody end() {
        if (depth == 0) {
            throw new IllegalStateException("no object to close");
        }
        raw("}");
        depth--;
        first = false;
        return this;
    }

    /** Inserts pre-encoded JSON (no secrets), e.g. a constant sub-document. */
    public SecretBody rawJson(String name, String json) {
        key(name);
        raw(json);
        return this;
    }

    private void key(String name) {
        if (!first) {
            raw(json ? "," : "&");
        }
        first = false;
        if (json) {
            quoted(name);
            raw(":");
        } else {
            urlEncoded(name);
            raw("=");
        }
    }

    /**
     * Finishes the body and returns a copy of it; call once. The caller wipes the copy after
     * sending ({@link PspHttp#send} does), and closes this builder.
     */
    public byte[] toBytes() {
        if (json) {
            while (depth > 0) {
                end();
            }
            raw("}");
        }
        return Arrays.copyOf(bytes, length);
    }

    private void quoted(String s) {
        raw("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> raw("\\\"");
                case '\\' -> raw("\\\\");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                case '\t' -> raw("\\t");
                default -> {
                    if (c < 0x20) {
                        raw(String.format("\\u%04x", (int) c));
                    } else {
                        raw(String.valueOf(c));
                    }
                }
            }
        }
        raw("\"");
    }

    private void urlEncoded(String s) {
        raw(java.net.URLEncoder.encode(s, StandardCharsets.UTF_8));
    }

    private void raw(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            byte[] bigger = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            Arrays.fill(bytes, (byte) 0);
            bytes = bigger;
        }
    }

    /** Wipes the body. Callers also wipe the array from {@link #toBytes()} once it is sent. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        length = 0;
    }

    @Override
    public String toString() {
        return "SecretBody[redacted, " + length + " bytes]";
    }
}
