package io.toneguard.psp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.toneguard.psp.TestCards.bank;
import static io.toneguard.psp.TestCards.card;
import static io.toneguard.psp.TestCards.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.toneguard.psp.adyen.AdyenConfig;
import io.toneguard.psp.adyen.AdyenGateway;
import io.toneguard.psp.authorizenet.AuthorizeNetConfig;
import io.toneguard.psp.authorizenet.AuthorizeNetGateway;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.gateway.AuditEvent;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.generic.GenericGatewayConfig;
import io.toneguard.psp.generic.GenericHttpGateway;
import io.toneguard.psp.internal.PspText;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Card number, CVC and account number never reach a result, an agent message, an audit event, a
 * toString or an exception message: not even when a PSP echoes them back in its error text.
 */
class NoCardDataLeakTest {
    static final String PAN = "4111111145551142";
    static final String CVC = "7319";
    static final String ACCOUNT = "000123456789";
    static final String ROUTING = "121042882";

    private WireMockServer wm;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + wm.port() + path);
    }

    private List<PaymentGateway> gateways() {
        return List.of(
                new AdyenGateway(AdyenConfig.of("secret-api-key", "M").withBaseUri(uri("/v71"))
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))),
                new AuthorizeNetGateway(AuthorizeNetConfig.of("login", "secret-tx-key").withBaseUri(uri("/xml/v1/request.api"))
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))),
                new GenericHttpGateway(GenericGatewayConfig.builder("gen", uri("/pay"))
                        .field("pan", "card.number").field("cvv", "card.securityCode").field("exp", "card.expiry")
                        .field("routing", "bank.routingNumber").field("account", "bank.accountNumber")
                        .auth(GenericGatewayConfig.Auth.bearer("secret-token"))
                        .timeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
                        .success("status", "ok").messageKey("message").decline("status", "declined").build()));
    }

    /** Every answer a PSP might give, each echoing the card data in its text. */
    private static final List<String[]> ANSWERS = List.of(
            new String[] {"200", "{\"resultCode\":\"Refused\",\"refusalReason\":\"Card " + PAN + " refused, cvc " + CVC + "\","
                    + "\"status\":\"declined\",\"message\":\"Card 4111-1111-4555-1142 refused\","
                    + "\"transactionResponse\":{\"responseCode\":\"2\",\"errors\":[{\"errorCode\":\"2\",\"errorText\":\"declined "
                    + PAN + " / " + ACCOUNT + "\"}]}}"},
            new String[] {"422", "{\"status\":422,\"errorCode\":\"101\",\"message\":\"Invalid card number " + PAN + " " + ACCOUNT + "\"}"},
            new String[] {"200", "{\"messages\":{\"resultCode\":\"Error\",\"message\":[{\"code\":\"E00003\",\"text\":\"bad cardNumber "
                    + PAN + " accountNumber " + ACCOUNT + "\"}]}}"},
            new String[] {"500", "{\"message\":\"boom 4111 1111 4555 1142\"}"},
            new String[] {"401", "{\"message\":\"unauthorized\"}"});

    private void check(Object o) {
        String s = String.valueOf(o);
        seen.add(s);
        assertFalse(s.contains(PAN), () -> "card number in: " + s);
        assertFalse(s.contains("4555 1142") || s.contains("4555-1142"), () -> "card number in: " + s);
        assertFalse(TestCards.containsNumber(s, CVC), () -> "security code in: " + s);
        assertFalse(s.contains(ACCOUNT), () -> "account number in: " + s);
        assertFalse(s.contains("secret"), () -> "secret in: " + s);
    }

    private void checkResult(PaymentResult r) {
        check(r);
        check(r.agentMessage());
    }

    @Test
    void nothingSensitiveInResultsMessagesAuditOrToString() {
        List<AuditEvent> audit = new ArrayList<>();
        for (String[] answer : ANSWERS) {
            wm.resetAll();
            wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(Integer.parseInt(answer[0])).withBody(answer[1])));
            for (PaymentGateway g : gateways()) {
                check(g);
                Card c = card(PAN, "0330", CVC, "");
                GatewayRequest.Sale sale = new GatewayRequest.Sale(c, payment("REF-1", 100, "USD", "Name"), "");
                check(sale);
                check(c);
                checkResult(GatewayChain.standard(g, 2, Duration.ofMillis(1), audit::add).execute(sale));
                if (g.supports(io.toneguard.psp.gateway.Operation.ACH_DEBIT)) {
                    GatewayRequest.AchDebit ach = new GatewayRequest.AchDebit(bank(ROUTING, ACCOUNT), payment("REF-2", 100, "USD", "Name"), "");
                    check(ach);
                    checkResult(GatewayChain.standard(g, 1, Duration.ofMillis(1), audit::add).execute(ach));
                }
            }
        }
        audit.forEach(this::check);
        assertTrue(seen.size() > 40);
    }

    @Test
    void timeoutsAndConnectionFailuresCarryNoCardData() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1000)));
        List<PaymentGateway> gateways = gateways();
        for (PaymentGateway g : gateways) {
            PaymentResult r = g.execute(new GatewayRequest.Sale(card(PAN, "0330", CVC, ""), payment("R", 100, "USD", null), "k"));
            assertInstanceOf(PaymentResult.Timeout.class, r);
            checkResult(r);
        }
        wm.stop();
        for (PaymentGateway g : gateways) {
            checkResult(g.execute(new GatewayRequest.Sale(card(PAN, "0330", CVC, ""), payment("R", 100, "USD", null), "k")));
        }
    }

    @Test
    void badOrWipedCardsGiveResultsWithoutDigits() {
        for (PaymentGateway g : gateways()) {
            PaymentResult shortExpiry = g.execute(new GatewayRequest.Sale(card(PAN, "033", CVC, ""), payment("R", 100, "USD", null), "k"));
            assertInstanceOf(PaymentResult.InvalidRequest.class, shortExpiry);
            checkResult(shortExpiry);

            Card wiped = card(PAN, "0330", CVC, "");
            wiped.close();
            PaymentResult r = GatewayChain.standard(g, 1, Duration.ofMillis(1), e -> { })
                    .execute(new GatewayRequest.Sale(wiped, payment("R", 100, "USD", null), "k"));
            checkResult(r);
        }
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void pspTextLosesLongDigitRunsOnly() {
        assertEquals("card [digits removed] refused (code 05)", PspText.clean("card 4111 1111 4555 1142 refused (code 05)", null));
        assertEquals("acct [digits removed]", PspText.clean("acct 000123456789", null));
        assertEquals("Not enough balance", PspText.clean("Not enough balance", null));
        assertEquals("fallback", PspText.clean("  ", "fallback"));
    }
}
