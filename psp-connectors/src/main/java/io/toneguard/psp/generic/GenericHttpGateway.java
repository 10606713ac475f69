package io.toneguard.psp.generic;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.generic.GenericGatewayConfig.Auth;
import io.toneguard.psp.generic.GenericGatewayConfig.BodyType;
import io.toneguard.psp.generic.GenericGatewayConfig.Source;
import io.toneguard.psp.internal.PspHttp;
import io.toneguard.psp.internal.PspJson;
import io.toneguard.psp.internal.PspText;
import io.toneguard.psp.internal.SecretBody;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A gateway for any PSP with an HTTP API, configured by {@link GenericGatewayConfig}: card or bank
 * fields are mapped onto request fields and written straight from their zeroable buffers; the
 * answer is read by configured keys. Supports a sale, and an ACH debit when bank fields are mapped.
 */
public final class GenericHttpGateway implements PaymentGateway {
    private final GenericGatewayConfig config;
    private final PspHttp http;
    /** The JSON request layout: field name to a Source, a constant String, or a nested map. */
    private final Map<String, Object> tree;

    public GenericHttpGateway(GenericGatewayConfig config) {
        this.config = config;
        this.http = new PspHttp(config.connectTimeout(), config.readTimeout());
        this.tree = config.requestType() == BodyType.JSON ? tree(config) : null;
    }

    @Override
    public String name() {
        return config.name();
    }

    /** A sale when card fields are mapped, an ACH debit when bank fields are; nothing else. */
    @Override
    public boolean supports(Operation op) {
        return switch (op) {
            case SALE -> config.requestFields().containsValue(Source.CARD_NUMBER);
            case ACH_DEBIT -> config.requestFields().containsValue(Source.BANK_ACCOUNT_NUMBER);
            default -> false;
        };
    }

    /** Only when the configuration says the PSP honours the idempotency key header. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        return config.idempotentRetries() && request.idempotencyKey() != null && !request.idempotencyKey().isEmpty();
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        Card card = null;
        BankAccount bank = null;
        PaymentRequest payment;
        if (request instanceof GatewayRequest.Sale s && supports(Operation.SALE)) {
            card = s.card();
            payment = s.payment();
        } else if (request instanceof GatewayRequest.AchDebit d && supports(Operation.ACH_DEBIT)) {
            bank = d.account();
            payment = d.payment();
        } else {
            return new PaymentResult.InvalidRequest(config.name() + " does not support " + request.operation());
        }
        Values values = new Values(card, bank, payment, request.idempotencyKey());
        if (card != null && card.expiry().length() != 4 && config.requestFields().values().stream()
                .anyMatch(s -> s == Source.CARD_EXPIRY_MONTH || s == Source.CARD_EXPIRY_YEAR || s == Source.CARD_EXPIRY)) {
            return new PaymentResult.InvalidRequest("card expiry must be MMYY");
        }
        byte[] body;
        try (SecretBody b = config.requestType() == BodyType.JSON ? SecretBody.json() : SecretBody.form()) {
            if (tree != null) {
                writeTree(b, tree, values);
            } else {
                config.requestFields().forEach((name, source) -> write(b, name, source, values));
                config.constantFields().forEach(b::field);
            }
            body = b.toBytes();
        }
        PaymentResult result = answer(http.send(config.httpMethod(), config.serviceUri(), headers(request.idempotencyKey()), body));
        return card != null ? PspText.scrub(result, card.number(), card.securityCode())
                : PspText.scrub(result, bank.accountNumber(), bank.routingNumber());
    }

    private Map<String, String> headers(String key) {
        Map<String, String> h = new LinkedHashMap<>(config.headers());
        h.put("Content-Type", config.requestType() == BodyType.JSON ? "application/json" : "application/x-www-form-urlencoded");
        h.putIfAbsent("Accept", config.responseType() == BodyType.JSON ? "application/json" : "*/*");
        if (config.auth() instanceof Auth.Basic basic) {
            String pair = basic.user() + ":" + basic.password();
            h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else if (config.auth() instanceof Auth.Bearer bearer) {
            h.put("Authorization", "Bearer " + bearer.token());
        }
        if (config.idempotencyKeyHeader() != null && key != null && !key.isEmpty()) {
            h.put(config.idempotencyKeyHeader(), key);
        }
        return h;
    }

    /** What a request can send. */
    private record Values(Card card, BankAccount bank, PaymentRequest payment, String idempotencyKey) {
        @Override
        public String toString() {
            return "Values[redacted]";
        }
    }

