package io.toneguard.psp.gateway;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Money in ISO 4217 minor units: pence, cents; yen have none, dinars (BHD) three.
 *
 * @param minorUnits the amount in the currency's smallest unit
 * @param currency the ISO 4217 currency
 */
public record Amount(long minorUnits, Currency currency) {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");

    public Amount {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public static Amount of(long minorUnits, String currencyCode) {
        return new Amount(minorUnits, Currency.getInstance(currencyCode));
    }

    /**
     * An amount written in major units, such as "25.50" for GBP.
     *
     * @throws IllegalArgumentException (with a message a person can act on) if it is not a plain
     *     decimal number, has more decimal places than the currency, or the currency has no minor units defined
     */
    public static Amount parse(String major, Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currency.getCurrencyCode() + " cannot be used for payments");
        }
        if (major == null || !DECIMAL.matcher(major).matches()) {
            throw new IllegalArgumentException("an amount must be a decimal number in major units, such as \"25.50\"");
        }
        BigDecimal value = new BigDecimal(major);
        if (value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " amounts have at most " + digits + " decimal places");
        }
        return new Amount(value.movePointRight(digits).longValueExact(), currency);
    }

    /** Digits after the decimal point for this currency (JPY 0, GBP 2, BHD 3). */
    public int fractionDigits() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** The amount in major units, e.g. 25.50 for 2550 GBP pence. */
    public BigDecimal major() {
        return BigDecimal.valueOf(minorUnits, fractionDigits());
    }

    /** "25.50 GBP". */
    @Override
    public String toString() {
        return major().toPlainString() + " " + currency.getCurrencyCode();
    }
}
