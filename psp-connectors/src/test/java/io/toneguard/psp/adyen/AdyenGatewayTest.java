package io.toneguard.psp.adyen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.toneguard.psp.TestCards.card;
import static io.toneguard.psp.TestCards.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.AuditEvent;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adyen Checkout v71 against a loopback server answering as Adyen's API reference shows. */
class AdyenGatewayTest {
    static final String PAN = "4111111145551142";
    static final String CVC = "737";
    static final String API_KEY = "AQE-test-api-key-secret";

    private WireMockServer wm;
    private AdyenGateway gateway;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        gateway = new AdyenGateway(AdyenConfig.of(API_KEY, "ToneGuardMOTO")
                .withBaseUri(URI.create("http://127.0.0.1:" + wm.port() + "/v71"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static GatewayRequest.Sale sale(String key) {
        return new GatewayRequest.Sale(card(PAN, "0330", CVC, "12345"), payment("ORDER-1", 2550, "GBP", "Tickets"), key);
    }

    private static final String AUTHORISED = """
            {"additionalData":{"authCode":"095603","cardSummary":"1142"},"pspReference":"QFQTPCQ8HXSKGK82",
             "resultCode":"Authorised","amount":{"currency":"GBP","value":2550},"merchantReference":"ORDER-1"}""";

    @Test
    void saleSendsTheDocumentedMotoPaymentAndMapsAuthorised() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody(AUTHORISED)));

        PaymentResult r = gateway.execute(sale("key-1"));

        assertEquals(new PaymentResult.Approved("QFQTPCQ8HXSKGK82", "095603", null), r);
        wm.verify(1, postRequestedFor(urlEqualTo("/v71/payments"))
                .withHeader("X-API-Key", equalTo(API_KEY))
                .withHeader("Idempotency-Key", equalTo("key-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"amount":{"currency":"GBP","value":2550},"reference":"ORDER-1","merchantAccount":"ToneGuardMOTO",
                         "paymentMethod":{"type":"scheme","number":"4111111145551142","expiryMonth":"03","expiryYear":"2030","cvc":"737"},
                         "shopperInteraction":"Moto","captureDelayHours":0}""")));
    }

    @Test
    void authorizeAsksForManualCapture() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody(AUTHORISED)));

        PaymentResult r = gateway.execute(new GatewayRequest.Authorize(card(PAN, "0330", CVC, ""),
                payment("ORDER-2", 1000, "EUR", null), "key-2"));

        assertInstanceOf(PaymentResult.Approved.class, r);
        wm.verify(postRequestedFor(urlEqualTo("/v71/payments")).withRequestBody(equalToJson("""
                {"amount":{"currency":"EUR","value":1000},"reference":"ORDER-2","merchantAccount":"ToneGuardMOTO",
                 "paymentMethod":{"type":"scheme","number":"4111111145551142","expiryMonth":"03","expiryYear":"2030","cvc":"737"},
                 "shopperInteraction":"Moto","additionalData":{"manualCapture":"true"}}""")));
    }

    @Test
    void refusedIsDeclinedWithReasonAndCode() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody("""
                {"pspReference":"V4HZ4RBFJGXXGN82","refusalReason":"Not enough balance","resultCode":"Refused",
                 "refusalReasonCode":"12","merchantReference":"ORDER-1"}""")));

        assertEquals(new PaymentResult.Declined("Not enough balance", "12"), gateway.execute(sale("k")));
    }

    @Test
    void resultCodeErrorIsInvalidRequest() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody("""
                {"pspReference":"X","refusalReason":"Acquirer Error","resultCode":"Error","refusalReasonCode":"4"}""")));

        assertEquals(new PaymentResult.InvalidRequest("Acquirer Error"), gateway.execute(sale("k")));
    }

    @Test
    void validationErrorIsInvalidRequestWithErrorCode() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(422).withBody("""
                {"status":422,"errorCode":"101","message":"Invalid card number","errorType":"validation","pspReference":"ABC"}""")));

        assertEquals(new PaymentResult.InvalidRequest("Invalid card number (101)"), gateway.execute(sale("k")));
    }

    @Test
    void badRequestIsInvalidRequest() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(400).withBody("""
                {"status":400,"errorCode":"702","message":"Structure of PaymentRequest contains the following unknown fields: [x]","errorType":"validation"}""")));

        PaymentResult r = gateway.execute(sale("k"));
        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
        assertTrue(((PaymentResult.InvalidRequest) r).message().endsWith("(702)"));
    }

    @Test
    void unauthorizedAndForbiddenAreNotRetryable() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(401).withBody("""
                {"status":401,"errorCode":"000","message":"HTTP Status Response - Unauthorized","errorType":"security"}""")));
        PaymentResult r = gateway.execute(sale("k"));
        assertInstanceOf(PaymentResult.GatewayError.class, r);
        assertFalse(((PaymentResult.GatewayError) r).retryable());

        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(403).withBody("""
                {"status":403,"errorCode":"010","message":"Not allowed","errorType":"security"}""")));
        r = gateway.execute(sale("k"));
        assertFalse(((PaymentResult.GatewayError) r).retryable());
        assertFalse(r.toString().contains(API_KEY));
    }

    @Test
    void serverErrorsAndRateLimitAreRetryable() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(500).withBody("""
                {"status":500,"errorCode":"905","message":"Payment details are not supported","errorType":"configuration"}""")));
        assertTrue(((PaymentResult.GatewayError) gateway.execute(sale("k"))).retryable());

        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(429).withBody("{}")));
        assertTrue(((PaymentResult.GatewayError) gateway.execute(sale("k"))).retryable());
    }

    @Test
    void timeoutIsTimeout() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody(AUTHORISED).withFixedDelay(1500)));

        assertInstanceOf(PaymentResult.Timeout.class, gateway.execute(sale("k")));
    }

    @Test
    void chainRetriesA500WithTheSameIdempotencyKey() {
        wm.stubFor(post("/v71/payments").inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"status\":500,\"errorCode\":\"000\",\"message\":\"boom\"}"))
                .willSetStateTo("second"));
        wm.stubFor(post("/v71/payments").inScenario("retry").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withBody(AUTHORISED)));
        List<AuditEvent> audit = new ArrayList<>();

        PaymentResult r = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), audit::add).execute(sale(""));

        assertInstanceOf(PaymentResult.Approved.class, r);
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v71/payments")));
        assertEquals(2, sent.size());
        String key = sent.get(0).getHeader("Idempotency-Key");
        assertFalse(key == null || key.isEmpty());
        assertEquals(key, sent.get(1).getHeader("Idempotency-Key"));
        assertEquals(2, audit.size());
    }

    @Test
    void chainRetriesATimeoutWithTheSameIdempotencyKey() {
        wm.stubFor(post("/v71/payments").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(AUTHORISED).withFixedDelay(1500))
                .willSetStateTo("fast"));
        wm.stubFor(post("/v71/payments").inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200).withBody(AUTHORISED)));

        PaymentResult r = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { }).execute(sale("fixed-key"));

        assertInstanceOf(PaymentResult.Approved.class, r);
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v71/payments")));
        assertEquals(2, sent.size());
        assertEquals("fixed-key", sent.get(0).getHeader("Idempotency-Key"));
        assertEquals("fixed-key", sent.get(1).getHeader("Idempotency-Key"));
    }

    @Test
    void declinesAndInvalidRequestsAreNotRetried() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(422).withBody("""
                {"status":422,"errorCode":"101","message":"Invalid card number","errorType":"validation"}""")));

        GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { }).execute(sale(""));

        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/v71/payments"))).size());
    }

    @Test
    void captureCancelAndRefundAreModificationsOnThePspReference() {
        String received = """
                {"merchantAccount":"ToneGuardMOTO","paymentPspReference":"QFQTPCQ8HXSKGK82","pspReference":"%s",
                 "status":"received","amount":{"currency":"GBP","value":2550}}""";
        wm.stubFor(post("/v71/payments/QFQTPCQ8HXSKGK82/captures").willReturn(aResponse().withStatus(201).withBody(received.formatted("CAP1"))));
        wm.stubFor(post("/v71/payments/QFQTPCQ8HXSKGK82/cancels").willReturn(aResponse().withStatus(201).withBody("""
                {"merchantAccount":"ToneGuardMOTO","paymentPspReference":"QFQTPCQ8HXSKGK82","pspReference":"CAN1","status":"received"}""")));
        wm.stubFor(post("/v71/payments/QFQTPCQ8HXSKGK82/refunds").willReturn(aResponse().withStatus(201).withBody(received.formatted("REF1"))));
        Amount gbp = Amount.of(2550, "GBP");

        assertEquals(new PaymentResult.Approved("CAP1", null, null),
                gateway.execute(new GatewayRequest.Capture("QFQTPCQ8HXSKGK82", gbp, "c-1")));
        assertEquals(new PaymentResult.Approved("CAN1", null, null),
                gateway.execute(new GatewayRequest.Void("QFQTPCQ8HXSKGK82", "v-1")));
        assertEquals(new PaymentResult.Approved("REF1", null, null),
                gateway.execute(new GatewayRequest.Refund("QFQTPCQ8HXSKGK82", gbp, "1142", "r-1")));

        wm.verify(postRequestedFor(urlEqualTo("/v71/payments/QFQTPCQ8HXSKGK82/captures"))
                .withHeader("X-API-Key", equalTo(API_KEY)).withHeader("Idempotency-Key", equalTo("c-1"))
                .withRequestBody(equalToJson("{\"merchantAccount\":\"ToneGuardMOTO\",\"amount\":{\"currency\":\"GBP\",\"value\":2550}}")));
        wm.verify(postRequestedFor(urlEqualTo("/v71/payments/QFQTPCQ8HXSKGK82/cancels"))
                .withHeader("Idempotency-Key", equalTo("v-1"))
                .withRequestBody(equalToJson("{\"merchantAccount\":\"ToneGuardMOTO\"}")));
        wm.verify(postRequestedFor(urlEqualTo("/v71/payments/QFQTPCQ8HXSKGK82/refunds"))
                .withHeader("Idempotency-Key", equalTo("r-1"))
                .withRequestBody(equalToJson("{\"merchantAccount\":\"ToneGuardMOTO\",\"amount\":{\"currency\":\"GBP\",\"value\":2550}}")));
    }

    @Test
    void aTransactionIdThatIsNotAPspReferenceIsRefusedWithoutACall() {
        PaymentResult r = gateway.execute(new GatewayRequest.Void("../payments?x=1", "k"));

        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void tokenizeIsAZeroValueAuthThatStoresTheCard() {
        wm.stubFor(post("/v71/payments").willReturn(aResponse().withStatus(200).withBody("""
                {"additionalData":{"tokenization.storedPaymentMethodId":"M5N7TQ4TG5PFWR50","tokenization.shopperReference":"CUST-9",
                 "tokenization.store.operationType":"created"},"pspReference":"Z1","resultCode":"Authorised",
                 "amount":{"currency":"EUR","value":0},"merchantReference":"CUST-9"}""")));

        PaymentResult r = gateway.execute(new GatewayRequest.Tokenize(card(PAN, "0330", CVC, ""), "CUST-9", "t-1"));

        assertEquals(new PaymentResult.Approved("Z1", null, "M5N7TQ4TG5PFWR50"), r);
        wm.verify(postRequestedFor(urlEqualTo("/v71/payments")).withRequestBody(equalToJson("""
                {"amount":{"currency":"EUR","value":0},"reference":"CUST-9","merchantAccount":"ToneGuardMOTO",
                 "paymentMethod":{"type":"scheme","number":"4111111145551142","expiryMonth":"03","expiryYear":"2030","cvc":"737"},
                 "shopperInteraction":"Moto","recurringProcessingModel":"CardOnFile","storePaymentMethod":true,
                 "shopperReference":"CUST-9"}""")));
    }

    @Test
    void achIsNotSupportedAndTheConfigHidesTheKey() {
        assertFalse(gateway.supports(io.toneguard.psp.gateway.Operation.ACH_DEBIT));
        assertTrue(gateway.supports(io.toneguard.psp.gateway.Operation.SALE));
        assertFalse(gateway.toString().contains(API_KEY));
        assertEquals("adyen", gateway.name());
    }
}