    /**
     * Writes one mapped field. Empty captured fields (e.g. no postcode asked for) are left out, and
     * so are card fields in an ACH debit and bank fields in a sale, so one mapping can serve both.
     */
    private static void write(SecretBody b, String name, Source source, Values v) {
        if ((source.isCard() && v.card() == null) || (source.isBank() && v.bank() == null)) {
            return;
        }
        switch (source) {
            case CARD_NUMBER -> digits(b, name, v.card().number());
            case CARD_EXPIRY_MONTH -> b.digits(name, v.card().expiry(), 0, 2);
            case CARD_EXPIRY_YEAR -> b.digitsPattern(name, "20#2#3", v.card().expiry());
            case CARD_EXPIRY -> b.digits(name, v.card().expiry());
            case CARD_SECURITY_CODE -> digits(b, name, v.card().securityCode());
            case CARD_POSTCODE -> digits(b, name, v.card().postcode());
            case BANK_ROUTING_NUMBER -> digits(b, name, v.bank().routingNumber());
            case BANK_ACCOUNT_NUMBER -> digits(b, name, v.bank().accountNumber());
            case PAYMENT_AMOUNT -> b.field(name, v.payment().amount().minorUnits());
            case PAYMENT_AMOUNT_MAJOR -> b.rawJson(name, v.payment().amount().major().toPlainString());
            case PAYMENT_CURRENCY -> b.field(name, v.payment().amount().currency().getCurrencyCode());
            case PAYMENT_REFERENCE -> b.field(name, v.payment().reference());
            case PAYMENT_DESCRIPTION -> {
                if (v.payment().description() != null) {
                    b.field(name, v.payment().description());
                }
            }
            case IDEMPOTENCY_KEY -> {
                if (v.idempotencyKey() != null) {
                    b.field(name, v.idempotencyKey());
                }
            }
            default -> throw new IllegalStateException("unmapped source " + source);
        }
    }

    private static void digits(SecretBody b, String name, SensitiveDigits d) {
        if (!d.isEmpty()) {
            b.digits(name, d);
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeTree(SecretBody b, Map<String, Object> node, Values v) {
        node.forEach((name, value) -> {
            if (value instanceof Source s) {
                write(b, name, s, v);
            } else if (value instanceof String constant) {
                b.field(name, constant);
            } else {
                b.object(name);
                writeTree(b, (Map<String, Object>) value, v);
                b.end();
            }
        });
    }

    /** Dotted request field names become nested objects, in the order first named. */
    private static Map<String, Object> tree(GenericGatewayConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        config.requestFields().forEach((name, source) -> put(root, name, source));
        config.constantFields().forEach((name, value) -> put(root, name, value));
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String dotted, Object leaf) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw new IllegalArgumentException("request field " + dotted + " clashes with " + parts[i]);
            }
            node = (Map<String, Object>) child;
        }
        if (node.putIfAbsent(parts[parts.length - 1], leaf) != null) {
            throw new IllegalArgumentException("request field " + dotted + " is mapped twice");
        }
    }

    private PaymentResult answer(PspHttp.Outcome outcome) {
        if (outcome instanceof PspHttp.TimedOut t) {
            return new PaymentResult.Timeout(t.message());
        }
        if (outcome instanceof PspHttp.Failed f) {
            return new PaymentResult.GatewayError(f.message(), config.idempotentRetries());
        }
        PspHttp.Answer a = (PspHttp.Answer) outcome;
        Function<String, String> read = reader(a.body());
        String message = PspText.clean(config.messageKey() == null ? null : read.apply(config.messageKey()), null);
        int status = a.status();
        if (status == 401 || status == 403) {
            return new PaymentResult.GatewayError(config.name() + " refused the credentials (HTTP " + status + ")", false);
        }
        if (status == 429 || status >= 500) {
            return new PaymentResult.GatewayError(message != null ? message : "HTTP " + status, config.idempotentRetries());
        }
        boolean ok = status >= 200 && status < 300;
        if (ok && config.successValue().equals(read.apply(config.successKey()))) {
            return new PaymentResult.Approved(
                    config.transactionIdKey() == null ? null : PspText.identifier(read.apply(config.transactionIdKey())),
                    config.authorizationCodeKey() == null ? null : PspText.identifier(read.apply(config.authorizationCodeKey())),
                    null);
        }
        String text = message != null ? message : "HTTP " + status;
        if (config.declineKey() == null) {
            return ok ? new PaymentResult.Declined(text, null) : new PaymentResult.InvalidRequest(text);
        }
        String decline = read.apply(config.declineKey());
        if (decline != null && (config.declineValue() == null || config.declineValue().equals(decline))) {
            return new PaymentResult.Declined(text, PspText.clean(decline, null));
        }
        return status >= 400 ? new PaymentResult.InvalidRequest(text) : new PaymentResult.GatewayError(text, false);
    }

    /** Reads keys of the answer: dotted paths into JSON, or keys of a form-encoded body. */
    private Function<String, String> reader(byte[] body) {
        if (config.responseType() == BodyType.JSON) {
            JsonNode json = PspJson.parse(body);
            return key -> PspJson.text(json, key);
        }
        Map<String, String> form = new HashMap<>();
        String s = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                form.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is skipped
            }
        }
        return form::get;
    }

    @Override
    public String toString() {
        return "GenericHttpGateway[" + config + "]";
    }
}
