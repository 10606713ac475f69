package io.toneguard.psp;

import static io.toneguard.psp.card.TestDigits.luhnValid;
import static io.toneguard.psp.card.TestDigits.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.CardBrand;
import io.toneguard.psp.card.CardValidator;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.card.Validation;
import io.toneguard.psp.card.ValidationPolicy;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.sandbox.SandboxConfig;
import io.toneguard.psp.sandbox.SandboxGateway;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No toString() or message made from card or bank data contains that data. */
class NoCardDataInTextTest {
    static final String PAN = luhnValid("492938173645", 16);
    static final String EXPIRY = "0931";
    static final String CVC = "737";
    static final String POSTCODE = "94107";
    static final String ROUTING = "026009593";
    static final String ACCOUNT = "987654321098";
    static final Clock JUNE_2025 = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);

    final List<String> texts = new ArrayList<>();

    @Test
    void noTextContainsTheDigits() {
        Card card = new Card(of(PAN), of(EXPIRY), of(CVC), of(POSTCODE));
        BankAccount account = new BankAccount(of(ROUTING), of(ACCOUNT));
        PaymentRequest payment = new PaymentRequest("order-42", Amount.of(2550, "USD"), "test");
        add(card, account, card.number(), card.expiry(), card.securityCode(), card.postcode(),
                account.routingNumber(), account.accountNumber());

        List<GatewayRequest> requests = List.of(
                new GatewayRequest.Sale(card, payment, "key-1"),
                new GatewayRequest.Authorize(card, payment, "key-2"),
                new GatewayRequest.Capture("sbx_tx", Amount.of(2550, "USD"), "key-3"),
                new GatewayRequest.Void("sbx_tx", "key-4"),
                new GatewayRequest.Refund("sbx_tx", Amount.of(100, "USD"), PAN.substring(12), "key-5"),
                new GatewayRequest.Tokenize(card, "customer-9", "key-6"),
                new GatewayRequest.AchDebit(account, payment, "key-7"));
        add(requests.toArray());
        assertEquals(7, GatewayRequest.class.getPermittedSubclasses().length, "a new variant needs a line above");

        CardValidator v = new CardValidator(ValidationPolicy.DEFAULT.withClock(JUNE_2025));
        List<Validation> validations = new ArrayList<>();
        validations.add(v.cardNumber(card.number()));
        validations.add(v.partial(card.number()));
        validations.add(v.luhn(card.number()));
        validations.add(v.expiry(card.expiry()));
        validations.add(v.securityCode(card.securityCode(), CardBrand.VISA));
        validations.add(v.securityCode(card.securityCode(), CardBrand.AMEX));
        validations.add(v.postcode(card.postcode()));
        validations.add(v.routingNumber(account.routingNumber()));
        validations.add(v.accountNumber(account.accountNumber()));
        // and invalid ones, made from the same digits
        validations.add(v.cardNumber(of(PAN.substring(0, 15))));
        validations.add(v.cardNumber(of(PAN.substring(0, 15) + "0")));
        validations.add(v.partial(of(PAN + "123")));
        validations.add(v.expiry(of("1331")));
        validations.add(v.expiry(of("0921")));
        validations.add(v.postcode(of(POSTCODE + "1")));
        validations.add(v.routingNumber(of(ROUTING.substring(0, 8) + "4")));
        validations.add(v.accountNumber(of(ACCOUNT + ACCOUNT)));
        assertTrue(validations.stream().anyMatch(Validation::isValid));
        assertTrue(validations.stream().filter(x -> !x.isValid()).count() >= 8);
        for (Validation x : validations) {
            add(x);
            texts.add(x.agentMessage());
            assertTrue(x.agentMessage().chars().noneMatch(Character::isDigit), x.agentMessage());
        }

        SandboxGateway sandbox = new SandboxGateway(SandboxConfig.instant()
                .withValidation(ValidationPolicy.DEFAULT.withClock(JUNE_2025)).withRandom(new Random(1)));
        for (GatewayRequest r : requests) {
            PaymentResult result = sandbox.execute(r);
            add(result);
            texts.add(result.agentMessage());
        }
        PaymentResult bad = sandbox.execute(new GatewayRequest.Sale(
                new Card(of(PAN.substring(0, 15) + "0"), of(EXPIRY), of(CVC), of(POSTCODE)), payment, "key-8"));
        add(bad);
        texts.add(bad.agentMessage());

        IllegalArgumentException notDigit = assertThrows(IllegalArgumentException.class, () -> card.number().append('x'));
        texts.add(notDigit.getMessage());

        card.close();
        account.close();
        add(card, account, card.number());

        for (String text : texts) {
            assertNoDigitsOf(text);
        }
    }

    private void add(Object... objects) {
        for (Object o : objects) {
            texts.add(String.valueOf(o));
        }
    }

    private static void assertNoDigitsOf(String text) {
        for (int i = 0; i + 6 <= PAN.length(); i++) {
            assertFalse(text.contains(PAN.substring(i, i + 6)), () -> "card number digits in: " + text);
        }
        for (int i = 0; i + 6 <= ACCOUNT.length(); i++) {
            assertFalse(text.contains(ACCOUNT.substring(i, i + 6)), () -> "account digits in: " + text);
        }
        for (String secret : new String[] {EXPIRY, CVC, POSTCODE, ROUTING}) {
            assertFalse(text.contains(secret), () -> "sensitive digits in: " + text);
        }
    }

    @Test
    void sensitiveDigitsShowOnlyTheirCount() {
        SensitiveDigits d = of(PAN);
        assertEquals("SensitiveDigits[redacted, 16 digits]", d.toString());
        d.close();
        assertEquals("SensitiveDigits[wiped]", d.toString());
    }
}
