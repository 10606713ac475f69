package io.toneguard.server.api;

import static io.toneguard.server.api.AgentApiFixture.ADMIN_TOKEN;
import static io.toneguard.server.api.AgentApiFixture.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.StartCapture;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each REST route over real HTTP: what it answers, its JSON shape, and the 400s for bad input. */
class ApiRoutesTest {
    private static final String CARD = "{\"kind\":\"card\",\"amount\":\"25.50\",\"currency\":\"GBP\",\"reference\":\"INV-1001\",\"description\":\"Annual plan\"}";
    private AgentApiFixture f;

    @BeforeEach
    void start() {
        f = new AgentApiFixture();
        f.desk.addCall("call-a", "alice", "sip:+441632960001@carrier.example");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void callsAreListedWithIsoInstants() {
        JsonNode call = f.json(f.get("/api/v1/calls", ALICE_TOKEN)).get(0);
        assertEquals("call-a", call.get("id").asText());
        assertEquals("alice", call.get("agent").asText());
        assertEquals("2026-01-05T09:30:00Z", call.get("startedAt").asText());
        assertTrue(call.get("captureId").isNull());
    }

    @Test
    void startingACaptureAnswers201WithTheCaptureView() {
        HttpResponse<String> r = f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, CARD);
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode v = f.json(r);
        assertEquals("/api/v1/captures/" + v.get("id").asText(), r.headers().firstValue("Location").orElse(""));
        assertEquals("card", v.get("kind").asText());
        assertEquals("collecting", v.get("state").asText());
        assertEquals(2550, v.get("amount").get("minor").asLong());
        assertEquals("GBP", v.get("amount").get("currency").asText());
        assertEquals("25.50 GBP", v.get("amount").get("display").asText());
        assertEquals("INV-1001", v.get("reference").asText());
        assertEquals("cardNumber", v.get("activeField").asText());
        assertEquals(4, v.get("fields").size());
        JsonNode first = v.get("fields").get(0);
        assertEquals("cardNumber", first.get("field").asText());
        assertEquals("entering", first.get("state").asText());
        assertTrue(first.get("required").asBoolean());
        Instant.parse(v.get("startedAt").asText());
    }

