package io.toneguard.psp.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StripeGateway against a loopback server answering as Stripe's API reference documents. */
class StripeGatewayTest {
    private static final String KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    private static final String PAN = "4242424242424242";
    private static final String CVC = "123";
    private static final String PI = "pi_3MtwBwLkdIwHu7ix28a3tqPa";
    private static final String CHARGE = "ch_3MtwBwLkdIwHu7ix2oSdvKCX";

    private WireMockServer wm;
    private StripeGateway gateway;

    @BeforeEach
    void start() {
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        gateway = new StripeGateway(StripeConfig.of(KEY).withBaseUri(URI.create("http://127.0.0.1:" + wm.port()))
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
        return new PaymentRequest("ORDER-1", Amount.of(2550, "GBP"), "Phone order 1");
    }

    static String paymentIntent(String id, String status, String captureMethod) {
        return "{\"id\":\"" + id + "\",\"object\":\"payment_intent\",\"amount\":2550,\"amount_capturable\":0,"
                + "\"amount_received\":2550,\"capture_method\":\"" + captureMethod + "\",\"confirmation_method\":\"automatic\","
                + "\"currency\":\"gbp\",\"description\":\"Phone order 1\",\"last_payment_error\":null,"
                + "\"latest_charge\":\"" + CHARGE + "\",\"livemode\":false,\"metadata\":{\"reference\":\"ORDER-1\"},"
                + "\"payment_method\":\"pm_1MtwBwLkdIwHu7ixpQ3J4CPG\",\"payment_method_types\":[\"card\"],"
                + "\"status\":\"" + status + "\"}";
    }

    static String error(String type, String code, String declineCode, String message) {
        return "{\"error\":{\"type\":\"" + type + "\",\"code\":" + (code == null ? "null" : "\"" + code + "\"")
                + (declineCode == null ? "" : ",\"decline_code\":\"" + declineCode + "\"")
                + ",\"doc_url\":\"https://stripe.com/docs/error-codes\",\"message\":\"" + message + "\"}}";
    }

    private void stub(String path, int status, String json) {
        wm.stubFor(post(urlEqualTo(path)).willReturn(json(status, json)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("Request-Id", "req_123")
                .withBody(body);
    }

    /** The one request sent to {@code path}, with the headers every Stripe call must carry. */
    private LoggedRequest onlyRequest(String path, String idempotencyKey) {
        List<LoggedRequest> all = wm.findAll(postRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Stripe-Version", equalTo(StripeConfig.API_VERSION))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withHeader("Idempotency-Key", equalTo(idempotencyKey)));
        assertEquals(1, all.size(), "one request to " + path + " with the documented headers");
        assertEquals(1, wm.getAllServeEvents().size(), "no other request");
        return all.get(0);
    }

    /** Decodes a form body into ordered key/value pairs (brackets included in keys). */
    static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return m;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            assertFalse(m.containsKey(k), "duplicate form key " + k);
            m.put(k, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static Map<String, String> expectedIntent(String captureMethod) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("amount", "2550");
        m.put("currency", "gbp");
        m.put("confirm", "true");
        m.put("capture_method", captureMethod);
        m.put("payment_method_types[]", "card");
        m.put("error_on_requires_action", "true");
        m.put("payment_method_data[type]", "card");
        m.put("payment_method_data[card][number]", PAN);
        m.put("payment_method_data[card][exp_month]", "12");
        m.put("payment_method_data[card][exp_year]", "2030");
        m.put("payment_method_data[card][cvc]", CVC);
        m.put("payment_method_data[billing_details][address][postal_code]", "94107");
        m.put("description", "Phone order 1");
        m.put("metadata[reference]", "ORDER-1");
        return m;
    }

    @Test
    void saleIsAConfirmedAutomaticCapturePaymentIntent() {
        stub("/v1/payment_intents", 200, paymentIntent(PI, "succeeded", "automatic"));

        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "key-sale-1"));

        assertEquals(new PaymentResult.Approved(PI, CHARGE, null), r);
        LoggedRequest req = onlyRequest("/v1/payment_intents", "key-sale-1");
        assertEquals(expectedIntent("automatic"), form(req.getBodyAsString()));
        // bracketed keys are percent-encoded, the way application/x-www-form-urlencoded requires
        assertTrue(req.getBodyAsString().contains("payment_method_data%5Bcard%5D%5Bnumber%5D=" + PAN));
        assertTrue(req.getBodyAsString().contains("payment_method_types%5B%5D=card"));
    }

    @Test
    void authorizeThenCapture() {
        stub("/v1/payment_intents", 200, paymentIntent(PI, "requires_capture", "manual"));
        stub("/v1/payment_intents/" + PI + "/capture", 200, paymentIntent(PI, "succeeded", "manual"));

        PaymentResult auth = gateway.execute(new GatewayRequest.Authorize(card(), payment(), "key-auth-1"));
        assertEquals(new PaymentResult.Approved(PI, CHARGE, null), auth);
        assertEquals(expectedIntent("manual"), form(wm.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")))
                .get(0).getBodyAsString()));

        PaymentResult cap = gateway.execute(new GatewayRequest.Capture(PI, Amount.of(2000, "GBP"), "key-cap-1"));
        assertEquals(new PaymentResult.Approved(PI, CHARGE, null), cap);
        List<LoggedRequest> caps = wm.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents/" + PI + "/capture"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Idempotency-Key", equalTo("key-cap-1"))
                .withHeader("Stripe-Version", equalTo(StripeConfig.API_VERSION)));
        assertEquals(1, caps.size());
        assertEquals(Map.of("amount_to_capture", "2000"), form(caps.get(0).getBodyAsString()));
    }

