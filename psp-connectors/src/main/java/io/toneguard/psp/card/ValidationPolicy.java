package io.toneguard.psp.card;

import java.time.Clock;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@link CardValidator} accepts: brands, "now" for expiry, the postcode rule, bank account
 * lengths and how far ahead an expiry may be.
 *
 * @param acceptedBrands brands taken (default all)
 * @param currentMonth supplies the current month (default the system clock)
 * @param postcode the keypad postcode rule (default US ZIP)
 * @param minAccountDigits shortest bank account number (default 4)
 * @param maxAccountDigits longest bank account number (default 17)
 * @param maxYearsAhead latest expiry accepted, in years from now (default 20)
 */
public record ValidationPolicy(Set<CardBrand> acceptedBrands, Supplier<YearMonth> currentMonth, PostcodeRule postcode,
        int minAccountDigits, int maxAccountDigits, int maxYearsAhead) {

    /** All brands, system clock, US ZIP, accounts of 4-17 digits, expiry up to 20 years ahead. */
    public static final ValidationPolicy DEFAULT = new ValidationPolicy(EnumSet.allOf(CardBrand.class), YearMonth::now,
            PostcodeRule.US, 4, 17, 20);

    public ValidationPolicy {
        Objects.requireNonNull(acceptedBrands, "acceptedBrands");
        Objects.requireNonNull(currentMonth, "currentMonth");
        Objects.requireNonNull(postcode, "postcode");
        acceptedBrands = acceptedBrands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(acceptedBrands));
        if (minAccountDigits < 1 || maxAccountDigits > SensitiveDigits.MAX_DIGITS || minAccountDigits > maxAccountDigits) {
            throw new IllegalArgumentException("account digits must be 1 <= min <= max <= " + SensitiveDigits.MAX_DIGITS);
        }
        if (maxYearsAhead < 0 || maxYearsAhead > 49) {
            throw new IllegalArgumentException("maxYearsAhead must be 0-49");
        }
    }

    public boolean accepts(CardBrand brand) {
        return acceptedBrands.contains(brand);
    }

    public ValidationPolicy withAcceptedBrands(Set<CardBrand> brands) {
        return new ValidationPolicy(brands, currentMonth, postcode, minAccountDigits, maxAccountDigits, maxYearsAhead);
    }

    public ValidationPolicy withAcceptedBrands(CardBrand first, CardBrand... more) {
        return withAcceptedBrands(EnumSet.of(first, more));
    }

    /** "Now" from {@code clock} (in the clock's zone). */
    public ValidationPolicy withClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return withCurrentMonth(() -> YearMonth.now(clock));
    }

    public ValidationPolicy withCurrentMonth(Supplier<YearMonth> now) {
        return new ValidationPolicy(acceptedBrands, now, postcode, minAccountDigits, maxAccountDigits, maxYearsAhead);
    }

    public ValidationPolicy withPostcode(PostcodeRule rule) {
        return new ValidationPolicy(acceptedBrands, currentMonth, rule, minAccountDigits, maxAccountDigits, maxYearsAhead);
    }

    public ValidationPolicy withAccountDigits(int min, int max) {
        return new ValidationPolicy(acceptedBrands, currentMonth, postcode, min, max, maxYearsAhead);
    }

    public ValidationPolicy withMaxYearsAhead(int years) {
        return new ValidationPolicy(acceptedBrands, currentMonth, postcode, minAccountDigits, maxAccountDigits, years);
    }
}
