package io.toneguard.harness.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An agent's side of the API over real HTTP and WebSocket, as a desktop would use it. Keeps every
 * response body and every event message as received, so tests can search them for card data.
 */
final class AgentClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    /** Every response body and event message, raw. */
    final List<String> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private WebSocket socket;

    AgentClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        received.add(r.body());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    /** Opens the event stream and waits for its first message. */
    AgentClient listen() throws Exception {
        socket = http.newWebSocketBuilder().subprotocols("toneguard.v1", "bearer." + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + base.substring(base.lastIndexOf(':') + 1) + "/api/v1/events"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    String text = partial.toString();
                                    partial.setLength(0);
                                    received.add(text);
                                    try {
                                        events.add(JSON.readTree(text));
                                    } catch (IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        JsonNode first = nextEvent(Duration.ofSeconds(5));
        if (!"subscribed".equals(first.path("type").asText())) {
            throw new AssertionError("the event stream did not start with subscribed: " + first);
        }
        return this;
    }

    JsonNode nextEvent(Duration wait) throws InterruptedException {
        JsonNode e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + wait);
        }
        return e;
    }

    /** The next event if one comes within {@code wait}, else null. */
    JsonNode pollEvent(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
