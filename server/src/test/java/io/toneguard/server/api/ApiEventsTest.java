package io.toneguard.server.api;

import static io.toneguard.server.api.AgentApiFixture.ALICE_TOKEN;
import static io.toneguard.server.api.AgentApiFixture.BOB_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.server.capture.CaptureField;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event WebSocket: subprotocol authentication, each event as JSON in order, only one's own, closed with the socket. */
class ApiEventsTest {
    private AgentApiFixture f;

    @BeforeEach
    void start() {
        f = new AgentApiFixture();
        f.desk.addCall("call-a", "alice", "sip:+441632960001@carrier.example");
        f.desk.addCall("call-b", "bob", "sip:+441632960002@carrier.example");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** A socket whose text messages land in a queue. */
    private final class Socket implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final WebSocket ws;
        private final StringBuilder partial = new StringBuilder();

        Socket(String token) {
            ws = f.http.newWebSocketBuilder().subprotocols("toneguard.v1", "bearer." + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + f.api.port() + "/api/v1/events"), this)
                    .orTimeout(10, TimeUnit.SECONDS).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertTrue(m != null, "no event within 10 s");
            return f.mapper.readTree(m);
        }
    }

    @Test
    void eventsArriveAsJsonInOrder() throws Exception {
        Socket s = new Socket(ALICE_TOKEN);
        assertEquals("toneguard.v1", s.ws.getSubprotocol());
        JsonNode hello = s.next();
        assertEquals("subscribed", hello.get("type").asText());
        assertEquals("alice", hello.get("agent").asText());

        String id = f.json(f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN,
                "{\"kind\":\"card\",\"amount\":\"25.50\",\"currency\":\"GBP\",\"reference\":\"INV-7\"}")).get("id").asText();
        JsonNode started = s.next();
        assertEquals("captureStarted", started.get("type").asText());
        assertEquals(id, started.get("captureId").asText());
        assertEquals("call-a", started.get("callId").asText());
        assertEquals("card", started.get("kind").asText());
        assertEquals("25.50 GBP", started.get("amount").get("display").asText());
        assertEquals("INV-7", started.get("reference").asText());
        java.time.Instant.parse(started.get("at").asText());
        assertEquals("recordingPaused", s.next().get("type").asText());
        JsonNode fieldStarted = s.next();
        assertEquals("fieldStarted", fieldStarted.get("type").asText());
        assertEquals("cardNumber", fieldStarted.get("field").asText());

        for (int i = 1; i <= 16; i++) {
            f.desk.digits(id, CaptureField.CARD_NUMBER, i);
        }
        for (int i = 1; i <= 16; i++) {
            JsonNode p = s.next();
            assertEquals("digitProgress", p.get("type").asText());
            assertEquals(i, p.get("digits").asInt());
        }
        f.desk.obtained(id, CaptureField.CARD_NUMBER, "Visa", "•••• 4242", 16);
        JsonNode obtained = s.next();
        assertEquals("fieldObtained", obtained.get("type").asText());
        assertEquals("Visa", obtained.get("brand").asText());
        assertEquals("•••• 4242", obtained.get("masked").asText());
        f.desk.invalid(id, CaptureField.EXPIRY, "the card has expired");
        JsonNode invalid = s.next();
        assertEquals("fieldInvalid", invalid.get("type").asText());
        assertEquals("expiry", invalid.get("field").asText());
        assertEquals("the card has expired", invalid.get("reason").asText());
        s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void anAgentGetsOnlyTheirOwnCallsEvents() throws Exception {
        Socket bob = new Socket(BOB_TOKEN);
        assertEquals("subscribed", bob.next().get("type").asText());
        f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, "{\"kind\":\"card\",\"amount\":\"1.00\",\"currency\":\"GBP\"}");
        f.post("/api/v1/calls/call-b/captures", BOB_TOKEN, "{\"kind\":\"card\",\"amount\":\"2.00\",\"currency\":\"GBP\"}");
        JsonNode first = bob.next();
        assertEquals("captureStarted", first.get("type").asText());
        assertEquals("call-b", first.get("callId").asText());
    }

    @Test
    void closingTheSocketEndsTheSubscription() throws Exception {
        Socket s = new Socket(ALICE_TOKEN);
        s.next();
        assertEquals(1, f.desk.subscriberCount());
        s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (f.desk.subscriberCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, f.desk.subscriberCount());
        assertEquals(0, f.api.openEventStreams());
    }

    @Test
    void theServerPingsIdleSockets() throws Exception {
        BlockingQueue<String> pings = new LinkedBlockingQueue<>();
        WebSocket ws = f.http.newWebSocketBuilder().subprotocols("toneguard.v1", "bearer." + ALICE_TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + f.api.port() + "/api/v1/events"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
                        pings.add("ping");
                        return WebSocket.Listener.super.onPing(webSocket, message);
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
        // the fixture pings every 5 s
        assertEquals("ping", pings.poll(12, TimeUnit.SECONDS));
        ws.abort();
    }
}
