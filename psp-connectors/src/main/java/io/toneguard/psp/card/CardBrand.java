package io.toneguard.psp.card;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Card brands by IIN range and valid lengths (public industry tables). Detection reads the
 * leading digits only; the longest matching prefix wins. Precedence: the Discover/UnionPay
 * co-branded range 622126-622925 detects as {@link #DISCOVER} (six digits beat UnionPay's "62");
 * {@link CardValidator} still accepts such a card when either brand is accepted.
 */
public enum CardBrand {
    VISA("Visa", 3, range(1, 4, 4, lengths(13, 16, 19))),
    MASTERCARD("Mastercard", 3, range(2, 51, 55, lengths(16)), range(4, 2221, 2720, lengths(16))),
    AMEX("American Express", 4, range(2, 34, 34, lengths(15)), range(2, 37, 37, lengths(15))),
    DISCOVER("Discover", 3,
            range(4, 6011, 6011, span(16, 19)), range(3, 644, 649, span(16, 19)),
            range(2, 65, 65, span(16, 19)), range(6, 622126, 622925, span(16, 19))),
    JCB("JCB", 3, range(4, 3528, 3589, span(16, 19))),
    DINERS("Diners Club", 3,
            range(3, 300, 305, span(14, 19)), range(2, 36, 36, lengths(14)), range(2, 38, 39, span(14, 19))),
    MAESTRO("Maestro", 3,
            range(4, 5018, 5018, span(12, 19)), range(4, 5020, 5020, span(12, 19)),
            range(4, 5038, 5038, span(12, 19)), range(4, 5893, 5893, span(12, 19)),
            range(4, 6304, 6304, span(12, 19)), range(4, 6759, 6759, span(12, 19)),
            range(4, 6761, 6763, span(12, 19))),
    UNIONPAY("UnionPay", 3, range(2, 62, 62, span(16, 19)));

    /** The longest card number of any brand. */
    public static final int MAX_PAN_LENGTH = 19;

    private final String displayName;
    private final int securityCodeLength;
    private final Range[] ranges;

    CardBrand(String displayName, int securityCodeLength, Range... ranges) {
        this.displayName = displayName;
        this.securityCodeLength = securityCodeLength;
        this.ranges = ranges;
    }

    /** The brand of a complete (or long enough) number: the longest matching IIN prefix wins. */
    public static Optional<CardBrand> detect(SensitiveDigits pan) {
        Match best = longestMatch(pan);
        return best == null ? Optional.empty() : Optional.of(best.brand);
    }

    /**
     * The brand while the caller is still typing: present as soon as every number that can still
     * follow the digits so far belongs to one brand ("4" is Visa; "5" may be Mastercard or Maestro).
     */
    public static Optional<CardBrand> detectPrefix(SensitiveDigits prefix) {
        Set<CardBrand> possible = possibleBrands(prefix);
        return possible.size() == 1 ? Optional.of(possible.iterator().next()) : Optional.empty();
    }

    /** Every brand a number starting with {@code prefix} can still turn out to be (empty: impossible prefix). */
    public static Set<CardBrand> possibleBrands(SensitiveDigits prefix) {
        Set<CardBrand> brands = EnumSet.noneOf(CardBrand.class);
        for (Match m : candidates(prefix)) {
            brands.add(m.brand);
        }
        return brands;
    }

    /** The longest length any number starting with {@code prefix} may have (0: impossible prefix). */
    public static int maxLengthPossible(SensitiveDigits prefix) {
        int max = 0;
        for (Match m : candidates(prefix)) {
            max = Math.max(max, m.range.maxLength());
        }
        return max;
    }

    public String displayName() {
        return displayName;
    }

    /** Digits of the security code (CVV2/CVC2/CID): 4 for American Express, 3 for the others. */
    public int securityCodeLength() {
        return securityCodeLength;
    }

    /** Shortest valid length over all of this brand's ranges. */
    public int minLength() {
        int min = Integer.MAX_VALUE;
        for (Range r : ranges) {
            min = Math.min(min, r.minLength());
        }
        return min;
    }

    /** Longest valid length over all of this brand's ranges. */
    public int maxLength() {
        int max = 0;
        for (Range r : ranges) {
            max = Math.max(max, r.maxLength());
        }
        return max;
    }

    /** Whether the leading digits of {@code pan} fall in one of this brand's IIN ranges (length aside). */
    public boolean matches(SensitiveDigits pan) {
        return ownRange(pan) != null;
    }

    /** Whether {@code pan} matches this brand and has a length valid for the range it matches. */
    public boolean isValidLength(SensitiveDigits pan) {
        Range r = ownRange(pan);
        return r != null && r.allowsLength(pan.length());
    }

    /** Shortest valid length for the range {@code pan} matches, or 0 if it does not match this brand. */
    int minLengthFor(SensitiveDigits pan) {
        Range r = ownRange(pan);
        return r == null ? 0 : r.minLength();
    }

    /** Longest valid length for the range {@code pan} matches, or 0 if it does not match this brand. */
    int maxLengthFor(SensitiveDigits pan) {
        Range r = ownRange(pan);
        return r == null ? 0 : r.maxLength();
    }

    private Range ownRange(SensitiveDigits pan) {
        Range best = null;
        for (Range r : ranges) {
            if (r.matchesFully(pan) && (best == null || r.digits > best.digits)) {
                best = r;
            }
        }
        return best;
    }

    private static Match longestMatch(SensitiveDigits pan) {
        Match best = null;
        for (CardBrand b : values()) {
            for (Range r : b.ranges) {
                if (r.matchesFully(pan) && (best == null || r.digits > best.range.digits)) {
                    best = new Match(b, r);
                }
            }
        }
        return best;
    }

    /**
     * The ranges some completion of {@code prefix} resolves to under longest-prefix-wins: a range
     * already fully matched is dropped when a longer range is fully matched too, or when a longer
     * range covers every possible completion.
     */
    private static List<Match> candidates(SensitiveDigits prefix) {
        List<Match> compatible = new ArrayList<>();
        for (CardBrand b : values()) {
            for (Range r : b.ranges) {
                if (r.compatibleWith(prefix)) {
                    compatible.add(new Match(b, r));
                }
            }
        }
        int n = prefix.length();
        List<Match> result = new ArrayList<>();
        for (Match m : compatible) {
            boolean shadowed = false;
            if (n >= m.range.digits) {
                for (Match other : compatible) {
                    if (other.range.digits > m.range.digits
                            && (n >= other.range.digits || other.range.coversAllCompletions(prefix))) {
                        shadowed = true;
                        break;
                    }
                }
            }
            if (!shadowed) {
                result.add(m);
            }
        }
        return result;
    }

    private record Match(CardBrand brand, Range range) {
    }

    /** IIN prefixes {@code low}..{@code high} of {@code digits} digits; bit n of {@code lengthMask} set = length n valid. */
    private record Range(int digits, int low, int high, int lengthMask) {
        boolean matchesFully(SensitiveDigits pan) {
            if (pan.length() < digits) {
                return false;
            }
            long v = pan.number(0, digits);
            return v >= low && v <= high;
        }

        boolean compatibleWith(SensitiveDigits prefix) {
            int n = prefix.length();
            if (n >= digits) {
                return matchesFully(prefix);
            }
            long scale = pow10(digits - n);
            long lo = prefix.number(0, n) * scale;
            long hi = lo + scale - 1;
            return low <= hi && high >= lo;
        }

        boolean coversAllCompletions(SensitiveDigits prefix) {
            int n = prefix.length();
            if (n >= digits) {
                return matchesFully(prefix);
            }
            long scale = pow10(digits - n);
            long lo = prefix.number(0, n) * scale;
            return low <= lo && high >= lo + scale - 1;
        }

        boolean allowsLength(int length) {
            return length >= 0 && length < 32 && (lengthMask & (1 << length)) != 0;
        }

        int minLength() {
            return Integer.numberOfTrailingZeros(lengthMask);
        }

        int maxLength() {
            return 31 - Integer.numberOfLeadingZeros(lengthMask);
        }
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }

    private static Range range(int digits, int low, int high, int lengthMask) {
        return new Range(digits, low, high, lengthMask);
    }

    private static int lengths(int... valid) {
        int mask = 0;
        for (int l : valid) {
            mask |= 1 << l;
        }
        return mask;
    }

    private static int span(int min, int max) {
        int mask = 0;
        for (int l = min; l <= max; l++) {
            mask |= 1 << l;
        }
        return mask;
    }
}
