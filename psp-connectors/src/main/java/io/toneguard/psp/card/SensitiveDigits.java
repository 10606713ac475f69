package io.toneguard.psp.card;

import java.util.Arrays;

/**
 * Digits of card or bank data (PAN, expiry, security code, postcode, routing and account numbers)
 * in a zeroable buffer: never a {@code String}, wiped on {@link #close()}, redacted in
 * {@link #toString()}. Not thread-safe; one owner at a time.
 */
public final class SensitiveDigits implements AutoCloseable {
    /** Longest value held (a PAN has at most 19 digits; bank accounts up to 17). */
    public static final int MAX_DIGITS = 32;

    private final byte[] digits = new byte[MAX_DIGITS];
    private int length;
    private boolean wiped;

    /** An empty buffer, filled digit by digit as the caller keys them. */
    public static SensitiveDigits empty() {
        return new SensitiveDigits();
    }

    /**
     * A buffer holding {@code source}'s digits (0-9 only; anything else is refused). The caller
     * still owns {@code source} and should wipe it.
     */
    public static SensitiveDigits of(char[] source) {
        SensitiveDigits d = new SensitiveDigits();
        for (char c : source) {
            d.append(c);
        }
        return d;
    }

    /** Adds one digit, '0'-'9'. */
    public void append(char c) {
        checkOpen();
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit"); // never echo the character
        }
        if (length == MAX_DIGITS) {
            throw new IllegalStateException("too many digits (at most " + MAX_DIGITS + ")");
        }
        digits[length++] = (byte) (c - '0');
    }

    /** Removes the last digit, if any. */
    public void removeLast() {
        checkOpen();
        if (length > 0) {
            digits[--length] = 0;
        }
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The digit at {@code i} as a number 0-9. */
    public int digit(int i) {
        checkOpen();
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("digit index " + i + " of " + length);
        }
        return digits[i];
    }

    /** The digit at {@code i} as a character '0'-'9'. */
    public char charAt(int i) {
        return (char) ('0' + digit(i));
    }

    /** The digits from {@code from} (inclusive) to {@code to} (exclusive) as a number (at most 18 digits). */
    public long number(int from, int to) {
        if (to - from > 18) {
            throw new IllegalArgumentException("at most 18 digits fit a long");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + digit(i);
        }
        return n;
    }

    /** Writes the digits as ASCII into {@code out} at {@code offset}; returns the count. */
    public int copyAscii(byte[] out, int offset) {
        checkOpen();
        for (int i = 0; i < length; i++) {
            out[offset + i] = (byte) ('0' + digits[i]);
        }
        return length;
    }

    /** Compares in constant time (for double entry: the field keyed twice must match). */
    public boolean sameDigitsAs(SensitiveDigits other) {
        checkOpen();
        other.checkOpen();
        int diff = length ^ other.length;
        for (int i = 0; i < MAX_DIGITS; i++) {
            diff |= digits[i] ^ other.digits[i];
        }
        return diff == 0;
    }

    /** An independent copy (its owner must close it too). */
    public SensitiveDigits copy() {
        checkOpen();
        SensitiveDigits c = new SensitiveDigits();
        System.arraycopy(digits, 0, c.digits, 0, length);
        c.length = length;
        return c;
    }

    /** Empties the buffer (zeroes it) and keeps it usable. */
    public void clear() {
        Arrays.fill(digits, (byte) 0);
        length = 0;
    }

    /** True once wiped by {@link #close()}. */
    public boolean isWiped() {
        return wiped;
    }

    /** Wipes the digits; the buffer cannot be used afterwards. */
    @Override
    public void close() {
        Arrays.fill(digits, (byte) 0);
        length = 0;
        wiped = true;
    }

    private void checkOpen() {
        if (wiped) {
            throw new IllegalStateException("sensitive digits were wiped");
        }
    }

    /** Never the digits: only how many there are. */
    @Override
    public String toString() {
        return wiped ? "SensitiveDigits[wiped]" : "SensitiveDigits[redacted, " + length + " digits]";
    }
}
