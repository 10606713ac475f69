package io.toneguard.psp.sandbox;

import static io.toneguard.psp.card.TestDigits.luhnInvalid;
import static io.toneguard.psp.card.TestDigits.luhnValid;
import static io.toneguard.psp.card.TestDigits.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.ValidationPolicy;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.AuditEvent;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxGatewayTest {
    static final Clock JUNE_2025 = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final SandboxConfig CONFIG = SandboxConfig.instant()
            .withValidation(ValidationPolicy.DEFAULT.withClock(JUNE_2025))
            .withRandom(new Random(7));

    final SandboxGateway sandbox = new SandboxGateway(CONFIG);
    int keys;

    static Card card(String pan) {
        return card(pan, "1230", pan.startsWith("34") || pan.startsWith("37") ? "1234" : "123");
    }

    static Card card(String pan, String expiry, String cvc) {
        return new Card(of(pan), of(expiry), of(cvc), of("94107"));
    }

    static PaymentRequest payment(long minor) {
        return new PaymentRequest("order-1", Amount.of(minor, "USD"), "test");
    }

    String key() {
        return "key-" + (++keys);
    }

    PaymentResult sale(String pan) {
        return sandbox.execute(new GatewayRequest.Sale(card(pan), payment(2550), key()));
    }

    @ParameterizedTest(name = "{0} approves")
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "3530111333300000", "4242424242424242", "6200000000000005", "36227206271667"})
    void approves(String pan) {
        PaymentResult.Approved a = assertInstanceOf(PaymentResult.Approved.class, sale(pan));
        assertTrue(a.transactionId().matches("sbx_[0-9A-Za-z]{24}"), a.transactionId());
        assertTrue(a.authorizationCode().matches("[0-9A-Z]{6}"), a.authorizationCode());
        assertNull(a.token());
    }

    @ParameterizedTest(name = "{0} declines: {1}")
    @CsvSource({
        "4000000000000002, card declined, card_declined",
        "4000000000009995, insufficient funds, insufficient_funds",
        "4000000000009987, card reported lost, lost_card",
        "4000000000000069, expired card, expired_card",
        "4000000000000127, incorrect security code, incorrect_cvc"
    })
    void declines(String pan, String reason, String code) {
        PaymentResult.Declined d = assertInstanceOf(PaymentResult.Declined.class, sale(pan));
        assertEquals(reason, d.reason());
        assertEquals(code, d.pspCode());
    }

    @Test
    void processingErrorIsRetryable() {
        PaymentResult.GatewayError e = assertInstanceOf(PaymentResult.GatewayError.class, sale("4000000000000119"));
        assertTrue(e.retryable());
    }

    @Test
    void timeoutCardWaitsTheConfiguredDelay() {
        SandboxGateway slow = new SandboxGateway(CONFIG.withTimeoutAfter(Duration.ofMillis(150)));
        long t0 = System.nanoTime();
        PaymentResult r = slow.execute(new GatewayRequest.Sale(card("4000000000006975"), payment(100), "k"));
        assertInstanceOf(PaymentResult.Timeout.class, r);
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(150).toNanos());
    }

    @Test
    void answersAfterTheConfiguredDelay() {
        SandboxGateway slow = new SandboxGateway(CONFIG.withDelays(Duration.ofMillis(60), Duration.ofMillis(80)));
        long t0 = System.nanoTime();
        assertInstanceOf(PaymentResult.Approved.class, slow.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(100), "k")));
        long took = System.nanoTime() - t0;
        assertTrue(took >= Duration.ofMillis(60).toNanos(), "took " + took);
    }

    @Test
    void defaultConfigIsRealistic() {
        assertEquals(Duration.ofMillis(300), SandboxConfig.DEFAULT.minDelay());
        assertEquals(Duration.ofMillis(800), SandboxConfig.DEFAULT.maxDelay());
        assertEquals("sandbox", new SandboxGateway().name());
    }

    @Test
    void anyOtherValidCardApproves() {
        assertInstanceOf(PaymentResult.Approved.class, sale(luhnValid("41", 16)));
        assertInstanceOf(PaymentResult.Approved.class, sale(luhnValid("2221", 16)));
        assertInstanceOf(PaymentResult.Approved.class, sale(luhnValid("6759", 12)));
    }

    @Test
    void invalidCardsAreInvalidRequestsWithoutDigits() {
        for (String pan : new String[] {luhnInvalid("4", 16), luhnValid("9", 16), luhnValid("4", 15)}) {
            PaymentResult.InvalidRequest r = assertInstanceOf(PaymentResult.InvalidRequest.class, sale(pan));
            assertTrue(r.message().chars().noneMatch(Character::isDigit), r.message());
        }
    }

    @Test
    void pastExpiryDeclinesAndBadExpiryIsInvalid() {
        PaymentResult past = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111", "0525", "123"), payment(100), key()));
        assertEquals("expired_card", assertInstanceOf(PaymentResult.Declined.class, past).pspCode());
        PaymentResult month = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111", "1330", "123"), payment(100), key()));
        assertInstanceOf(PaymentResult.InvalidRequest.class, month);
    }

    @Test
    void securityCodeLengthByBrand() {
        assertInstanceOf(PaymentResult.InvalidRequest.class,
                sandbox.execute(new GatewayRequest.Sale(card("378282246310005", "1230", "123"), payment(100), key())));
        assertInstanceOf(PaymentResult.InvalidRequest.class,
                sandbox.execute(new GatewayRequest.Sale(card("4111111111111111", "1230", "1234"), payment(100), key())));
        // no security code asked for: fine
        assertInstanceOf(PaymentResult.Approved.class,
                sandbox.execute(new GatewayRequest.Sale(card("4111111111111111", "1230", ""), payment(100), key())));
    }

    @Test
    void zeroAmountIsInvalid() {
        assertInstanceOf(PaymentResult.InvalidRequest.class,
                sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(0), key())));
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstResult() {
        PaymentResult first = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(2550), "same"));
        PaymentResult second = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(2550), "same"));
        assertInstanceOf(PaymentResult.Approved.class, first);
        assertEquals(first, second);
        PaymentResult other = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(2550), "other"));
        assertNotEquals(first, other);
        // the first answer stands even if the card changes: the key identifies the attempt
        assertEquals(first, sandbox.execute(new GatewayRequest.Sale(card("4000000000000002"), payment(2550), "same")));
        // a declined answer is repeated too
        PaymentResult declined = sandbox.execute(new GatewayRequest.Sale(card("4000000000000002"), payment(2550), "d"));
        assertSame(declined, sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(2550), "d")));
    }

    @Test
    void idempotencyKeyReusedForAnotherRequestIsRefused() {
        sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(2550), "k1"));
        PaymentResult r = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"),
                new PaymentRequest("order-2", Amount.of(2550, "USD"), null), "k1"));
        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
        assertInstanceOf(PaymentResult.InvalidRequest.class, sandbox.execute(new GatewayRequest.Void("sbx_x", "k1")));
    }

    @Test
    void noKeyMeansNoIdempotency() {
        PaymentResult a = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(100), null));
        PaymentResult b = sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(100), ""));
        assertNotEquals(a, b);
    }

    @Test
    void transientFailuresAreNotStoredSoRetriesRunAgain() {
        List<AuditEvent> audit = new ArrayList<>();
        GatewayChain chain = GatewayChain.standard(sandbox, 3, Duration.ZERO, audit::add);
        PaymentResult r = chain.execute(new GatewayRequest.Sale(card("4000000000000119"), payment(100), null));
        assertInstanceOf(PaymentResult.GatewayError.class, r);
        assertEquals(3, audit.size());
        assertEquals(1, audit.stream().map(AuditEvent::idempotencyKey).distinct().count());
        audit.clear();
        assertInstanceOf(PaymentResult.Approved.class,
                chain.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(100), null)));
        assertEquals(1, audit.size());
        assertTrue(sandbox.retrySafe(null, r));
        for (Operation op : Operation.values()) {
            assertTrue(sandbox.supports(op));
        }
    }

    @Test
    void authorizeCaptureRefund() {
        PaymentResult.Approved auth = approved(sandbox.execute(new GatewayRequest.Authorize(card("5555555555554444"), payment(1000), key())));
        PaymentResult.Approved cap = approved(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), Amount.of(600, "USD"), key())));
        assertEquals(auth.transactionId(), cap.transactionId());
        assertEquals(auth.authorizationCode(), cap.authorizationCode());
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), null, key()))); // already captured
        assertInvalid(refund(auth.transactionId(), 700, null)); // more than captured
        PaymentResult.Approved re = approved(refund(auth.transactionId(), 200, "4444"));
        assertNotEquals(auth.transactionId(), re.transactionId());
        assertTrue(re.transactionId().startsWith("sbx_"));
        assertInvalid(refund(auth.transactionId(), 100, "1111")); // wrong last four
        approved(refund(auth.transactionId(), -1, null)); // the remaining 400
        assertInvalid(refund(auth.transactionId(), -1, null)); // nothing left
        assertInvalid(sandbox.execute(new GatewayRequest.Void(auth.transactionId(), key()))); // refunded: no void
        assertInvalid(refund(re.transactionId(), 1, null)); // a refund is not refundable
    }

    @Test
    void captureRules() {
        PaymentResult.Approved auth = approved(sandbox.execute(new GatewayRequest.Authorize(card("4111111111111111"), payment(1000), key())));
        assertInvalid(refund(auth.transactionId(), 100, null)); // not captured yet: void instead
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), Amount.of(1001, "USD"), key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), Amount.of(0, "USD"), key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), Amount.of(100, "EUR"), key())));
        approved(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), null, key())));
        approved(refund(auth.transactionId(), 1000, null));
        PaymentResult.Approved sale = approved(sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(500), key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(sale.transactionId(), null, key()))); // a sale is captured already
    }

    @Test
    void voids() {
        PaymentResult.Approved auth = approved(sandbox.execute(new GatewayRequest.Authorize(card("4111111111111111"), payment(1000), key())));
        approved(sandbox.execute(new GatewayRequest.Void(auth.transactionId(), key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Void(auth.transactionId(), key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(auth.transactionId(), null, key())));
        assertInvalid(refund(auth.transactionId(), 100, null));
        PaymentResult.Approved sale = approved(sandbox.execute(new GatewayRequest.Sale(card("4111111111111111"), payment(500), key())));
        approved(sandbox.execute(new GatewayRequest.Void(sale.transactionId(), key()))); // unsettled sale
    }

    @Test
    void unknownTransactionsAreInvalid() {
        assertInvalid(sandbox.execute(new GatewayRequest.Capture("sbx_unknown", null, key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Void("sbx_unknown", key())));
        assertInvalid(refund("sbx_unknown", 100, null));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(null, null, key())));
        // a declined sale leaves no transaction behind
        PaymentResult declined = sale("4000000000009995");
        assertInstanceOf(PaymentResult.Declined.class, declined);
    }

    @Test
    void sandboxesDoNotShareTransactions() {
        PaymentResult.Approved sale = approved(sale("4111111111111111"));
        assertInvalid(new SandboxGateway(CONFIG).execute(new GatewayRequest.Void(sale.transactionId(), key())));
    }

    @Test
    void tokenize() {
        PaymentResult.Approved t = approved(sandbox.execute(new GatewayRequest.Tokenize(card("4111111111111111"), "cust-1", key())));
        assertTrue(t.token().matches("sbxtok_[0-9A-Za-z]{24}"), t.token());
        assertNull(t.authorizationCode());
        assertInstanceOf(PaymentResult.Declined.class,
                sandbox.execute(new GatewayRequest.Tokenize(card("4000000000009987"), "cust-1", key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Tokenize(card(luhnInvalid("4", 16)), "cust-1", key())));
        assertInvalid(sandbox.execute(new GatewayRequest.Capture(t.transactionId(), null, key())));
    }

    @ParameterizedTest(name = "ACH {0} / {1}: {2}")
    @CsvSource({
        "011000015, 1234560000, DECLINED", "011000015, 0000, DECLINED",
        "011000015, 1234567890, APPROVED", "011000015, 10000001, APPROVED",
        "021000021, 1234560000, APPROVED", "026009593, 987654321, APPROVED",
        "011000016, 1234567890, INVALID", "01100001, 1234567890, INVALID", "011000015, 123, INVALID",
        "011000015, 123456789012345678, INVALID"
    })
    void achDebit(String routing, String account, String outcome) {
        PaymentResult r = sandbox.execute(new GatewayRequest.AchDebit(new BankAccount(of(routing), of(account)), payment(5000), key()));
        switch (outcome) {
            case "DECLINED" -> {
                PaymentResult.Declined d = assertInstanceOf(PaymentResult.Declined.class, r);
                assertEquals("insufficient funds", d.reason());
                assertEquals("R01", d.pspCode());
            }
            case "APPROVED" -> assertTrue(approved(r).transactionId().startsWith("sbx_"));
            default -> assertInvalid(r);
        }
    }

    @Test
    void achDebitCanBeRefunded() {
        PaymentResult.Approved d = approved(sandbox.execute(new GatewayRequest.AchDebit(
                new BankAccount(of("021000021"), of("123456789")), payment(5000), key())));
        approved(refund(d.transactionId(), 5000, "6789"));
    }

    private PaymentResult refund(String tx, long minor, String lastFour) {
        return sandbox.execute(new GatewayRequest.Refund(tx, minor < 0 ? null : Amount.of(minor, "USD"), lastFour, key()));
    }

    private static PaymentResult.Approved approved(PaymentResult r) {
        return assertInstanceOf(PaymentResult.Approved.class, r, () -> String.valueOf(r));
    }

    private static void assertInvalid(PaymentResult r) {
        PaymentResult.InvalidRequest i = assertInstanceOf(PaymentResult.InvalidRequest.class, r, () -> String.valueOf(r));
        assertFalse(i.message().isEmpty());
    }
}
