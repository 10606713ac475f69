package io.toneguard.psp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.toneguard.psp.adyen.AdyenConfig;
import io.toneguard.psp.adyen.AdyenGateway;
import io.toneguard.psp.authorizenet.AuthorizeNetConfig;
import io.toneguard.psp.authorizenet.AuthorizeNetGateway;
import io.toneguard.psp.braintree.BraintreeConfig;
import io.toneguard.psp.braintree.BraintreeGateway;
import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.generic.GenericGatewayConfig;
import io.toneguard.psp.generic.GenericHttpGateway;
import io.toneguard.psp.sandbox.SandboxConfig;
import io.toneguard.psp.sandbox.SandboxGateway;
import io.toneguard.psp.stripe.StripeConfig;
import io.toneguard.psp.stripe.StripeGateway;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every connector, through the chain, with approvals, declines that echo the card back, server
 * errors and timeouts, while every log line at every level is captured: no card number, security
 * code, expiry or account number may appear in any log line, exception, result or audit event.
 */
class NoCardDataInLogsTest {
    private static final String PAN = "4111111111111111";
    private static final String CVC = "737";
    private static final String EXPIRY = "0330";
    private static final String ACCOUNT = "123456789012";
    private static final org.slf4j.Logger AUDIT = LoggerFactory.getLogger("audit");

    private WireMockServer psp;
    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private Level rootLevel;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        psp = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        psp.start();
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        psp.stop();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + psp.port() + path);
    }

    private static Card card() {
        return new Card(SensitiveDigits.of(PAN.toCharArray()), SensitiveDigits.of(EXPIRY.toCharArray()),
                SensitiveDigits.of(CVC.toCharArray()), SensitiveDigits.of("94105".toCharArray()));
    }

    private List<PaymentGateway> gateways() {
        Duration connect = Duration.ofSeconds(2);
        Duration read = Duration.ofMillis(400);
        return List.of(
                new SandboxGateway(SandboxConfig.instant()),
                new StripeGateway(StripeConfig.of("sk_test_secret").withBaseUri(uri("")).withTimeouts(connect, read)),
                new BraintreeGateway(BraintreeConfig.sandbox("pub", "priv-secret").withBaseUri(uri("/graphql")).withTimeouts(connect, read)),
                new AdyenGateway(AdyenConfig.of("adyen-secret", "Merchant").withBaseUri(uri("/v71")).withTimeouts(connect, read)),
                new AuthorizeNetGateway(AuthorizeNetConfig.of("login", "txkey-secret").withBaseUri(uri("/xml/v1/request.api")).withTimeouts(connect, read)),
                new GenericHttpGateway(GenericGatewayConfig.builder("acme", uri("/pay"))
                        .field("card.pan", "card.number").field("card.cvc", "card.securityCode").field("card.exp", "card.expiry")
                        .field("bank.account", "bank.accountNumber").field("bank.routing", "bank.routingNumber")
                        .field("amount", "payment.amount").field("currency", "payment.currency")
                        .idempotencyKeyHeader("Idempotency-Key", true)
                        .timeouts(connect, read).success("status", "ok").messageKey("message").transactionIdKey("id")
                        .build()));
    }

    /** Answers that echo the card data back, in the shapes PSP error texts take. */
    private void answer(int status, int delayMillis) {
        String echo = "card " + PAN + " cvc " + CVC + " exp " + EXPIRY + " account " + ACCOUNT;
        String body = "{\"status\":\"failed\",\"message\":\"" + echo + "\",\"error\":{\"type\":\"card_error\",\"message\":\"" + echo
                + "\",\"code\":\"card_declined\"},\"resultCode\":\"Refused\",\"refusalReason\":\"" + echo
                + "\",\"errors\":[{\"message\":\"" + echo + "\",\"extensions\":{\"errorClass\":\"VALIDATION\"}}]"
                + ",\"messages\":{\"resultCode\":\"Error\",\"message\":[{\"code\":\"E00027\",\"text\":\"" + echo + "\"}]}"
                + ",\"transactionResponse\":{\"responseCode\":\"2\",\"errors\":[{\"errorCode\":\"2\",\"errorText\":\"" + echo + "\"}]}}";
        psp.resetAll();
        psp.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void run(GatewayRequest request, PaymentGateway g) {
        GatewayChain chain = GatewayChain.standard(g, 2, Duration.ZERO, e -> {
            AUDIT.info("payment audit {}", e); // as the server logs them
            seen.add(e.toString());
        });
        PaymentResult r = chain.execute(request);
        seen.add(r.toString());
        seen.add(r.agentMessage());
        seen.add(request.toString());
        seen.add(g.toString());
    }

    @Test
    void noCardDataAnywhereInAnyConnectorsFlows() {
        int[][] answers = {{200, 0}, {402, 0}, {400, 0}, {500, 0}, {200, 1500}};
        for (PaymentGateway g : gateways()) {
            for (int[] a : answers) {
                answer(a[0], a[1]);
                try (Card c = card();
                        BankAccount bank = new BankAccount(SensitiveDigits.of("011000015".toCharArray()), SensitiveDigits.of(ACCOUNT.toCharArray()))) {
                    PaymentRequest p = new PaymentRequest("order-77", Amount.of(2550, "USD"), "phone payment");
                    run(new GatewayRequest.Sale(c, p, null), g);
                    run(new GatewayRequest.Authorize(c, p, null), g);
                    run(new GatewayRequest.Tokenize(c, "customer-9", null), g);
                    run(new GatewayRequest.AchDebit(bank, p, null), g);
                    run(new GatewayRequest.Refund("tx_1", Amount.of(100, "USD"), "1111", null), g);
                    seen.add(c.toString());
                    seen.add(bank.toString());
                }
            }
        }
        assertTrue(logs.list.size() > 0, "the audit log lines were captured");
        for (ILoggingEvent e : logs.list) {
            seen.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                seen.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        for (String s : seen) {
            if (s == null) {
                continue;
            }
            for (String secret : new String[] {PAN, ACCOUNT, "sk_test_secret", "priv-secret", "adyen-secret", "txkey-secret"}) {
                assertFalse(s.contains(secret), "'" + secret.charAt(0) + "...' leaked into: " + s);
            }
            // short values: only as a standalone number (timestamps and ids are full of digits)
            for (String shortSecret : new String[] {CVC, EXPIRY}) {
                assertFalse(TestCards.containsNumber(s, shortSecret), "a security code or expiry leaked into: " + s);
            }
        }
    }
}
