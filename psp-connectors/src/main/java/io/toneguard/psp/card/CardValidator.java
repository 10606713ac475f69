package io.toneguard.psp.card;

import io.toneguard.psp.card.Validation.Reason;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks captured fields digit by digit, as the caller types and when a field is complete. Never
 * makes a String of the digits; every {@link Validation} message is free of digits. Stateless
 * and thread-safe.
 */
public final class CardValidator {
    /** A validator with {@link ValidationPolicy#DEFAULT}. */
    public static final CardValidator DEFAULT = new CardValidator(ValidationPolicy.DEFAULT);

    private static final int ROUTING_DIGITS = 9;

    private final ValidationPolicy policy;

    public CardValidator(ValidationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public ValidationPolicy policy() {
        return policy;
    }

    /** The Luhn (mod 10) check digit test. */
    public Validation luhn(SensitiveDigits number) {
        if (number.isEmpty()) {
            return Validation.invalid(Reason.EMPTY, "No number entered");
        }
        if (number.length() < 2) {
            return Validation.invalid(Reason.TOO_SHORT, "Number is too short for a check digit");
        }
        return luhnValid(number) ? Validation.VALID : Validation.invalid(Reason.LUHN_FAILED);
    }

    /** A complete card number: known brand, length valid for its range, Luhn, brand accepted. */
    public Validation cardNumber(SensitiveDigits pan) {
        int n = pan.length();
        if (n == 0) {
            return Validation.invalid(Reason.EMPTY, "No card number entered");
        }
        if (n > CardBrand.MAX_PAN_LENGTH) {
            return Validation.invalid(Reason.TOO_LONG, "Card number is too long");
        }
        Optional<CardBrand> detected = CardBrand.detect(pan);
        if (detected.isEmpty()) {
            return Validation.invalid(Reason.UNKNOWN_BRAND);
        }
        CardBrand brand = detected.get();
        if (n < brand.minLengthFor(pan)) {
            return Validation.invalid(Reason.TOO_SHORT, "Card number is too short for " + brand.displayName());
        }
        if (n > brand.maxLengthFor(pan)) {
            return Validation.invalid(Reason.TOO_LONG, "Card number is too long for " + brand.displayName());
        }
        if (!brand.isValidLength(pan)) {
            return Validation.invalid(Reason.WRONG_LENGTH, "Card number length is not valid for " + brand.displayName());
        }
        if (!luhnValid(pan)) {
            return Validation.invalid(Reason.LUHN_FAILED);
        }
        if (!accepted(brand, pan)) {
            return notAccepted(brand);
        }
        return Validation.VALID;
    }

    /**
     * Feedback while the card number is being typed: {@link Validation#VALID} as long as the digits
     * so far can still become a valid card of an accepted brand.
     */
    public Validation partial(SensitiveDigits pan) {
        int n = pan.length();
        if (n == 0) {
            return Validation.VALID;
        }
        if (n > CardBrand.MAX_PAN_LENGTH) {
            return Validation.invalid(Reason.TOO_LONG, "Too many digits for a card number");
        }
        int max = CardBrand.maxLengthPossible(pan);
        if (max == 0) {
            return Validation.invalid(Reason.UNKNOWN_BRAND, "No card number starts with these digits");
        }
        Optional<CardBrand> brand = CardBrand.detectPrefix(pan);
        if (n > max) {
            return Validation.invalid(Reason.TOO_LONG,
                    "Too many digits for " + brand.map(CardBrand::displayName).orElse("a card number"));
        }
        boolean anyAccepted = false;
        for (CardBrand b : CardBrand.possibleBrands(pan)) {
            anyAccepted |= accepted(b, pan);
        }
        if (!anyAccepted) {
            return brand.isPresent() ? notAccepted(brand.get())
                    : Validation.invalid(Reason.BRAND_NOT_ACCEPTED, "None of the possible card brands is accepted");
        }
        return Validation.VALID;
    }

    /** Expiry as MMYY: month 1-12, not past (a card is valid through the end of its month), not too far ahead. */
    public Validation expiry(SensitiveDigits mmyy) {
        if (mmyy.isEmpty()) {
            return Validation.invalid(Reason.EMPTY, "No expiry date entered");
        }
        if (mmyy.length() != 4) {
            return Validation.invalid(mmyy.length() < 4 ? Reason.TOO_SHORT : Reason.TOO_LONG,
                    "Expiry date must be four digits, month then year");
        }
        int month = (int) mmyy.number(0, 2);
        if (month < 1 || month > 12) {
            return Validation.invalid(Reason.INVALID_MONTH);
        }
        YearMonth now = policy.currentMonth().get();
        int yy = (int) mmyy.number(2, 4);
        // two-digit years are read in the window from 50 years back to 49 ahead of now
        int year = now.getYear() - Math.floorMod(now.getYear(), 100) + yy;
        if (year < now.getYear() - 50) {
            year += 100;
        } else if (year > now.getYear() + 49) {
            year -= 100;
        }
        YearMonth expiry = YearMonth.of(year, month);
        if (expiry.isBefore(now)) {
            return Validation.invalid(Reason.EXPIRED);
        }
        if (expiry.isAfter(now.plusYears(policy.maxYearsAhead()))) {
            return Validation.invalid(Reason.TOO_FAR_AHEAD);
        }
        return Validation.VALID;
    }

    /** Security code of the length the brand uses (4 for American Express, 3 for the others). */
    public Validation securityCode(SensitiveDigits code, CardBrand brand) {
        Objects.requireNonNull(brand, "brand");
        int expected = brand.securityCodeLength();
        if (code.isEmpty()) {
            return Validation.invalid(Reason.EMPTY, "No security code entered");
        }
        if (code.length() == expected) {
            return Validation.VALID;
        }
        return Validation.invalid(code.length() < expected ? Reason.TOO_SHORT : Reason.TOO_LONG,
                "Security code must be " + Words.number(expected) + " digits for " + brand.displayName());
    }

    /** The keypad postcode, by the policy's {@link PostcodeRule}. */
    public Validation postcode(SensitiveDigits code) {
        PostcodeRule rule = policy.postcode();
        int n = code.length();
        if (n == 0) {
            return Validation.invalid(Reason.EMPTY, "No postcode entered");
        }
        if (rule.allows(n)) {
            return Validation.VALID;
        }
        Reason reason = n < rule.minDigits() ? Reason.TOO_SHORT : n > rule.maxDigits() ? Reason.TOO_LONG : Reason.WRONG_LENGTH;
        return Validation.invalid(reason, "Postcode must be " + rule.describe() + " digits");
    }

    /**
     * A US ABA routing number: nine digits, a Federal Reserve prefix (00-12, 21-32, 61-72, 80) and
     * the 3-7-1 weighted checksum.
     */
    public Validation routingNumber(SensitiveDigits aba) {
        int n = aba.length();
        if (n == 0) {
            return Validation.invalid(Reason.EMPTY, "No routing number entered");
        }
        if (n != ROUTING_DIGITS) {
            return Validation.invalid(n < ROUTING_DIGITS ? Reason.TOO_SHORT : Reason.TOO_LONG,
                    "Routing number must be nine digits");
        }
        int prefix = (int) aba.number(0, 2);
        boolean allZero = aba.number(0, ROUTING_DIGITS) == 0;
        if (allZero || !(prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80)) {
            return Validation.invalid(Reason.INVALID_PREFIX);
        }
        int sum = 0;
        for (int i = 0; i < ROUTING_DIGITS; i += 3) {
            sum += 3 * aba.digit(i) + 7 * aba.digit(i + 1) + aba.digit(i + 2);
        }
        return sum % 10 == 0 ? Validation.VALID : Validation.invalid(Reason.CHECKSUM_FAILED);
    }

    /** A bank account number of the policy's length range (default 4-17 digits). */
    public Validation accountNumber(SensitiveDigits account) {
        int n = account.length();
        if (n == 0) {
            return Validation.invalid(Reason.EMPTY, "No account number entered");
        }
        if (n < policy.minAccountDigits() || n > policy.maxAccountDigits()) {
            return Validation.invalid(n < policy.minAccountDigits() ? Reason.TOO_SHORT : Reason.TOO_LONG,
                    "Account number must be " + Words.number(policy.minAccountDigits()) + " to "
                            + Words.number(policy.maxAccountDigits()) + " digits");
        }
        return Validation.VALID;
    }

    /** Whether the number passes the Luhn check (false when empty). */
    public static boolean luhnValid(SensitiveDigits number) {
        int n = number.length();
        if (n == 0) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = n - 1; i >= 0; i--) {
            int d = number.digit(i);
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Accepted if its brand is, or (co-branded cards) any other brand whose range it also falls in. */
    private boolean accepted(CardBrand brand, SensitiveDigits pan) {
        if (policy.accepts(brand)) {
            return true;
        }
        for (CardBrand other : CardBrand.values()) {
            if (other != brand && policy.accepts(other) && other.matches(pan)) {
                return true;
            }
        }
        return false;
    }

    private static Validation notAccepted(CardBrand brand) {
        return Validation.invalid(Reason.BRAND_NOT_ACCEPTED, brand.displayName() + " cards are not accepted");
    }
}