    @Test
    void theRequestIsParsedIntoTheContract() {
        String body = "{\"kind\":\"bankAccount\",\"amountMinor\":1999,\"currency\":\"usd\",\"required\":[\"accountNumber\",\"routingNumber\"],"
                + "\"firstField\":\"routingNumber\"}";
        assertEquals(201, f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, body).statusCode());
        StartCapture s = f.desk.lastStart;
        assertEquals(CaptureKind.BANK_ACCOUNT, s.kind());
        assertEquals(1999, s.amount().minorUnits());
        assertEquals("USD", s.amount().currency().getCurrencyCode());
        assertEquals(EnumSet.of(CaptureField.ROUTING_NUMBER, CaptureField.ACCOUNT_NUMBER), s.required());
        assertEquals(CaptureField.ROUTING_NUMBER, s.firstField());
        assertNull(s.reference());
        f.desk.addCall("call-y", "alice", "sip:+441632960009@carrier.example");
        assertEquals(201, f.post("/api/v1/calls/call-y/captures", ALICE_TOKEN, "{\"kind\":\"card\",\"amount\":\"1500\",\"currency\":\"JPY\"}").statusCode());
        assertEquals(1500, f.desk.lastStart.amount().minorUnits());
    }

    @Test
    void badInputIs400WithAClearMessage() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"kind\":\"card\",", "not valid JSON"),
                Map.entry("[1,2]", "JSON object"),
                Map.entry("", "JSON body is required"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\",\"currency\":\"GBP\",\"tip\":1}", "unknown field 'tip'"),
                Map.entry("{\"kind\":\"cash\",\"amount\":\"1.00\",\"currency\":\"GBP\"}", "unknown capture kind 'cash'"),
                Map.entry("{\"amount\":\"1.00\",\"currency\":\"GBP\"}", "kind is required"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"12,50\",\"currency\":\"GBP\"}", "decimal number"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"-5\",\"currency\":\"GBP\"}", "decimal number"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.005\",\"currency\":\"GBP\"}", "at most 2 decimal places"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"0.00\",\"currency\":\"GBP\"}", "more than zero"),
                Map.entry("{\"kind\":\"card\",\"amount\":25.5,\"currency\":\"GBP\"}", "'amount' has the wrong type"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\",\"amountMinor\":100,\"currency\":\"GBP\"}", "either as amount"),
                Map.entry("{\"kind\":\"card\",\"currency\":\"GBP\"}", "either as amount"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\",\"currency\":\"XYZ\"}", "unknown currency 'XYZ'"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\"}", "currency is required"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\",\"currency\":\"GBP\",\"required\":[\"routingNumber\"]}", "not a field of a card"),
                Map.entry("{\"kind\":\"card\",\"amount\":\"1.00\",\"currency\":\"GBP\",\"firstField\":\"pin\"}", "unknown field 'pin'"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            JsonNode e = f.json(r);
            assertEquals("badRequest", e.get("error").asText());
            assertTrue(e.get("message").asText().contains(c.getValue()), c.getKey() + " -> " + e);
            assertFalse(r.body().contains("Exception") || r.body().contains("at io."), r.body());
        }
    }

    @Test
    void fieldActionsProcessAndPayments() {
        String id = f.json(f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, CARD)).get("id").asText();
        JsonNode got = f.json(f.get("/api/v1/captures/" + id, ALICE_TOKEN));
        assertEquals(id, got.get("id").asText());

        HttpResponse<String> notReady = f.post("/api/v1/captures/" + id + "/process", ALICE_TOKEN, null);
        assertEquals(409, notReady.statusCode());
        assertEquals("conflict", f.json(notReady).get("error").asText());

        f.desk.obtained(id, CaptureField.CARD_NUMBER, "Visa", "•••• 4242", 16);
        JsonNode cleared = f.json(f.post("/api/v1/captures/" + id + "/fields/cardNumber/clear", ALICE_TOKEN, null));
        assertEquals("waiting", cleared.get("fields").get(0).get("state").asText());
        JsonNode requested = f.json(f.post("/api/v1/captures/" + id + "/fields/expiry/request", ALICE_TOKEN, null));
        assertEquals("expiry", requested.get("activeField").asText());
        HttpResponse<String> badField = f.post("/api/v1/captures/" + id + "/fields/pin/request", ALICE_TOKEN, null);
        assertEquals(400, badField.statusCode());
        assertTrue(f.json(badField).get("message").asText().contains("unknown field 'pin'"));

        for (CaptureField field : CaptureKind.CARD.fields()) {
            f.desk.obtained(id, field, field == CaptureField.CARD_NUMBER ? "Visa" : null, field == CaptureField.SECURITY_CODE ? null : "••••", 4);
        }
        JsonNode processing = f.json(f.post("/api/v1/captures/" + id + "/process", ALICE_TOKEN, null));
        assertEquals("processing", processing.get("state").asText());
        f.desk.approve(id, "txn_123", "A1B2C3");

        HttpResponse<String> payments = f.get("/api/v1/payments?limit=5", ALICE_TOKEN);
        assertEquals(200, payments.statusCode(), payments.body());
        JsonNode p = f.json(payments).get(0);
        assertEquals("approved", p.get("status").asText());
        assertEquals(2550, p.get("amount").get("minor").asLong());
        assertEquals("25.50 GBP", p.get("amount").get("display").asText());
        assertEquals("txn_123", p.get("transactionId").asText());
        assertEquals("submitted", p.get("history").get(0).get("status").asText());
        for (String bad : new String[] {"0", "501", "ten"}) {
            assertEquals(400, f.get("/api/v1/payments?limit=" + bad, ALICE_TOKEN).statusCode(), bad);
        }
        assertEquals(1, f.json(f.get("/api/v1/payments", ADMIN_TOKEN)).size());
    }

    @Test
    void cancelAndUnknownCapture() {
        String id = f.json(f.post("/api/v1/calls/call-a/captures", ALICE_TOKEN, CARD)).get("id").asText();
        assertEquals("cancelled", f.json(f.post("/api/v1/captures/" + id + "/cancel", ALICE_TOKEN, null)).get("state").asText());
        assertEquals(409, f.post("/api/v1/captures/" + id + "/cancel", ALICE_TOKEN, null).statusCode());
        assertEquals(404, f.get("/api/v1/captures/nope", ALICE_TOKEN).statusCode());
    }

    @Test
    void anUnexpectedFailureIs500WithoutDetails() {
        HttpResponse<String> r = f.get("/api/v1/calls", ALICE_TOKEN);
        assertEquals(200, r.statusCode());
        HttpResponse<String> broken = f.post("/api/v1/calls/" + FakeAgentDesk.BROKEN_CALL + "/captures", ALICE_TOKEN, CARD);
        assertEquals(500, broken.statusCode());
        assertEquals("{\"error\":\"internal\",\"message\":\"internal error\"}", broken.body());
    }

    @Test
    void theOpenApiDocumentIsServedAsJson() {
        HttpResponse<String> r = f.get("/api/v1/openapi.json", ALICE_TOKEN);
        assertEquals(200, r.statusCode());
        assertEquals("3.0.3", f.json(r).get("openapi").asText());
    }

    @Test
    void thePageIsServedAtTheRoot() {
        HttpResponse<String> page = f.get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/app.js\">"), page.body());
        HttpResponse<String> js = f.get("/app.js", null);
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
    }
}
