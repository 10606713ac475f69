package io.toneguard.server.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toneguard.server.config.ApiSettings;
import io.toneguard.server.config.ApiSettings.Account;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/** An {@link AgentApi} on an ephemeral loopback port over a {@link FakeAgentDesk}, with an HTTP client and the audit log captured. */
final class AgentApiFixture implements AutoCloseable {
    static final String ALICE_TOKEN = "alice-0123456789abcdef";
    static final String BOB_TOKEN = "bob-0123456789abcdef01";
    static final String ADMIN_TOKEN = "admin-0123456789abcdef";

    final FakeAgentDesk desk = new FakeAgentDesk();
    final AgentApi api;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper mapper = new ObjectMapper();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    AgentApiFixture() {
        this(settings(List.of(new Account("alice", ALICE_TOKEN), new Account("bob", BOB_TOKEN)),
                List.of(new Account("ops", ADMIN_TOKEN))));
    }

    AgentApiFixture(ApiSettings settings) {
        audit.start();
        ((Logger) LoggerFactory.getLogger(ApiAudit.LOGGER)).addAppender(audit);
        api = AgentApi.start(settings, desk);
    }

    static ApiSettings settings(List<Account> agents, List<Account> admins) {
        return new ApiSettings(true, "127.0.0.1", 0, 16384, 5, agents, admins);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(request(path, token).header("Content-Type", "application/json").POST(body).build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + r, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode json(HttpResponse<String> r) {
        try {
            return mapper.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Lines written to the audit.api logger so far. */
    List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        api.close();
        ((Logger) LoggerFactory.getLogger(ApiAudit.LOGGER)).detachAppender(audit);
    }
}
