package io.toneguard.psp.braintree;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.AuditEvent;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BraintreeGateway against a loopback server answering as Braintree's GraphQL reference documents. */
class BraintreeGatewayTest {
    private static final String PUBLIC = "v4ndq314c2s5c28r";
    private static final String PRIVATE = "93b78bc88be90d93ac282e50ae569fdd";
    private static final String PAN = "4111111111111111";
    private static final String CVC = "123";
    private static final String NONCE = "tokencc_bf_fk2sgs_7rxfwy_3jtyp6_6zf62z_xz3";
    private static final String TX = "dHJhbnNhY3Rpb25fZm5kNzh6Z3M";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer wm;
    private BraintreeGateway gateway;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        gateway = new BraintreeGateway(BraintreeConfig.sandbox(PUBLIC, PRIVATE)
                .withBaseUri(URI.create("http://127.0.0.1:" + wm.port() + "/graphql"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    static Card card() {
        return new Card(SensitiveDigits.of(PAN.toCharArray()), SensitiveDigits.of("1230".toCharArray()),
                SensitiveDigits.of(CVC.toCharArray()), SensitiveDigits.of("94107".toCharArray()));
    }

    static PaymentRequest payment() {
        return new PaymentRequest("ORDER-1", Amount.of(2550, "USD"), "Phone order 1");
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String data(String field, String payload) {
        return "{\"data\":{\"" + field + "\":" + payload + "},\"extensions\":{\"requestId\":\"a-uuid-for-the-request\"}}";
    }

    private static String tx(String status, String legacyCode, String message, String authorizationId) {
        return "{\"transaction\":{\"id\":\"" + TX + "\",\"legacyId\":\"fnd78zgs\",\"status\":\"" + status + "\","
                + "\"processorResponse\":{\"legacyCode\":\"" + legacyCode + "\",\"message\":\"" + message + "\","
                + "\"authorizationId\":" + (authorizationId == null ? "null" : "\"" + authorizationId + "\"") + "}}}";
    }

    private static String error(String field, String errorClass, String message) {
        return "{\"data\":{\"" + field + "\":null},\"errors\":[{\"message\":\"" + message + "\",\"locations\":[{\"line\":1,\"column\":60}],"
                + "\"path\":[\"" + field + "\"],\"extensions\":{\"errorClass\":\"" + errorClass + "\",\"legacyCode\":\"81715\"}}],"
                + "\"extensions\":{\"requestId\":\"a-uuid-for-the-request\"}}";
    }

    private void stubMutation(String field, ResponseDefinitionBuilder answer) {
        wm.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing(field + "(input: $input)")))
                .willReturn(answer));
    }

    private void stubTokenize() {
        stubMutation("tokenizeCreditCard", ok(data("tokenizeCreditCard", "{\"paymentMethod\":{\"id\":\"" + NONCE + "\"}}")));
    }

    private static RequestPatternBuilder mutation(String field) {
        return postRequestedFor(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing(field + "(input: $input)")));
    }

