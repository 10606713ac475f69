package io.toneguard.psp.card;

import java.util.Locale;
import java.util.Map;

/**
 * How many digits a postcode keyed on a phone keypad may have. Where postcodes are not digits only
 * (UK "SW1A 1AA", Canada "K1A 0B1"), the caller keys the numeric part, as address verification
 * (AVS) compares it: "SW1A 1AA" is keyed as 11.
 */
public final class PostcodeRule {
    /** United States: ZIP (5) or ZIP+4 (9). */
    public static final PostcodeRule US = lengths(5, 9);
    /** United Kingdom: the digits of the outward (1-2) and inward (1) codes. */
    public static final PostcodeRule GB = between(2, 3);
    /** Canada: the three digits of "A1A 1A1". */
    public static final PostcodeRule CA = lengths(3);
    /** Germany, France, Spain, Italy: five digits. */
    public static final PostcodeRule FIVE_DIGITS = lengths(5);
    /** Australia, New Zealand: four digits. */
    public static final PostcodeRule FOUR_DIGITS = lengths(4);
    /** Anything from 1 to 10 digits, for countries without a rule. */
    public static final PostcodeRule ANY = between(1, 10);

    private static final Map<String, PostcodeRule> BY_COUNTRY = Map.of(
            "US", US, "GB", GB, "UK", GB, "CA", CA,
            "DE", FIVE_DIGITS, "FR", FIVE_DIGITS, "ES", FIVE_DIGITS, "IT", FIVE_DIGITS,
            "AU", FOUR_DIGITS, "NZ", FOUR_DIGITS);

    private final int lengthMask;

    private PostcodeRule(int lengthMask) {
        if (lengthMask == 0) {
            throw new IllegalArgumentException("a postcode rule needs at least one length");
        }
        this.lengthMask = lengthMask;
    }

    /** Exactly one of the given lengths (1-20 digits each). */
    public static PostcodeRule lengths(int... valid) {
        int mask = 0;
        for (int l : valid) {
            check(l);
            mask |= 1 << l;
        }
        return new PostcodeRule(mask);
    }

    /** Any length from {@code min} to {@code max} digits. */
    public static PostcodeRule between(int min, int max) {
        check(min);
        check(max);
        if (min > max) {
            throw new IllegalArgumentException("min > max");
        }
        int mask = 0;
        for (int l = min; l <= max; l++) {
            mask |= 1 << l;
        }
        return new PostcodeRule(mask);
    }

    /** The rule for an ISO 3166 alpha-2 country code; {@link #ANY} for countries without one. */
    public static PostcodeRule forCountry(String iso2) {
        return BY_COUNTRY.getOrDefault(iso2.toUpperCase(Locale.ROOT), ANY);
    }

    public boolean allows(int length) {
        return length > 0 && length <= 20 && (lengthMask & (1 << length)) != 0;
    }

    public int minDigits() {
        return Integer.numberOfTrailingZeros(lengthMask);
    }

    public int maxDigits() {
        return 31 - Integer.numberOfLeadingZeros(lengthMask);
    }

    /** The lengths in words, e.g. "five or nine", "two to three" (no digits: agent-safe). */
    public String describe() {
        int min = minDigits();
        int max = maxDigits();
        if (Integer.bitCount(lengthMask) == max - min + 1) {
            return min == max ? Words.number(min) : Words.number(min) + " to " + Words.number(max);
        }
        StringBuilder sb = new StringBuilder();
        for (int l = min; l <= max; l++) {
            if (allows(l)) {
                if (sb.length() > 0) {
                    sb.append(l == max ? " or " : ", ");
                }
                sb.append(Words.number(l));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostcodeRule p && p.lengthMask == lengthMask;
    }

    @Override
    public int hashCode() {
        return lengthMask;
    }

    @Override
    public String toString() {
        return "PostcodeRule[" + describe() + " digits]";
    }

    private static void check(int l) {
        if (l < 1 || l > 20) {
            throw new IllegalArgumentException("postcode lengths are 1-20 digits");
        }
    }
}
