package io.toneguard.psp.gateway;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * Money in ISO 4217 minor units: pence, cents; yen have none, dinars (BHD) three.
 *
 * @param minorUnits the amount in the currency's smallest unit
 * @param currency the ISO 4217 currency
 */
public record Amount(long minorUnits, Currency currency) {
    public Amount {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public static Amount of(long minorUnits, String currencyCode) {
        return new Amount(minorUnits, Currency.getInstance(currencyCode));
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
