package io.toneguard.psp.authorizenet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.toneguard.psp.TestCards.bank;
import static io.toneguard.psp.TestCards.card;
import static io.toneguard.psp.TestCards.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authorize.Net's JSON API against a loopback server answering as its API reference shows (BOM included). */
class AuthorizeNetGatewayTest {
    static final String PAN = "4111111111111111";
    static final String CVC = "900";
    static final String KEY = "4Ktq966gC55GAX7S";
    static final String BOM = "\uFEFF";

    private WireMockServer wm;
    private AuthorizeNetGateway gateway;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        gateway = new AuthorizeNetGateway(AuthorizeNetConfig.of("5KP3u95bQpv", KEY)
                .withBaseUri(URI.create("http://127.0.0.1:" + wm.port() + "/xml/v1/request.api"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void answer(String json) {
        wm.stubFor(post("/xml/v1/request.api").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody((BOM + json).getBytes(StandardCharsets.UTF_8))));
    }

    private String sentBody() {
        assertEquals(1, wm.getAllServeEvents().size());
        return wm.getAllServeEvents().get(0).getRequest().getBodyAsString();
    }

    private static GatewayRequest.Sale sale() {
        return new GatewayRequest.Sale(card(PAN, "1230", CVC, "46282"), payment("INV-1001", 2550, "USD", "Phone order"),
                "3f1c9a0e-7d2b-4c55-9e61-0a2b3c4d5e6f");
    }

    static final String APPROVED = """
            {"transactionResponse":{"responseCode":"1","authCode":"2MOGIA","avsResultCode":"Y","cvvResultCode":"P",
             "cavvResultCode":"2","transId":"60012345678","refTransID":"","transHash":"","testRequest":"0",
             "accountNumber":"XXXX1111","accountType":"Visa","messages":[{"code":"1","description":"This transaction has been approved."}],
             "transHashSha2":""},"refId":"3f1c9a0e7d2b4c559e61","messages":{"resultCode":"Ok","message":[{"code":"I00001","text":"Successful."}]}}""";

    @Test
    void saleSendsElementsInSchemaOrderAndReadsABomPrefixedAnswer() {
        answer(APPROVED);

        PaymentResult r = gateway.execute(sale());

        assertEquals(new PaymentResult.Approved("60012345678", "2MOGIA", null), r);
        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"3f1c9a0e7d2b4c559e61\","
                + "\"transactionRequest\":{\"transactionType\":\"authCaptureTransaction\",\"amount\":\"25.50\","
                + "\"payment\":{\"creditCard\":{\"cardNumber\":\"4111111111111111\",\"expirationDate\":\"2030-12\",\"cardCode\":\"900\"}},"
                + "\"order\":{\"invoiceNumber\":\"INV-1001\",\"description\":\"Phone order\"},"
                + "\"billTo\":{\"zip\":\"46282\"}}}}", sentBody());
        wm.verify(postRequestedFor(urlEqualTo("/xml/v1/request.api")).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void authorizeIsAuthOnly() {
        answer(APPROVED);

        gateway.execute(new GatewayRequest.Authorize(card(PAN, "1230", "", ""), payment("INV-2", 100, "USD", null), "k2"));

        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"k2\",\"transactionRequest\":{\"transactionType\":\"authOnlyTransaction\",\"amount\":\"1.00\","
                + "\"payment\":{\"creditCard\":{\"cardNumber\":\"4111111111111111\",\"expirationDate\":\"2030-12\"}},"
                + "\"order\":{\"invoiceNumber\":\"INV-2\"}}}}", sentBody());
    }

    @Test
    void responseCode2IsDeclined() {
        answer("""
                {"transactionResponse":{"responseCode":"2","authCode":"","avsResultCode":"P","cvvResultCode":"","transId":"60012345679",
                 "accountNumber":"XXXX1111","accountType":"Visa","errors":[{"errorCode":"2","errorText":"This transaction has been declined."}]},
                 "refId":"x","messages":{"resultCode":"Error","message":[{"code":"E00027","text":"The transaction was unsuccessful."}]}}""");

        assertEquals(new PaymentResult.Declined("This transaction has been declined.", "2"), gateway.execute(sale()));
    }

    @Test
    void responseCode3IsAnInvalidRequestAndProcessingErrorsAreGatewayErrors() {
        answer("""
                {"transactionResponse":{"responseCode":"3","transId":"0","errors":[{"errorCode":"8","errorText":"The credit card has expired."}]},
                 "messages":{"resultCode":"Error","message":[{"code":"E00027","text":"The transaction was unsuccessful."}]}}""");
        assertEquals(new PaymentResult.InvalidRequest("The credit card has expired. (8)"), gateway.execute(sale()));

        answer("""
                {"transactionResponse":{"responseCode":"3","transId":"0","errors":[{"errorCode":"19","errorText":"An error occurred during processing. Please try again in 5 minutes."}]},
                 "messages":{"resultCode":"Error","message":[{"code":"E00027","text":"The transaction was unsuccessful."}]}}""");
        PaymentResult r = gateway.execute(sale());
        assertInstanceOf(PaymentResult.GatewayError.class, r);
        assertFalse(((PaymentResult.GatewayError) r).retryable());
    }

    @Test
    void responseCode4IsHeldForReview() {
        answer("""
                {"transactionResponse":{"responseCode":"4","authCode":"ABC123","transId":"60012345680",
                 "errors":[{"errorCode":"252","errorText":"Your order has been received. Thank you for your business!"}]},
                 "messages":{"resultCode":"Ok","message":[{"code":"I00001","text":"Successful."}]}}""");

        assertEquals(new PaymentResult.Declined("held for review", "252"), gateway.execute(sale()));
    }

    @Test
    void authenticationFailureIsANonRetryableGatewayError() {
        answer("""
                {"messages":{"resultCode":"Error","message":[{"code":"E00007","text":"User authentication failed due to invalid authentication values."}]}}""");

        PaymentResult r = gateway.execute(sale());

        assertEquals(new PaymentResult.GatewayError(
                "Authorize.Net refused the credentials: User authentication failed due to invalid authentication values. (E00007)", false), r);
        assertFalse(r.toString().contains(KEY));
    }

    @Test
    void otherApiErrorsAreInvalidRequests() {
        answer("""
                {"messages":{"resultCode":"Error","message":[{"code":"E00003","text":"The element 'transactionRequest' has invalid child element 'order'."}]}}""");

        assertInstanceOf(PaymentResult.InvalidRequest.class, gateway.execute(sale()));
    }

    @Test
    void aTimeoutIsNeverRetriedAutomatically() {
        wm.stubFor(post("/xml/v1/request.api").willReturn(aResponse().withStatus(200).withBody(APPROVED).withFixedDelay(1500)));

        PaymentResult r = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { }).execute(sale());

        assertInstanceOf(PaymentResult.Timeout.class, r);
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/xml/v1/request.api"))).size());
    }

    @Test
    void aServerErrorIsNeverRetriedAutomatically() {
        wm.stubFor(post("/xml/v1/request.api").willReturn(aResponse().withStatus(503)));

        PaymentResult r = GatewayChain.standard(gateway, 3, Duration.ofMillis(1), e -> { }).execute(sale());

        assertEquals(new PaymentResult.GatewayError("Authorize.Net answered HTTP 503", false), r);
        assertEquals(1, wm.findAll(postRequestedFor(urlEqualTo("/xml/v1/request.api"))).size());
    }

    @Test
    void priorAuthCaptureSendsAmountAndRefTransId() {
        answer(APPROVED);

        gateway.execute(new GatewayRequest.Capture("60012345678", Amount.of(2550, "USD"), "cap1"));

        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"cap1\",\"transactionRequest\":{\"transactionType\":\"priorAuthCaptureTransaction\","
                + "\"amount\":\"25.50\",\"refTransId\":\"60012345678\"}}}", sentBody());
    }

