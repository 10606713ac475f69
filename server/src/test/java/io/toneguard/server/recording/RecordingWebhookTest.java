package io.toneguard.server.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external recorder webhook against real HTTP servers on loopback. */
class RecordingWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private RecordingWebhook webhook;

    record Received(String path, Map<String, List<String>> headers, JsonNode body, long atNanos) {
    }

    /** A server whose answer to the n-th request (from 1) is {@code status}; 0 means never answer. */
    private URI serve(ToIntFunction<Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        AtomicInteger n = new AtomicInteger();
        server.createContext("/", (HttpExchange ex) -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders(), JSON.readTree(body), System.nanoTime()));
            int code = status.applyAsInt(n.incrementAndGet());
            if (code == 0) {
                try {
                    release.await(30, TimeUnit.SECONDS); // hangs until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.sendResponseHeaders(code == 0 ? 200 : code, -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/recorder/events?token=abc");
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (webhook != null) {
            webhook.close(1000);
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private RecordingWebhook webhook(URI url, int attempts, long backoffMillis, long timeoutMillis, EnumSet<RecordingEvent> events) {
        webhook = new RecordingWebhook(new WebhookSettings(List.of(url), events, attempts, Duration.ofMillis(backoffMillis),
                Duration.ofMillis(timeoutMillis), Map.of("Authorization", "Bearer s3cret", "X-Tenant", "acme")), CLOCK);
        return webhook;
    }

    @Test
    void postsOneJsonObjectPerEventWithTheConfiguredHeaders() throws Exception {
        URI url = serve(n -> 204);
        RecordingWebhook.CallNotifier call = webhook(url, 3, 10, 2000, EnumSet.allOf(RecordingEvent.class)).forCall("call-7@host");
        assertTrue(call.send(RecordingEvent.PAUSED, "cap-1").get(5, TimeUnit.SECONDS));
        assertTrue(call.send(RecordingEvent.RESUMED, "cap-1").get(5, TimeUnit.SECONDS));
        assertEquals(2, received.size());
        Received r = received.get(0);
        assertEquals("/recorder/events", r.path());
        assertEquals("call-7@host", r.body().get("callId").asText());
        assertEquals("paused", r.body().get("event").asText());
        assertEquals("2025-01-02T03:04:05Z", r.body().get("at").asText());
        assertEquals("cap-1", r.body().get("captureId").asText());
        assertEquals(1, r.body().get("seq").asInt());
        assertEquals("resumed", received.get(1).body().get("event").asText());
        assertEquals(2, received.get(1).body().get("seq").asInt());
        assertEquals(List.of("Bearer s3cret"), r.headers().get("Authorization"));
        assertEquals(List.of("acme"), r.headers().get("X-tenant"));
        assertEquals(List.of("application/json"), r.headers().get("Content-type"));
        assertEquals(2, webhook.delivered());
        assertEquals(0, webhook.failed());
    }

    @Test
    void retriesWithBackoffUntilTheRecorderAccepts() throws Exception {
        URI url = serve(n -> n <= 2 ? 503 : 200);
        RecordingWebhook.CallNotifier call = webhook(url, 3, 100, 2000, EnumSet.allOf(RecordingEvent.class)).forCall("c1");
        long t0 = System.nanoTime();
        CompletableFuture<Boolean> done = call.send(RecordingEvent.PAUSED, "cap-9");
        assertTrue(System.nanoTime() - t0 < 50_000_000L, "send returns at once");
        assertTrue(done.get(10, TimeUnit.SECONDS));
        assertEquals(3, received.size());
        long firstGap = received.get(1).atNanos() - received.get(0).atNanos();
        long secondGap = received.get(2).atNanos() - received.get(1).atNanos();
        assertTrue(firstGap >= 90_000_000L, "backoff before retry 1: " + firstGap);
        assertTrue(secondGap >= 190_000_000L, "backoff doubles before retry 2: " + secondGap);
        received.forEach(r -> assertEquals(1, r.body().get("seq").asInt(), "the same event each time"));
        assertEquals(1, webhook.delivered());
        assertEquals(2, webhook.retries());
        assertEquals(0, webhook.failed());
    }

    @Test
    void aRecorderThatNeverAnswersTimesOutAndIsCountedAsFailed() throws Exception {
        URI url = serve(n -> 0);
        RecordingWebhook.CallNotifier call = webhook(url, 2, 50, 300, EnumSet.allOf(RecordingEvent.class)).forCall("c2");
        long t0 = System.nanoTime();
        CompletableFuture<Boolean> done = call.send(RecordingEvent.PAUSED, "cap-1");
        assertTrue(System.nanoTime() - t0 < 50_000_000L, "send returns at once");
        assertFalse(done.get(10, TimeUnit.SECONDS));
        long took = System.nanoTime() - t0;
        assertTrue(took >= 600_000_000L && took < 5_000_000_000L, "two 300 ms timeouts, took " + took / 1_000_000 + " ms");
        assertEquals(2, received.size());
        assertEquals(1, webhook.failed());
        assertEquals(0, webhook.delivered());
    }

    @Test
    void aRecorderThatIsDownIsRetriedThenGivenUp() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + freePort() + "/events");
        RecordingWebhook.CallNotifier call = webhook(url, 3, 10, 500, EnumSet.allOf(RecordingEvent.class)).forCall("c3");
        assertFalse(call.send(RecordingEvent.RESUMED, null).get(10, TimeUnit.SECONDS));
        assertEquals(1, webhook.failed());
        assertEquals(2, webhook.retries());
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        URI url = serve(n -> 400);
        RecordingWebhook.CallNotifier call = webhook(url, 5, 10, 2000, EnumSet.allOf(RecordingEvent.class)).forCall("c4");
        assertFalse(call.send(RecordingEvent.PAUSED, "cap").get(5, TimeUnit.SECONDS));
        assertEquals(1, received.size());
        assertEquals(1, webhook.failed());
    }

    @Test
    void eventsOfOneCallArriveInOrderEvenWhenTheFirstNeedsRetries() throws Exception {
        URI url = serve(n -> n <= 2 ? 500 : 200);
        RecordingWebhook.CallNotifier call = webhook(url, 3, 100, 2000, EnumSet.allOf(RecordingEvent.class)).forCall("c5");
        CompletableFuture<Boolean> paused = call.send(RecordingEvent.PAUSED, "cap");
        CompletableFuture<Boolean> resumed = call.send(RecordingEvent.RESUMED, "cap");
        assertTrue(resumed.get(10, TimeUnit.SECONDS));
        assertTrue(paused.isDone() && paused.get());
        assertEquals(List.of("paused", "paused", "paused", "resumed"),
                received.stream().map(r -> r.body().get("event").asText()).toList());
    }

    @Test
    void onlyTheConfiguredEventsAreSent() throws Exception {
        URI url = serve(n -> 200);
        RecordingWebhook.CallNotifier call = webhook(url, 1, 0, 2000, EnumSet.of(RecordingEvent.PAUSED, RecordingEvent.RESUMED))
                .forCall("c6");
        assertTrue(call.send(RecordingEvent.STARTED, null).get(5, TimeUnit.SECONDS));
        assertTrue(call.send(RecordingEvent.PAUSED, "x").get(5, TimeUnit.SECONDS));
        assertTrue(call.send(RecordingEvent.STOPPED, null).get(5, TimeUnit.SECONDS));
        assertEquals(1, received.size());
        assertEquals("paused", received.get(0).body().get("event").asText());
    }

    @Test
    void recordingsDriveTheWebhookForTheWholeCallEvenWithTheRecorderOff() throws Exception {
        URI url = serve(n -> 200);
        WebhookSettings hooks = new WebhookSettings(List.of(url), EnumSet.allOf(RecordingEvent.class), 2,
                Duration.ofMillis(10), Duration.ofSeconds(2), Map.of());
        try (Recordings recordings = Recordings.start(new RecordingSettings(RecordingMode.OFF, dir.resolve("unused"), hooks))) {
            CallRecording rec = recordings.open("call-42");
            rec.pause("cap-1");
            rec.pause("cap-1"); // repeated: not sent again
            rec.resume("cap-1");
            rec.resume("cap-1"); // repeated: not sent again
            rec.close();
        }
        assertEquals(List.of("started", "paused", "resumed", "stopped"),
                received.stream().map(r -> r.body().get("event").asText()).toList());
        received.forEach(r -> assertEquals("call-42", r.body().get("callId").asText()));
        assertTrue(received.get(0).body().get("captureId").isNull());
        assertFalse(java.nio.file.Files.exists(dir.resolve("unused")), "mode off creates no folder");
    }

    @Test
    void theLoggedUrlLeavesOutQueryAndUserInfo() {
        assertEquals("https://rec.example:8443/hook", RecordingWebhook.redacted(URI.create("https://u:p@rec.example:8443/hook?token=abc")));
        assertNotNull(RecordingWebhook.redacted(URI.create("http://h")));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
