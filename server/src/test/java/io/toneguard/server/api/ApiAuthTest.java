package io.toneguard.server.api;

import static io.toneguard.server.api.AgentApiFixture.ADMIN_TOKEN;
import static io.toneguard.server.api.AgentApiFixture.ALICE_TOKEN;
import static io.toneguard.server.api.AgentApiFixture.BOB_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.server.config.ApiSettings.Account;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: 401 without a known token, 403 for admin routes, 404 for another agent's call; each refusal audited. */
class ApiAuthTest {
    private AgentApiFixture f;

    @BeforeEach
    void start() {
        f = new AgentApiFixture();
        f.desk.addCall("call-a", "alice", "sip:+441632960001@carrier.example");
        f.desk.addCall("call-b", "bob", "sip:+441632960002@carrier.example");
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void noTokenIs401WithAChallengeAndAnAuditLine() {
        HttpResponse<String> r = f.get("/api/v1/calls", null);
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.headers().toString());
        JsonNode body = f.json(r);
        assertEquals("unauthorized", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("Bearer"), body.toString());
        String line = onlyAuditLine();
        assertTrue(line.contains("status=401") && line.contains("who=-") && line.contains("path=/api/v1/calls")
                && line.contains("remote=127.0.0.1") && line.contains("method=GET"), line);
    }

    @Test
    void aWrongTokenOrSchemeIs401AndTheTokenIsNeverLogged() {
        assertEquals(401, f.get("/api/v1/calls", "not-a-configured-token-at-all").statusCode());
        HttpResponse<String> basic = f.send(f.request("/api/v1/calls", null).header("Authorization", "Basic YWxpY2U6cHc=").GET().build());
        assertEquals(401, basic.statusCode());
        // a prefix of a real token is no token
        assertEquals(401, f.get("/api/v1/calls", ALICE_TOKEN.substring(0, ALICE_TOKEN.length() - 1)).statusCode());
        assertEquals(3, f.auditLines().size(), f.auditLines().toString());
        for (String line : f.auditLines()) {
            assertFalse(line.contains("not-a-configured") || line.contains("YWxpY2U") || line.contains("0123456789abcde"), line);
        }
    }

    @Test
    void everyApiPathNeedsAToken() {
        for (String path : List.of("/api/v1/openapi.json", "/api/v1/captures/cap-1", "/api/v1/payments", "/api/v1/no-such-thing")) {
            assertEquals(401, f.get(path, null).statusCode(), path);
        }
        assertEquals(401, f.post("/api/v1/calls/call-a/captures", null, "{}").statusCode());
        assertEquals(404, f.get("/api/v1/no-such-thing", ALICE_TOKEN).statusCode());
    }

    @Test
    void anAgentSeesOnlyTheirCallsAndAnAdminSeesAll() {
        JsonNode alice = f.json(f.get("/api/v1/calls", ALICE_TOKEN));
        assertEquals(1, alice.size());
        assertEquals("call-a", alice.get(0).get("id").asText());
        assertEquals(2, f.json(f.get("/api/v1/calls", ADMIN_TOKEN)).size());
        assertTrue(f.auditLines().isEmpty(), f.auditLines().toString());
    }

    @Test
    void anotherAgentsCallIs404AndAudited() {
        HttpResponse<String> r = f.post("/api/v1/calls/call-b/captures", ALICE_TOKEN,
                "{\"kind\":\"card\",\"amount\":\"10.00\",\"currency\":\"GBP\"}");
        assertEquals(404, r.statusCode());
        assertEquals("notFound", f.json(r).get("error").asText());
        String line = onlyAuditLine();
        assertTrue(line.contains("status=404") && line.contains("who=alice") && line.contains("path=/api/v1/calls/call-b/captures"), line);
    }

    @Test
    void bindingIsForAdminsOnly403ForAgents() {
        HttpResponse<String> r = f.post("/api/v1/calls/call-a/bind", ALICE_TOKEN, "{\"agent\":\"alice\"}");
        assertEquals(403, r.statusCode());
        assertEquals("forbidden", f.json(r).get("error").asText());
        String line = onlyAuditLine();
        assertTrue(line.contains("status=403") && line.contains("who=alice") && line.contains("path=/api/v1/calls/call-a/bind"), line);

        HttpResponse<String> ok = f.post("/api/v1/calls/call-a/bind", ADMIN_TOKEN, "{\"agent\":\"bob\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("bob", f.json(ok).get("agent").asText());
        assertEquals(2, f.json(f.get("/api/v1/calls", BOB_TOKEN)).size());
    }

    @Test
    void withNoTokensConfiguredEverythingIsRefused() {
        f.close();
        f = new AgentApiFixture(AgentApiFixture.settings(List.of(), List.of()));
        assertEquals(401, f.get("/api/v1/calls", ALICE_TOKEN).statusCode());
        assertEquals(401, f.get("/api/v1/calls", "").statusCode());
        assertEquals(401, f.get("/api/v1/calls", null).statusCode());
    }

    @Test
    void aWebSocketUpgradeWithoutAValidTokenIs401() {
        for (String[] protocols : List.of(new String[] {"toneguard.v1"}, new String[] {"toneguard.v1", "bearer.wrong-token-0123456789"})) {
            WebSocket.Builder b = f.http.newWebSocketBuilder().subprotocols(protocols[0],
                    java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
            CompletionException e = assertThrows(CompletionException.class,
                    () -> b.buildAsync(f.uri("/api/v1/events").resolve("ws://127.0.0.1:" + f.api.port() + "/api/v1/events"),
                            new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join());
            WebSocketHandshakeException h = (WebSocketHandshakeException) e.getCause();
            assertEquals(401, h.getResponse().statusCode());
        }
        assertEquals(0, f.desk.subscriberCount());
        assertEquals(2, f.auditLines().size(), f.auditLines().toString());
        assertTrue(f.auditLines().get(1).contains("path=/api/v1/events"), f.auditLines().toString());
        assertFalse(f.auditLines().get(1).contains("wrong-token"), f.auditLines().toString());
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCors() {
        HttpRequest crossOrigin = f.request("/api/v1/calls", ALICE_TOKEN).header("Origin", "https://evil.example").GET().build();
        for (HttpResponse<String> r : List.of(f.get("/api/v1/calls", null), f.send(crossOrigin), f.get("/", null))) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r.uri().toString());
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
        HttpResponse<String> preflight = f.send(f.request("/api/v1/calls", null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aTooLargeBodyIs413() {
        String big = "{\"kind\":\"card\",\"currency\":\"GBP\",\"amount\":\"1.00\",\"description\":\"" + "x".repeat(20_000) + "\"}";
        HttpResponse<String> r = f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, big);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("payloadTooLarge", f.json(r).get("error").asText());
    }

    private String onlyAuditLine() {
        List<String> lines = f.auditLines();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }
}