    @Test
    void voidCancelsThePaymentIntent() {
        stub("/v1/payment_intents/" + PI + "/cancel", 200, paymentIntent(PI, "canceled", "manual"));

        PaymentResult r = gateway.execute(new GatewayRequest.Void(PI, "key-void-1"));

        assertEquals(new PaymentResult.Approved(PI, null, null), r);
        assertEquals("", onlyRequest("/v1/payment_intents/" + PI + "/cancel", "key-void-1").getBodyAsString());
    }

    @Test
    void refundOfAPaymentIntent() {
        stub("/v1/refunds", 200, "{\"id\":\"re_1Nispe2eZvKYlo2Cd31jOCgZ\",\"object\":\"refund\",\"amount\":1000,"
                + "\"charge\":\"" + CHARGE + "\",\"currency\":\"gbp\",\"payment_intent\":\"" + PI + "\",\"status\":\"succeeded\"}");

        PaymentResult r = gateway.execute(new GatewayRequest.Refund(PI, Amount.of(1000, "GBP"), "4242", "key-ref-1"));

        assertEquals(new PaymentResult.Approved("re_1Nispe2eZvKYlo2Cd31jOCgZ", null, null), r);
        assertEquals(Map.of("payment_intent", PI, "amount", "1000"), form(onlyRequest("/v1/refunds", "key-ref-1").getBodyAsString()));
    }

    @Test
    void tokenizeCreatesAPaymentMethod() {
        stub("/v1/payment_methods", 200, "{\"id\":\"pm_1Q0PsIJvEtkwdCNYMSaVuRz6\",\"object\":\"payment_method\","
                + "\"card\":{\"brand\":\"visa\",\"exp_month\":12,\"exp_year\":2030,\"last4\":\"4242\"},\"type\":\"card\"}");

        PaymentResult r = gateway.execute(new GatewayRequest.Tokenize(card(), "CUST-9", "key-tok-1"));

        assertEquals(new PaymentResult.Approved("pm_1Q0PsIJvEtkwdCNYMSaVuRz6", null, "pm_1Q0PsIJvEtkwdCNYMSaVuRz6"), r);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("type", "card");
        expected.put("card[number]", PAN);
        expected.put("card[exp_month]", "12");
        expected.put("card[exp_year]", "2030");
        expected.put("card[cvc]", CVC);
        expected.put("billing_details[address][postal_code]", "94107");
        expected.put("metadata[reference]", "CUST-9");
        assertEquals(expected, form(onlyRequest("/v1/payment_methods", "key-tok-1").getBodyAsString()));
    }

