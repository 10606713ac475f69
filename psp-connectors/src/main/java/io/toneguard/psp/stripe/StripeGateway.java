package io.toneguard.psp.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.internal.PspHttp;
import io.toneguard.psp.internal.PspText;
import io.toneguard.psp.internal.SecretBody;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stripe: sale and authorization as a confirmed PaymentIntent with the card in
 * {@code payment_method_data}, capture, cancel (void), refund, and card tokenization as a
 * PaymentMethod. Every POST carries the request's idempotency key as {@code Idempotency-Key},
 * which Stripe honours for 24 hours, so timeouts and transient errors are retried safely.
 * Raw card numbers on the API need Stripe to enable raw card data for the account.
 */
public final class StripeGateway implements PaymentGateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STRIPE_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

    private final StripeConfig config;
    private final PspHttp http;

    public StripeGateway(StripeConfig config) {
        this.config = config;
        this.http = new PspHttp(config.connectTimeout(), config.readTimeout());
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public boolean supports(Operation op) {
        return op != Operation.ACH_DEBIT;
    }

    /** Stripe replays the first answer for a repeated Idempotency-Key: transient failures are safe to retry. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        boolean keyed = request.idempotencyKey() != null && !request.idempotencyKey().isEmpty();
        return keyed && failure.isTransient();
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale s) {
            return paymentIntent(s.card(), s.payment(), "automatic", s.idempotencyKey());
        } else if (request instanceof GatewayRequest.Authorize a) {
            return paymentIntent(a.card(), a.payment(), "manual", a.idempotencyKey());
        } else if (request instanceof GatewayRequest.Capture c) {
            return capture(c);
        } else if (request instanceof GatewayRequest.Void v) {
            return cancel(v);
        } else if (request instanceof GatewayRequest.Refund r) {
            return refund(r);
        } else if (request instanceof GatewayRequest.Tokenize t) {
            return tokenize(t);
        }
        return new PaymentResult.InvalidRequest("stripe connector does not support " + request.operation());
    }

    private PaymentResult paymentIntent(Card card, PaymentRequest payment, String captureMethod, String key) {
        try (SecretBody body = SecretBody.form()) {
            body.field("amount", payment.amount().minorUnits())
                    .field("currency", payment.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                    .field("confirm", "true")
                    .field("capture_method", captureMethod)
                    .field("payment_method_types[]", "card")
                    // a caller on the phone cannot do 3-D Secure: fail the attempt instead of leaving it waiting
                    .field("error_on_requires_action", "true")
                    .field("payment_method_data[type]", "card");
            cardFields(body, card, "payment_method_data[card]", "payment_method_data[billing_details][address][postal_code]");
            if (payment.description() != null && !payment.description().isBlank()) {
                body.field("description", payment.description());
            }
            body.field("metadata[reference]", payment.reference());
            return post("/v1/payment_intents", body.toBytes(), key, Kind.PAYMENT_INTENT);
        }
    }

    private PaymentResult capture(GatewayRequest.Capture c) {
        if (!STRIPE_ID.matcher(nullToEmpty(c.transactionId())).matches()) {
            return new PaymentResult.InvalidRequest("not a Stripe PaymentIntent id");
        }
        try (SecretBody body = SecretBody.form()) {
            if (c.amount() != null) {
                body.field("amount_to_capture", c.amount().minorUnits());
            }
            return post("/v1/payment_intents/" + c.transactionId() + "/capture", body.toBytes(), c.idempotencyKey(), Kind.PAYMENT_INTENT);
        }
    }

    private PaymentResult cancel(GatewayRequest.Void v) {
        if (!STRIPE_ID.matcher(nullToEmpty(v.transactionId())).matches()) {
            return new PaymentResult.InvalidRequest("not a Stripe PaymentIntent id");
        }
        return post("/v1/payment_intents/" + v.transactionId() + "/cancel", new byte[0], v.idempotencyKey(), Kind.CANCEL);
    }

    private PaymentResult refund(GatewayRequest.Refund r) {
        String id = nullToEmpty(r.transactionId());
        if (!STRIPE_ID.matcher(id).matches()) {
            return new PaymentResult.InvalidRequest("not a Stripe PaymentIntent or Charge id");
        }
        try (SecretBody body = SecretBody.form()) {
            body.field(id.startsWith("ch_") ? "charge" : "payment_intent", id);
            if (r.amount() != null) {
                body.field("amount", r.amount().minorUnits());
            }
            return post("/v1/refunds", body.toBytes(), r.idempotencyKey(), Kind.REFUND);
        }
    }

    private PaymentResult tokenize(GatewayRequest.Tokenize t) {
        try (SecretBody body = SecretBody.form()) {
            body.field("type", "card");
            cardFields(body, t.card(), "card", "billing_details[address][postal_code]");
            if (t.customerReference() != null && !t.customerReference().isBlank()) {
                body.field("metadata[reference]", t.customerReference());
            }
            return post("/v1/payment_methods", body.toBytes(), t.idempotencyKey(), Kind.PAYMENT_METHOD);
        }
    }

    /** number, exp_month (MM), exp_year (YYYY), cvc and postcode, straight from the zeroable buffers. */
    private static void cardFields(SecretBody body, Card card, String prefix, String postcodeField) {
        body.digits(prefix + "[number]", card.number());
        body.digits(prefix + "[exp_month]", card.expiry(), 0, 2);
        try (SensitiveDigits year = fourDigitYear(card.expiry())) {
            body.digits(prefix + "[exp_year]", year);
        }
        if (!card.securityCode().isEmpty()) {
            body.digits(prefix + "[cvc]", card.securityCode());
        }
        if (!card.postcode().isEmpty()) {
            body.digits(postcodeField, card.postcode());
        }
    }

    /** "20YY" from MMYY, in a zeroable buffer (Stripe documents exp_year as four digits). */
    static SensitiveDigits fourDigitYear(SensitiveDigits mmyy) {
        SensitiveDigits year = SensitiveDigits.empty();
        year.append('2');
        year.append('0');
        year.append(mmyy.charAt(2));
        year.append(mmyy.charAt(3));
        return year;
    }

    private enum Kind { PAYMENT_INTENT, CANCEL, REFUND, PAYMENT_METHOD }

    private PaymentResult post(String path, byte[] body, String idempotencyKey, Kind kind) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + config.secretKey());
        headers.put("Stripe-Version", StripeConfig.API_VERSION);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (idempotencyKey != null && !idempotencyKey.isEmpty()) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        PspHttp.Outcome outcome = http.send("POST", URI.create(config.baseUri().toString().replaceAll("/+$", "") + path), headers, body);
        if (outcome instanceof PspHttp.TimedOut t) {
            return new PaymentResult.Timeout(t.message());
        } else if (outcome instanceof PspHttp.Failed f) {
            return new PaymentResult.GatewayError(f.message(), true);
        }
        return answer((PspHttp.Answer) outcome, kind);
    }

    private static PaymentResult answer(PspHttp.Answer a, Kind kind) {
        JsonNode json;
        try {
            json = JSON.readTree(a.body());
        } catch (IOException e) {
            json = null;
        }
        if (a.status() == 200) {
            return json == null ? new PaymentResult.GatewayError("unreadable answer from Stripe", false) : success(json, kind);
        }
        return failure(a, json);
    }

    private static PaymentResult success(JsonNode json, Kind kind) {
        String id = text(json, "id");
        String status = text(json, "status");
        return switch (kind) {
            case PAYMENT_METHOD -> id == null ? new PaymentResult.GatewayError("no PaymentMethod id in Stripe's answer", false)
                    : new PaymentResult.Approved(id, null, id);
            case REFUND -> switch (nullToEmpty(status)) {
                case "succeeded", "pending" -> new PaymentResult.Approved(id, null, null);
                case "failed", "canceled" -> new PaymentResult.Declined(
                        "refund " + status + (text(json, "failure_reason") == null ? "" : ": " + text(json, "failure_reason")),
                        text(json, "failure_reason"));
                default -> new PaymentResult.GatewayError("refund in unexpected status " + PspText.clean(status, "(none)"), false);
            };
            case CANCEL -> "canceled".equals(status) ? new PaymentResult.Approved(id, null, null)
                    : new PaymentResult.GatewayError("PaymentIntent not canceled (status " + PspText.clean(status, "none") + ")", false);
            case PAYMENT_INTENT -> paymentIntentStatus(json, id, status);
        };
    }

    private static PaymentResult paymentIntentStatus(JsonNode json, String id, String status) {
        switch (nullToEmpty(status)) {
            case "succeeded", "requires_capture" -> {
                String charge = text(json, "latest_charge");
                return new PaymentResult.Approved(id, charge != null ? charge : id, null);
            }
            case "requires_payment_method" -> {
                JsonNode err = json.path("last_payment_error");
                return new PaymentResult.Declined(PspText.clean(text(err, "message"), "card declined"),
                        firstNonNull(text(err, "decline_code"), text(err, "code")));
            }
            case "requires_action" -> {
                return new PaymentResult.Declined("the card needs 3-D Secure authentication, which a phone payment cannot do",
                        "authentication_required");
            }
            default -> {
                return new PaymentResult.GatewayError("PaymentIntent in unexpected status " + PspText.clean(status, "(none)"), false);
            }
        }
    }

    private static PaymentResult failure(PspHttp.Answer a, JsonNode json) {
        JsonNode err = json == null ? null : json.path("error");
        String type = text(err, "type");
        String code = text(err, "code");
        String message = PspText.clean(text(err, "message"), "HTTP " + a.status());
        String shouldRetry = a.header("Stripe-Should-Retry");
        int s = a.status();
        if (s == 401) {
            // Stripe's message echoes part of the key: say nothing of it
            return new PaymentResult.GatewayError("Stripe rejected the API key (HTTP 401)", false);
        }
        if (s == 403) {
            return new PaymentResult.GatewayError("the API key may not do this (HTTP 403)", false);
        }
        if (s == 402 || "card_error".equals(type)) {
            return new PaymentResult.Declined(message, firstNonNull(text(err, "decline_code"), code));
        }
        if ("idempotency_error".equals(type)) {
            return new PaymentResult.GatewayError("idempotency key reused with other parameters: " + message, false);
        }
        if (s == 409 || s == 424 || s == 429 || s >= 500) {
            boolean retry = !"false".equalsIgnoreCase(shouldRetry);
            return new PaymentResult.GatewayError(message + " (HTTP " + s + ")", retry);
        }
        if (s == 400 || s == 404) {
            return new PaymentResult.InvalidRequest(message);
        }
        return new PaymentResult.GatewayError(message + " (HTTP " + s + ")", "true".equalsIgnoreCase(shouldRetry));
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "StripeGateway[" + config.baseUri() + "]";
    }
}
