package io.toneguard.psp.generic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.toneguard.psp.TestCards.bank;
import static io.toneguard.psp.TestCards.card;
import static io.toneguard.psp.TestCards.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.generic.GenericGatewayConfig.Auth;
import io.toneguard.psp.generic.GenericGatewayConfig.BodyType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic gateway in JSON and FORM modes, with each kind of authentication, against a loopback server. */
class GenericHttpGatewayTest {
    static final String PAN = "5555555555554444";
    static final String CVC = "318";

    private WireMockServer wm;

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

    private static GatewayRequest.Sale sale(String key) {
        return new GatewayRequest.Sale(card(PAN, "0728", CVC, "10001"), payment("REF-77", 1999, "USD", "Call order"), key);
    }

    /** A JSON PSP with nested fields, bearer auth and an honoured idempotency header. */
    private GenericGatewayConfig.Builder jsonPsp() {
        return GenericGatewayConfig.builder("acmepay", uri("/v2/charges"))
                .field("card.pan", "card.number")
                .field("card.exp.month", "card.expiryMonth")
                .field("card.exp.year", "card.expiryYear")
                .field("card.cvv", "card.securityCode")
                .field("card.zip", "card.postcode")
                .field("amount", "payment.amount")
                .field("currency", "payment.currency")
                .field("order_id", "payment.reference")
                .field("memo", "payment.description")
                .constant("channel", "moto")
                .constant("card.entry", "keyed")
                .header("X-Merchant", "m-1")
                .idempotencyKeyHeader("X-Idempotency-Key", true)
                .auth(Auth.bearer("sk_test_bearer_secret"))
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                .success("result.status", "approved")
                .messageKey("result.message")
                .transactionIdKey("id")
                .authorizationCodeKey("result.auth_code")
                .decline("result.status", "declined");
    }

