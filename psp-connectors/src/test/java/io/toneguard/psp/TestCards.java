package io.toneguard.psp;

import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.PaymentRequest;

/** Test cards and payments (test data only, in src/test). */
public final class TestCards {
    private TestCards() {
    }

    /**
     * Whether {@code text} holds {@code digits} as a number of its own. Short values (a security
     * code, an expiry) must be matched this way: timestamps and ids are full of digits.
     */
    public static boolean containsNumber(String text, String digits) {
        return java.util.regex.Pattern.compile("(?<![0-9A-Za-z.])" + digits + "(?![0-9A-Za-z])").matcher(text).find();
    }

    public static SensitiveDigits digits(String s) {
        return SensitiveDigits.of(s.toCharArray());
    }

    public static Card card(String number, String mmyy, String cvc, String postcode) {
        return new Card(digits(number), digits(mmyy), digits(cvc), digits(postcode));
    }

    public static BankAccount bank(String routing, String account) {
        return new BankAccount(digits(routing), digits(account));
    }

    public static PaymentRequest payment(String reference, long minor, String currency, String description) {
        return new PaymentRequest(reference, Amount.of(minor, currency), description);
    }
}
