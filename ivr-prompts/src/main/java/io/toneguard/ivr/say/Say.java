package io.toneguard.ivr.say;

import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Builds the prompt id sequences that say digits, numbers, amounts and dates in one language, from
 * the recorded parts of a prompt set. Pure functions: no I/O, no logging. A sequence that says the
 * last four digits of a card must never be logged (nor any sequence, to be safe).
 */
public interface Say {
    /** English (British usage): "two thousand and five", "twenty five pounds and fifty pence". */
    Say ENGLISH = new EnglishSay();

    /**
     * Each digit on its own ("1 1 1 1" for a card's last four): {@code digits[offset..offset+length)},
     * each '0' to '9'. A bad character is refused by position, never echoed.
     */
    List<String> digits(char[] digits, int offset, int length);

    /** Digits and letters one by one (a payment reference, a currency code); other characters are skipped. */
    List<String> characters(CharSequence text);

    /** A whole number, 0 to 999,999,999. */
    List<String> number(long n);

    /**
     * An amount in a currency's minor units (pence, cents). GBP, USD and EUR are said with their
     * unit names; other currencies as a decimal number followed by the currency code spelled.
     */
    List<String> amount(long minorUnits, Currency currency);

    /** A month by number, 1 (January) to 12. */
    List<String> month(int month);

    /** A year, 2000 to 2099. */
    List<String> year(int year);

    /** A card expiry: month 1-12 and a two-digit year (00-99, meaning 20YY): "December twenty thirty". */
    List<String> expiry(int month, int twoDigitYear);

    /** Every prompt id this {@code Say} may use (check a prompt set with {@code PromptSet.requireIds}). */
    Set<String> requiredIds();
}