    @Test
    void jsonWithBearerSendsNestedFieldsAndReadsDottedKeys() {
        wm.stubFor(post("/v2/charges").willReturn(aResponse().withStatus(201).withBody("""
                {"id":"ch_123","result":{"status":"approved","auth_code":"A1B2C3","message":"Approved"}}""")));

        PaymentResult r = new GenericHttpGateway(jsonPsp().build()).execute(sale("idem-1"));

        assertEquals(new PaymentResult.Approved("ch_123", "A1B2C3", null), r);
        wm.verify(postRequestedFor(urlEqualTo("/v2/charges"))
                .withHeader("Authorization", equalTo("Bearer sk_test_bearer_secret"))
                .withHeader("X-Idempotency-Key", equalTo("idem-1"))
                .withHeader("X-Merchant", equalTo("m-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"card":{"pan":"5555555555554444","exp":{"month":"07","year":"2028"},"cvv":"318","zip":"10001","entry":"keyed"},
                         "amount":1999,"currency":"USD","order_id":"REF-77","memo":"Call order","channel":"moto"}""")));
    }

    @Test
    void jsonDeclineIsDetectedByKeyAndValue() {
        wm.stubFor(post("/v2/charges").willReturn(aResponse().withStatus(200).withBody("""
                {"id":"ch_124","result":{"status":"declined","message":"Insufficient funds"}}""")));

        assertEquals(new PaymentResult.Declined("Insufficient funds", "declined"),
                new GenericHttpGateway(jsonPsp().build()).execute(sale("k")));
    }

    @Test
    void jsonBadRequestIsInvalidRequest() {
        wm.stubFor(post("/v2/charges").willReturn(aResponse().withStatus(400).withBody("""
                {"result":{"status":"error","message":"currency not supported"}}""")));

        assertEquals(new PaymentResult.InvalidRequest("currency not supported"),
                new GenericHttpGateway(jsonPsp().build()).execute(sale("k")));
    }

    @Test
    void authFailureIsNotRetryable() {
        wm.stubFor(post("/v2/charges").willReturn(aResponse().withStatus(401).withBody("{}")));

        PaymentResult r = new GenericHttpGateway(jsonPsp().build()).execute(sale("k"));

        assertEquals(new PaymentResult.GatewayError("acmepay refused the credentials (HTTP 401)", false), r);
    }

    @Test
    void serverErrorIsRetriedWithTheSameKeyWhenThePspHonoursIt() {
        wm.stubFor(post("/v2/charges").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        wm.stubFor(post("/v2/charges").inScenario("r").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"ch_9\",\"result\":{\"status\":\"approved\"}}")));

        PaymentResult r = GatewayChain.standard(new GenericHttpGateway(jsonPsp().build()), 3, Duration.ofMillis(1), e -> { })
                .execute(sale(""));

        assertEquals(new PaymentResult.Approved("ch_9", null, null), r);
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo("/v2/charges")));
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).getHeader("X-Idempotency-Key"), sent.get(1).getHeader("X-Idempotency-Key"));
    }

    @Test
    void withoutAnHonouredKeyNothingIsRetried() {
        wm.stubFor(post("/v2/charges").willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1500)));
        GenericGatewayConfig config = jsonPsp().idempotencyKeyHeader(null, false).build();

        PaymentResult r = GatewayChain.standard(new GenericHttpGateway(config), 3, Duration.ofMillis(1), e -> { }).execute(sale(""));

        assertInstanceOf(PaymentResult.Timeout.class, r);
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/v2/charges"))).size());
        wm.verify(postRequestedFor(urlEqualTo("/v2/charges")).withHeader("X-Idempotency-Key", absent()));
    }

    /** A form-encoded PSP (NVP style) with Basic auth and a form-encoded answer. */
    private GenericGatewayConfig.Builder formPsp() {
        return GenericGatewayConfig.builder("nvp", uri("/api/transact.php"))
                .requestType(BodyType.FORM)
                .responseType(BodyType.FORM)
                .constant("type", "sale")
                .field("ccnumber", "card.number")
                .field("ccexp", "card.expiry")
                .field("cvv", "card.securityCode")
                .field("amount", "payment.amountMajor")
                .field("currency", "payment.currency")
                .field("orderid", "payment.reference")
                .field("orderdescription", "payment.description")
                .auth(Auth.basic("merchant", "p@ss:word"))
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                .success("response", "1")
                .messageKey("responsetext")
                .transactionIdKey("transactionid")
                .authorizationCodeKey("authcode");
    }

    @Test
    void formWithBasicSendsAnUrlEncodedBodyAndReadsAFormAnswer() {
        wm.stubFor(post("/api/transact.php").willReturn(aResponse().withStatus(200)
                .withBody("response=1&responsetext=SUCCESS&authcode=123456&transactionid=9876543&response_code=100")));

        PaymentResult r = new GenericHttpGateway(formPsp().build()).execute(sale("k"));

        assertEquals(new PaymentResult.Approved("9876543", "123456", null), r);
        String basic = "Basic " + Base64.getEncoder().encodeToString("merchant:p@ss:word".getBytes(StandardCharsets.UTF_8));
        wm.verify(postRequestedFor(urlEqualTo("/api/transact.php"))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded")));
        assertEquals("ccnumber=5555555555554444&ccexp=0728&cvv=318&amount=19.99&currency=USD&orderid=REF-77"
                + "&orderdescription=Call+order&type=sale", wm.getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    @Test
    void formAnswerThatIsNotSuccessIsADeclineWhenNoDeclineKeyIsSet() {
        wm.stubFor(post("/api/transact.php").willReturn(aResponse().withStatus(200)
                .withBody("response=2&responsetext=DECLINE&authcode=&transactionid=9876544&response_code=200")));

        assertEquals(new PaymentResult.Declined("DECLINE", null), new GenericHttpGateway(formPsp().build()).execute(sale("k")));
    }

    @Test
    void formTimeoutIsTimeout() {
        wm.stubFor(post("/api/transact.php").willReturn(aResponse().withStatus(200).withBody("response=1").withFixedDelay(1500)));

        assertInstanceOf(PaymentResult.Timeout.class, new GenericHttpGateway(formPsp().build()).execute(sale("k")));
    }

    @Test
    void noAuthPutAndAnAchDebit() {
        wm.stubFor(put("/ach").willReturn(aResponse().withStatus(200).withBody("{\"ok\":true,\"ref\":\"A-1\"}")));
        GenericGatewayConfig config = GenericGatewayConfig.builder("achco", uri("/ach"))
                .httpMethod("PUT")
                .field("routing", "bank.routingNumber")
                .field("account", "bank.accountNumber")
                .field("cents", "payment.amount")
                .field("key", "idempotencyKey")
                .success("ok", "true")
                .transactionIdKey("ref")
                .build();
        GenericHttpGateway gateway = new GenericHttpGateway(config);

        PaymentResult r = gateway.execute(new GatewayRequest.AchDebit(bank("121042882", "987654321"), payment("R", 500, "USD", null), "k-9"));

        assertEquals(new PaymentResult.Approved("A-1", null, null), r);
        wm.verify(putRequestedFor(urlEqualTo("/ach")).withHeader("Authorization", absent()).withRequestBody(equalToJson(
                "{\"routing\":\"121042882\",\"account\":\"987654321\",\"cents\":500,\"key\":\"k-9\"}")));
        assertTrue(gateway.supports(Operation.ACH_DEBIT));
        assertFalse(gateway.supports(Operation.SALE));
        assertInstanceOf(PaymentResult.InvalidRequest.class, gateway.execute(sale("k")));
    }

    @Test
    void supportsOnlySaleForACardMapping() {
        GenericHttpGateway gateway = new GenericHttpGateway(jsonPsp().build());
        assertTrue(gateway.supports(Operation.SALE));
        for (Operation op : List.of(Operation.AUTHORIZE, Operation.CAPTURE, Operation.VOID, Operation.REFUND, Operation.TOKENIZE)) {
            assertFalse(gateway.supports(op));
        }
        assertEquals("acmepay", gateway.name());
    }

    @Test
    void configRefusesPlainHttpToOtherHostsUnknownSourcesAndClashingFields() {
        assertThrows(IllegalArgumentException.class, () -> GenericGatewayConfig.builder("x", URI.create("http://psp.example/pay"))
                .field("pan", "card.number").success("ok", "true").build());
        assertThrows(IllegalArgumentException.class, () -> GenericGatewayConfig.builder("x", uri("/p")).field("pan", "card.pin"));
        GenericGatewayConfig clash = GenericGatewayConfig.builder("x", uri("/p"))
                .field("card", "card.number").field("card.cvv", "card.securityCode").success("ok", "true").build();
        assertThrows(IllegalArgumentException.class, () -> new GenericHttpGateway(clash));
    }

    @Test
    void configToStringHidesSecrets() {
        GenericGatewayConfig config = jsonPsp().header("X-Api-Key", "hdr-secret").build();
        String s = config + " " + new GenericHttpGateway(config) + " " + formPsp().build();
        assertFalse(s.contains("sk_test_bearer_secret"));
        assertFalse(s.contains("hdr-secret"));
        assertFalse(s.contains("p@ss:word"));
    }
}
