package io.toneguard.server.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.toneguard.psp.gateway.Amount;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The amount lookup against a real HTTP server on loopback: what it sends, and every kind of answer. */
class AmountLookupTest {
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final AmountLookup lookup = new AmountLookup();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/due", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        lookup.close();
    }

    private void answer(HttpExchange x) throws IOException {
        requests.add(JSON.readTree(x.getRequestBody()));
        authorizations.add(x.getRequestHeaders().getFirst("Authorization"));
        if (hang) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private AmountLookup.Target target(Duration timeout) {
        return new AmountLookup.Target(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/due"), timeout,
                Map.of("Authorization", "Bearer t0ken"));
    }

    private AmountLookup.Result ask() throws Exception {
        return lookup.lookUp(target(Duration.ofSeconds(5)), GBP, "account", "call-1", "sip:+441234567890@carrier.example")
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServiceIsToldWhoCallsAndItsAnswerIsTheAmount() throws Exception {
        answer = "{\"amount\": \"25.50\", \"currency\": \"GBP\", \"description\": \"Invoice 42\"}";
        AmountLookup.Result r = ask();
        assertEquals(new AmountLookup.Result.Found(Amount.of(2550, "GBP"), "Invoice 42"), r);
        JsonNode sent = requests.get(0);
        assertEquals("account", sent.path("service").asText());
        assertEquals("call-1", sent.path("callId").asText());
        assertEquals("sip:+441234567890@carrier.example", sent.path("caller").asText());
        assertEquals("Bearer t0ken", authorizations.get(0));
    }

    @Test
    void amountsMayBeMinorUnitsOrNumbersAndCurrencyAndDescriptionAreOptional() throws Exception {
        answer = "{\"amountMinor\": 1999}";
        assertEquals(new AmountLookup.Result.Found(Amount.of(1999, "GBP"), null), ask());
        answer = "{\"amount\": 7.1}";
        assertEquals(new AmountLookup.Result.Found(Amount.of(710, "GBP"), null), ask());
    }

    @Test
    void notFoundOrZeroMeansNothingIsDue() throws Exception {
        status = 404;
        answer = "";
        assertInstanceOf(AmountLookup.Result.NothingDue.class, ask());
        status = 200;
        answer = "{\"amount\": \"0.00\"}";
        assertInstanceOf(AmountLookup.Result.NothingDue.class, ask());
    }

    @Test
    void unusableAnswersAreFailuresWithAReasonAndNeverEchoTheBody() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"amount\": \"25.505\"}", "at most 2 decimal places",
                "{\"amount\": \"-5.00\"}", "not usable",
                "{\"amountMinor\": -5}", "negative",
                "{\"amount\": \"5.00\", \"currency\": \"EUR\"}", "currency other than GBP",
                "{\"amount\": \"5.00\", \"amountMinor\": 500}", "one of amount",
                "{\"amount\": true}", "one of amount",
                "[1, 2]", "not a JSON object",
                "{\"amount\": \"5.00\", \"description\": \"line\\nbreak\"}", "printable",
                "card 4111111111111111", "not JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            answer = c.getKey();
            AmountLookup.Result r = ask();
            AmountLookup.Result.Failed f = assertInstanceOf(AmountLookup.Result.Failed.class, r, c.getKey());
            assertTrue(f.reason().contains(c.getValue()), c.getKey() + " -> " + f.reason());
            assertTrue(!f.reason().contains("4111"), f.reason());
        }
        status = 503;
        answer = "{\"amount\": \"5.00\"}";
        assertEquals(new AmountLookup.Result.Failed("the service answered HTTP 503"), ask());
        status = 200;
        answer = "{\"description\": \"" + "x".repeat(AmountLookup.MAX_ANSWER_BYTES) + "\"}";
        assertEquals(new AmountLookup.Result.Failed("the answer is larger than 16384 bytes"), ask());
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsAFailureAtTheTimeout() throws Exception {
        hang = true;
        long t0 = System.nanoTime();
        AmountLookup.Result r = lookup.lookUp(target(Duration.ofMillis(300)), GBP, "account", "call-1", "sip:a@b")
                .get(10, TimeUnit.SECONDS);
        assertInstanceOf(AmountLookup.Result.Failed.class, r);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the caller is not kept waiting past the timeout");
    }

    @Test
    void aServiceThatCannotBeReachedIsAFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        AmountLookup.Target nowhere = new AmountLookup.Target(URI.create("http://127.0.0.1:" + closed + "/due"),
                Duration.ofSeconds(2), Map.of());
        AmountLookup.Result r = lookup.lookUp(nowhere, GBP, "account", "call-1", "sip:a@b").get(10, TimeUnit.SECONDS);
        assertEquals(new AmountLookup.Result.Failed("the service cannot be reached"), r);
    }
}