    /** The requests for {@code field}, each checked for the documented headers, as parsed JSON. */
    private List<JsonNode> sent(String field) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((PUBLIC + ":" + PRIVATE).getBytes(StandardCharsets.UTF_8));
        List<LoggedRequest> all = wm.findAll(mutation(field));
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : all) {
            assertEquals(basic, r.getHeader("Authorization"));
            assertEquals(BraintreeConfig.DEFAULT_VERSION, r.getHeader("Braintree-Version"));
            assertEquals("application/json", r.getHeader("Content-Type"));
            try {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                assertEquals(2, body.size(), "exactly query and variables");
                assertTrue(body.get("query").asText().startsWith("mutation "));
                out.add(body.get("variables"));
            } catch (java.io.IOException e) {
                throw new AssertionError("request body is not JSON", e);
            }
        }
        return out;
    }

    private JsonNode only(String field) {
        List<JsonNode> all = sent(field);
        assertEquals(1, all.size(), field);
        return all.get(0);
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertTokenizeVariables() {
        assertEquals(json("{\"input\":{\"creditCard\":{\"number\":\"" + PAN + "\",\"expirationMonth\":\"12\",\"expirationYear\":\"2030\","
                + "\"cvv\":\"" + CVC + "\",\"billingAddress\":{\"postalCode\":\"94107\"}}}}"), only("tokenizeCreditCard"));
    }

    @Test
    void saleTokenizesThenCharges() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(data("chargeCreditCard", tx("SUBMITTED_FOR_SETTLEMENT", "1000", "Approved", "A1B2C3"))));

        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "key-sale-1"));

        assertEquals(new PaymentResult.Approved(TX, "A1B2C3", null), r);
        assertTokenizeVariables();
        assertEquals(json("{\"input\":{\"paymentMethodId\":\"" + NONCE + "\",\"apiRequestKey\":\"key-sale-1\","
                + "\"transaction\":{\"amount\":\"25.50\",\"orderId\":\"ORDER-1\"}}}"), only("chargeCreditCard"));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void authorizeThenCapture() {
        stubTokenize();
        stubMutation("authorizeCreditCard", ok(data("authorizeCreditCard", tx("AUTHORIZED", "1000", "Approved", "A1B2C3"))));
        stubMutation("captureTransaction", ok(data("captureTransaction", tx("SUBMITTED_FOR_SETTLEMENT", "1000", "Approved", "A1B2C3"))));

        assertEquals(new PaymentResult.Approved(TX, "A1B2C3", null),
                gateway.execute(new GatewayRequest.Authorize(card(), payment(), "key-auth-1")));
        assertEquals(json("{\"input\":{\"paymentMethodId\":\"" + NONCE + "\",\"apiRequestKey\":\"key-auth-1\","
                + "\"transaction\":{\"amount\":\"25.50\",\"orderId\":\"ORDER-1\"}}}"), only("authorizeCreditCard"));

        assertEquals(new PaymentResult.Approved(TX, "A1B2C3", null),
                gateway.execute(new GatewayRequest.Capture(TX, Amount.of(2000, "USD"), "key-cap-1")));
        assertEquals(json("{\"input\":{\"transactionId\":\"" + TX + "\",\"apiRequestKey\":\"key-cap-1\","
                + "\"transaction\":{\"amount\":\"20.00\"}}}"), only("captureTransaction"));
    }

    @Test
    void voidReversesTheTransaction() {
        stubMutation("reverseTransaction", ok(data("reverseTransaction",
                "{\"reversal\":{\"__typename\":\"Transaction\",\"id\":\"" + TX + "\",\"status\":\"VOIDED\"}}")));

        assertEquals(new PaymentResult.Approved(TX, null, null), gateway.execute(new GatewayRequest.Void(TX, "key-void-1")));
        assertEquals(json("{\"input\":{\"transactionId\":\"" + TX + "\",\"apiRequestKey\":\"key-void-1\"}}"), only("reverseTransaction"));
    }

    @Test
    void refundTheTransaction() {
        stubMutation("refundTransaction", ok(data("refundTransaction",
                "{\"refund\":{\"id\":\"cmVmdW5kXzEyMw\",\"status\":\"SUBMITTED_FOR_SETTLEMENT\",\"processorAuthorizationResponse\":null}}")));

        assertEquals(new PaymentResult.Approved("cmVmdW5kXzEyMw", null, null),
                gateway.execute(new GatewayRequest.Refund(TX, Amount.of(1000, "USD"), "1111", "key-ref-1")));
        assertEquals(json("{\"input\":{\"transactionId\":\"" + TX + "\",\"apiRequestKey\":\"key-ref-1\","
                + "\"refund\":{\"amount\":\"10.00\"}}}"), only("refundTransaction"));
    }

    @Test
    void tokenizeVaultsTheCard() {
        stubTokenize();
        stubMutation("vaultPaymentMethod", ok(data("vaultPaymentMethod",
                "{\"paymentMethod\":{\"id\":\"cGF5bWVudG1ldGhvZF9jY181cDZ6\",\"usage\":\"MULTI_USE\"},\"verification\":{\"status\":\"VERIFIED\"}}")));

        assertEquals(new PaymentResult.Approved("cGF5bWVudG1ldGhvZF9jY181cDZ6", null, "cGF5bWVudG1ldGhvZF9jY181cDZ6"),
                gateway.execute(new GatewayRequest.Tokenize(card(), "CUST-9", "key-tok-1")));
        assertTokenizeVariables();
        assertEquals(json("{\"input\":{\"paymentMethodId\":\"" + NONCE + "\"}}"), only("vaultPaymentMethod"));
    }

    @Test
    void processorDeclined() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(data("chargeCreditCard", tx("PROCESSOR_DECLINED", "2001", "Insufficient Funds", null))));

        assertEquals(new PaymentResult.Declined("Insufficient Funds", "2001"),
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    @Test
    void gatewayRejected() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(data("chargeCreditCard", tx("GATEWAY_REJECTED", "2000", "Do Not Honor", null))));

        assertEquals(new PaymentResult.Declined("Do Not Honor", "2000"), gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    @Test
    void validationErrorIsAnInvalidRequestAndNothingIsCharged() {
        stubMutation("tokenizeCreditCard", ok(error("tokenizeCreditCard", "VALIDATION", "Credit card number is invalid.")));

        assertEquals(new PaymentResult.InvalidRequest("Credit card number is invalid."),
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
        wm.verify(0, mutation("chargeCreditCard"));
    }

    @Test
    void authenticationFailureIsNotRetryable() {
        // Braintree answers 200 with an AUTHENTICATION error, or 401; both are final
        stubMutation("tokenizeCreditCard", ok(error("tokenizeCreditCard", "AUTHENTICATION", "Authentication credentials are invalid.")));
        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));
        assertFalse(assertInstanceOf(PaymentResult.GatewayError.class, r).retryable());

        wm.resetAll();
        stubMutation("tokenizeCreditCard", aResponse().withStatus(401).withBody(""));
        PaymentResult r401 = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));
        PaymentResult.GatewayError g = assertInstanceOf(PaymentResult.GatewayError.class, r401);
        assertFalse(g.retryable());
        assertFalse(g.message().contains(PRIVATE));
    }

    @Test
    void authorizationFailureIsNotRetryable() {
        stubMutation("tokenizeCreditCard", ok(error("tokenizeCreditCard", "AUTHORIZATION", "User does not have the required permissions.")));

        assertFalse(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"))).retryable());
    }

    @Test
    void internalUnavailableAnd5xxAreRetryable() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(error("chargeCreditCard", "INTERNAL", "An internal error occurred.")));
        assertTrue(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"))).retryable());

        wm.resetAll();
        stubMutation("captureTransaction", ok(error("captureTransaction", "SERVICE_AVAILABILITY", "Service unavailable.")));
        assertTrue(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Capture(TX, null, "k"))).retryable());

        wm.resetAll();
        stubMutation("captureTransaction", aResponse().withStatus(503).withBody("<html>down for maintenance</html>"));
        assertTrue(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Capture(TX, null, "k"))).retryable());
    }

    @Test
    void slowAnswerIsATimeout() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(data("chargeCreditCard", tx("SUBMITTED_FOR_SETTLEMENT", "1000", "Approved", "A1"))).withFixedDelay(1500));

        assertInstanceOf(PaymentResult.Timeout.class, gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    @Test
    void chargesAreNeverRetriedAutomatically() {
        stubTokenize();
        stubMutation("chargeCreditCard", ok(data("chargeCreditCard", tx("SUBMITTED_FOR_SETTLEMENT", "1000", "Approved", "A1"))).withFixedDelay(1500));
        List<AuditEvent> audit = new ArrayList<>();
        GatewayChain chain = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), audit::add);

        assertInstanceOf(PaymentResult.Timeout.class, chain.execute(new GatewayRequest.Sale(card(), payment(), null)));
        wm.verify(1, mutation("chargeCreditCard"));
        wm.verify(1, mutation("tokenizeCreditCard"));
        assertEquals(1, audit.size());

        wm.resetAll();
        stubTokenize();
        stubMutation("authorizeCreditCard", ok(error("authorizeCreditCard", "INTERNAL", "An internal error occurred.")));
        assertInstanceOf(PaymentResult.GatewayError.class, chain.execute(new GatewayRequest.Authorize(card(), payment(), null)));
        wm.verify(1, mutation("authorizeCreditCard"));
    }

    @Test
    void captureIsRetriedWithTheSameApiRequestKey() {
        wm.stubFor(post(urlEqualTo("/graphql")).inScenario("retry").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(ok(error("captureTransaction", "INTERNAL", "An internal error occurred."))));
        wm.stubFor(post(urlEqualTo("/graphql")).inScenario("retry").whenScenarioStateIs("ok")
                .willReturn(ok(data("captureTransaction", tx("SUBMITTED_FOR_SETTLEMENT", "1000", "Approved", "A1")))));
        GatewayChain chain = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { });

        assertEquals(new PaymentResult.Approved(TX, "A1", null), chain.execute(new GatewayRequest.Capture(TX, null, null)));

        List<JsonNode> sent = sent("captureTransaction");
        assertEquals(2, sent.size());
        String key = sent.get(0).path("input").path("apiRequestKey").asText();
        assertFalse(key.isEmpty());
        assertEquals(sent.get(0), sent.get(1), "identical input, same apiRequestKey");
    }

    @Test
    void noCardDataInResultsMessagesOrToString() {
        stubMutation("tokenizeCreditCard", ok(error("tokenizeCreditCard", "VALIDATION",
                "Credit card number " + PAN + " is invalid; cvv " + CVC + " rejected; 4111 1111 1111 1111")));
        List<AuditEvent> audit = new ArrayList<>();
        GatewayChain chain = GatewayChain.standard(gateway, 2, Duration.ofMillis(1), audit::add);
        Card card = card();
        GatewayRequest.Sale sale = new GatewayRequest.Sale(card, payment(), null);

        PaymentResult r = chain.execute(sale);

        List<String> texts = new ArrayList<>(List.of(r.toString(), r.agentMessage(), sale.toString(), card.toString(),
                gateway.toString(), BraintreeConfig.sandbox(PUBLIC, PRIVATE).toString()));
        audit.forEach(e -> texts.add(e.toString()));
        for (String t : texts) {
            assertFalse(t.contains(PAN) || t.contains("4111 1111") || io.toneguard.psp.TestCards.containsNumber(t, CVC) || t.contains(PRIVATE), t);
        }
        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
    }
}