    @Test
    void voidSendsRefTransIdOnly() {
        answer(APPROVED);

        gateway.execute(new GatewayRequest.Void("60012345678", "v1"));

        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"v1\",\"transactionRequest\":{\"transactionType\":\"voidTransaction\","
                + "\"refTransId\":\"60012345678\"}}}", sentBody());
    }

    @Test
    void refundSendsTheLastFourAndXxxxExpiry() {
        answer(APPROVED);

        PaymentResult r = gateway.execute(new GatewayRequest.Refund("60012345678", Amount.of(500, "USD"), "1111", "r1"));

        assertInstanceOf(PaymentResult.Approved.class, r);
        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"r1\",\"transactionRequest\":{\"transactionType\":\"refundTransaction\",\"amount\":\"5.00\","
                + "\"payment\":{\"creditCard\":{\"cardNumber\":\"1111\",\"expirationDate\":\"XXXX\"}},"
                + "\"refTransId\":\"60012345678\"}}}", sentBody());
    }

    @Test
    void refundWithoutLastFourIsRefusedWithoutACall() {
        PaymentResult r = gateway.execute(new GatewayRequest.Refund("60012345678", Amount.of(500, "USD"), null, "r1"));

        assertInstanceOf(PaymentResult.InvalidRequest.class, r);
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void achDebitSendsTheBankAccount() {
        answer(APPROVED);

        gateway.execute(new GatewayRequest.AchDebit(bank("121042882", "123456789"), payment("INV-3", 1000, "USD", "John Doe"), "a1"));

        assertEquals("{\"createTransactionRequest\":{"
                + "\"merchantAuthentication\":{\"name\":\"5KP3u95bQpv\",\"transactionKey\":\"" + KEY + "\"},"
                + "\"refId\":\"a1\",\"transactionRequest\":{\"transactionType\":\"authCaptureTransaction\",\"amount\":\"10.00\","
                + "\"payment\":{\"bankAccount\":{\"accountType\":\"checking\",\"routingNumber\":\"121042882\","
                + "\"accountNumber\":\"123456789\",\"nameOnAccount\":\"John Doe\",\"echeckType\":\"TEL\"}},"
                + "\"order\":{\"invoiceNumber\":\"INV-3\",\"description\":\"John Doe\"}}}}", sentBody());
    }

    @Test
    void supportsEverythingButTokenizeAndNeverSaysRetriesAreSafe() {
        assertFalse(gateway.supports(Operation.TOKENIZE));
        assertFalse(gateway.retrySafe(sale(), new PaymentResult.Timeout("t")));
        assertEquals("authorizenet", gateway.name());
        assertFalse(gateway.toString().contains(KEY));
        assertEquals("3f1c9a0e7d2b4c559e61", AuthorizeNetGateway.refId("3f1c9a0e-7d2b-4c55-9e61-0a2b3c4d5e6f"));
    }
}