    @Test
    void cardErrorIsADecline() {
        stub("/v1/payment_intents", 402, error("card_error", "card_declined", "insufficient_funds", "Your card has insufficient funds."));

        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));

        assertEquals(new PaymentResult.Declined("Your card has insufficient funds.", "insufficient_funds"), r);
    }

    @Test
    void cardErrorWithoutDeclineCodeUsesTheCode() {
        stub("/v1/payment_intents", 402, error("card_error", "incorrect_cvc", null, "Your card's security code is incorrect."));

        assertEquals(new PaymentResult.Declined("Your card's security code is incorrect.", "incorrect_cvc"),
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    @Test
    void requiresActionIsADecline() {
        stub("/v1/payment_intents", 200, paymentIntent(PI, "requires_action", "automatic"));

        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));

        assertEquals("authentication_required", assertInstanceOf(PaymentResult.Declined.class, r).pspCode());
    }

    @Test
    void invalidRequestError() {
        stub("/v1/payment_intents", 400, error("invalid_request_error", "parameter_invalid_integer", null, "Invalid currency: xyz"));

        assertEquals(new PaymentResult.InvalidRequest("Invalid currency: xyz"),
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    @Test
    void badKeyIsNotRetriedAndNotEchoed() {
        stub("/v1/payment_intents", 401, error("invalid_request_error", null, null, "Invalid API Key provided: sk_test_****p7dc"));
        GatewayChain chain = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { });

        PaymentResult r = chain.execute(new GatewayRequest.Sale(card(), payment(), null));

        PaymentResult.GatewayError g = assertInstanceOf(PaymentResult.GatewayError.class, r);
        assertFalse(g.retryable());
        assertFalse(g.message().contains("sk_") || g.message().contains("p7dc"), g.message());
        wm.verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents")));
    }

    @Test
    void serverErrorsConflictsAndRateLimitsAreRetryable() {
        for (int status : new int[] {409, 429, 500, 502, 503}) {
            wm.resetAll();
            stub("/v1/payment_intents", status, error(status == 409 ? "invalid_request_error" : "api_error", null, null, "try again"));
            PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));
            assertTrue(assertInstanceOf(PaymentResult.GatewayError.class, r).retryable(), "HTTP " + status);
        }
    }

    @Test
    void stripeShouldRetryFalseIsHonoured() {
        wm.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(json(500, error("api_error", null, null, "boom"))
                .withHeader("Stripe-Should-Retry", "false")));

        assertFalse(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"))).retryable());
    }

    @Test
    void idempotencyErrorIsNotRetryable() {
        stub("/v1/payment_intents", 400, error("idempotency_error", null, null,
                "Keys for idempotent requests can only be used with the same parameters they were first used with."));

        assertFalse(assertInstanceOf(PaymentResult.GatewayError.class,
                gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"))).retryable());
    }

    @Test
    void slowAnswerIsATimeout() {
        wm.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(json(200, paymentIntent(PI, "succeeded", "automatic")).withFixedDelay(1500)));

        assertInstanceOf(PaymentResult.Timeout.class, gateway.execute(new GatewayRequest.Sale(card(), payment(), "k")));
    }

    private MappingBuilder firstThen(MappingBuilder first, String state) {
        return first.inScenario("retry").whenScenarioStateIs(Scenario.STARTED).willSetStateTo(state);
    }

    @Test
    void timeoutIsRetriedWithTheSameIdempotencyKeyAndBody() {
        wm.stubFor(firstThen(post(urlEqualTo("/v1/payment_intents")), "answered")
                .willReturn(json(200, paymentIntent(PI, "succeeded", "automatic")).withFixedDelay(1500)));
        wm.stubFor(post(urlEqualTo("/v1/payment_intents")).inScenario("retry").whenScenarioStateIs("answered")
                .willReturn(json(200, paymentIntent(PI, "succeeded", "automatic"))));
        List<AuditEvent> audit = new ArrayList<>();
        GatewayChain chain = GatewayChain.standard(gateway, 3, Duration.ofMillis(10), audit::add);

        PaymentResult r = chain.execute(new GatewayRequest.Sale(card(), payment(), null));

        assertEquals(new PaymentResult.Approved(PI, CHARGE, null), r);
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertEquals(2, sent.size());
        String key = sent.get(0).getHeader("Idempotency-Key");
        assertFalse(key == null || key.isEmpty());
        assertEquals(key, sent.get(1).getHeader("Idempotency-Key"));
        assertEquals(sent.get(0).getBodyAsString(), sent.get(1).getBodyAsString(), "a retry must resend identical parameters");
        assertEquals(2, audit.size());
        assertEquals(key, audit.get(1).idempotencyKey());
    }

    @Test
    void serverErrorIsRetriedWithTheSameIdempotencyKey() {
        wm.stubFor(firstThen(post(urlEqualTo("/v1/refunds")), "ok").willReturn(json(500, error("api_error", null, null, "boom"))));
        wm.stubFor(post(urlEqualTo("/v1/refunds")).inScenario("retry").whenScenarioStateIs("ok")
                .willReturn(json(200, "{\"id\":\"re_1\",\"object\":\"refund\",\"status\":\"pending\"}")));
        GatewayChain chain = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { });

        PaymentResult r = chain.execute(new GatewayRequest.Refund(PI, Amount.of(100, "GBP"), null, "refund-key-7"));

        assertEquals(new PaymentResult.Approved("re_1", null, null), r);
        wm.verify(2, postRequestedFor(urlEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("refund-key-7")));
    }

    @Test
    void noCardDataInResultsMessagesOrToString() {
        // a hostile answer that echoes the card number and security code back
        stub("/v1/payment_intents", 400, error("invalid_request_error", "invalid_number", null,
                "Invalid card number " + PAN + " (cvc " + CVC + ", exp 12/2030, 4242 4242 4242 4242)"));
        List<AuditEvent> audit = new ArrayList<>();
        GatewayChain chain = GatewayChain.standard(gateway, 2, Duration.ofMillis(1), audit::add);
        Card card = card();
        GatewayRequest.Sale sale = new GatewayRequest.Sale(card, payment(), null);

        PaymentResult r = chain.execute(sale);

        List<String> texts = new ArrayList<>(List.of(r.toString(), r.agentMessage(), sale.toString(), card.toString(),
                card.number().toString(), gateway.toString(), StripeConfig.of(KEY).toString()));
        audit.forEach(e -> texts.add(e.toString()));
        for (String t : texts) {
            assertFalse(t.contains(PAN) || t.contains("4242 4242") || io.toneguard.psp.TestCards.containsNumber(t, CVC) || t.contains(KEY), t);
        }
        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
        // the card survives the call for the session to wipe
        assertEquals(16, card.number().length());
    }

    @Test
    void declinedOutcomesCarryNoCardData() {
        stub("/v1/payment_intents", 402, error("card_error", "card_declined", "generic_decline",
                "Your card " + PAN + " was declined."));

        PaymentResult r = gateway.execute(new GatewayRequest.Sale(card(), payment(), "k"));

        assertFalse(r.toString().contains(PAN), r.toString());
    }
}
