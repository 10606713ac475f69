package io.toneguard.psp.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GatewayChainTest {
    private static final char[] PAN = "4111111111111111".toCharArray();

    /** A gateway that answers from a script and remembers what it was sent. */
    static class ScriptedGateway implements PaymentGateway {
        final List<GatewayRequest> seen = new ArrayList<>();
        final Function<Integer, PaymentResult> script;
        final boolean retrySafe;

        ScriptedGateway(boolean retrySafe, Function<Integer, PaymentResult> script) {
            this.retrySafe = retrySafe;
            this.script = script;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public PaymentResult execute(GatewayRequest request) {
            seen.add(request);
            return script.apply(seen.size());
        }

        @Override
        public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
            return retrySafe;
        }
    }

    private static Card card() {
        return new Card(SensitiveDigits.of(PAN), SensitiveDigits.of("1230".toCharArray()),
                SensitiveDigits.of("123".toCharArray()), SensitiveDigits.empty());
    }

    private static GatewayRequest sale(Card c) {
        return new GatewayRequest.Sale(c, new PaymentRequest("order-1", Amount.of(2550, "GBP"), "test"), null);
    }

    @Test
    void everyAttemptGetsAnIdempotencyKeyAndRetriesReuseIt() {
        ScriptedGateway g = new ScriptedGateway(true, n -> n < 3 ? new PaymentResult.Timeout("slow")
                : new PaymentResult.Approved("tx1", "A1", null));
        List<AuditEvent> audit = new ArrayList<>();
        try (Card c = card()) {
            PaymentResult r = GatewayChain.standard(g, 3, Duration.ZERO, audit::add).execute(sale(c));
            assertInstanceOf(PaymentResult.Approved.class, r);
        }
        assertEquals(3, g.seen.size());
        String key = g.seen.get(0).idempotencyKey();
        assertNotNull(key);
        assertTrue(g.seen.stream().allMatch(x -> key.equals(x.idempotencyKey())), "a retry reuses the key");
        assertEquals(3, audit.size());
        assertEquals(List.of(1, 2, 3), audit.stream().map(AuditEvent::attempt).toList());
        assertEquals("Approved", audit.get(2).outcome());
        assertEquals("tx1", audit.get(2).transactionId());
    }

    @Test
    void noRetryWhereThePspDoesNotDocumentItSafe() {
        ScriptedGateway g = new ScriptedGateway(false, n -> new PaymentResult.Timeout("slow"));
        try (Card c = card()) {
            assertInstanceOf(PaymentResult.Timeout.class, GatewayChain.standard(g, 3, Duration.ZERO, e -> { }).execute(sale(c)));
        }
        assertEquals(1, g.seen.size());
    }

    @Test
    void declinesAndInvalidRequestsAreNeverRetried() {
        ScriptedGateway declined = new ScriptedGateway(true, n -> new PaymentResult.Declined("insufficient funds", "51"));
        ScriptedGateway invalid = new ScriptedGateway(true, n -> new PaymentResult.InvalidRequest("bad currency"));
        ScriptedGateway fatal = new ScriptedGateway(true, n -> new PaymentResult.GatewayError("bad key", false));
        try (Card c = card()) {
            GatewayChain.standard(declined, 3, Duration.ZERO, e -> { }).execute(sale(c));
            GatewayChain.standard(invalid, 3, Duration.ZERO, e -> { }).execute(sale(c));
            GatewayChain.standard(fatal, 3, Duration.ZERO, e -> { }).execute(sale(c));
        }
        assertEquals(1, declined.seen.size());
        assertEquals(1, invalid.seen.size());
        assertEquals(1, fatal.seen.size());
    }

    @Test
    void aGivenKeyIsKept() {
        ScriptedGateway g = new ScriptedGateway(true, n -> new PaymentResult.Approved("tx", "", null));
        GatewayChain.standard(g, 1, Duration.ZERO, e -> { }).execute(new GatewayRequest.Void("tx9", "my-key"));
        assertEquals("my-key", g.seen.get(0).idempotencyKey());
    }

    @Test
    void aConnectorBugBecomesAGatewayErrorWithoutDetails() {
        PaymentGateway broken = new PaymentGateway() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public PaymentResult execute(GatewayRequest request) {
                throw new IllegalStateException("something with 4111111111111111 in it");
            }
        };
        try (Card c = card()) {
            PaymentResult r = GatewayChain.standard(broken, 2, Duration.ZERO, e -> { }).execute(sale(c));
            PaymentResult.GatewayError e = assertInstanceOf(PaymentResult.GatewayError.class, r);
            assertFalse(e.message().contains("4111"), e.message());
            assertFalse(e.agentMessage().contains("4111"));
        }
    }

    @Test
    void anAuditSinkThatThrowsDoesNotBreakThePayment() {
        ScriptedGateway g = new ScriptedGateway(true, n -> new PaymentResult.Approved("tx", "", null));
        try (Card c = card()) {
            PaymentResult r = GatewayChain.standard(g, 1, Duration.ZERO, e -> {
                throw new RuntimeException("audit down");
            }).execute(sale(c));
            assertInstanceOf(PaymentResult.Approved.class, r);
        }
    }

    @Test
    void unsupportedOperationsAreRefusedBeforeTheGateway() {
        ScriptedGateway g = new ScriptedGateway(true, n -> new PaymentResult.Approved("tx", "", null)) {
            @Override
            public boolean supports(Operation op) {
                return op == Operation.SALE;
            }
        };
        assertInstanceOf(PaymentResult.InvalidRequest.class,
                GatewayChain.standard(g, 1, Duration.ZERO, e -> { }).execute(new GatewayRequest.Void("tx", null)));
        assertTrue(g.seen.isEmpty());
    }

    @Test
    void auditEventsAndRequestsCarryNoCardData() {
        List<AuditEvent> audit = new ArrayList<>();
        ScriptedGateway g = new ScriptedGateway(true, n -> new PaymentResult.Declined("do not honour", "05"));
        try (Card c = card()) {
            GatewayRequest r = sale(c);
            GatewayChain.standard(g, 1, Duration.ZERO, audit::add).execute(r);
            String all = audit + " " + r + " " + c + " " + c.number() + " " + g.seen;
            assertFalse(all.contains("4111111111111111"), all);
            assertFalse(io.toneguard.psp.TestCards.containsNumber(all, "1111"), all);
            assertFalse(io.toneguard.psp.TestCards.containsNumber(all, "1230"), all);
        }
    }

    @Test
    void amountsUseTheCurrencysMinorUnits() {
        assertEquals("25.50 GBP", Amount.of(2550, "GBP").toString());
        assertEquals("2550 JPY", Amount.of(2550, "JPY").toString());
        assertEquals("2.550 BHD", Amount.of(2550, "BHD").toString());
    }

    @Test
    void closingACardWipesEveryField() {
        Card c = card();
        SensitiveDigits pan = c.number();
        c.wipeSecurityCode();
        assertEquals(0, c.securityCode().length());
        c.close();
        assertTrue(pan.isWiped());
        assertTrue(c.expiry().isWiped());
    }
}
