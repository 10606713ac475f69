package io.toneguard.psp.adyen;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.internal.PspHttp;
import io.toneguard.psp.internal.PspJson;
import io.toneguard.psp.internal.PspText;
import io.toneguard.psp.internal.SecretBody;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adyen Checkout API v71: {@code POST /payments} with raw card data as a MOTO payment (sale:
 * {@code captureDelayHours 0}; authorize: {@code additionalData.manualCapture}), zero-value auth
 * with {@code storePaymentMethod} to store a card, and {@code /payments/{pspReference}/captures},
 * {@code /cancels}, {@code /refunds}. Every request carries {@code X-API-Key} and
 * {@code Idempotency-Key}, so a retry with the same key is safe.
 */
public final class AdyenGateway implements PaymentGateway {
    private static final Pattern PSP_REFERENCE = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final AdyenConfig config;
    private final PspHttp http;

    public AdyenGateway(AdyenConfig config) {
        this.config = config;
        this.http = new PspHttp(config.connectTimeout(), config.readTimeout());
    }

    @Override
    public String name() {
        return "adyen";
    }

    @Override
    public boolean supports(Operation op) {
        return op != Operation.ACH_DEBIT;
    }

    /** Adyen honours {@code Idempotency-Key}: a resent request is answered, never processed twice. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        return request.idempotencyKey() != null && !request.idempotencyKey().isEmpty();
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale s) {
            return pay(s.card(), s.payment(), false, s.idempotencyKey());
        } else if (request instanceof GatewayRequest.Authorize a) {
            return pay(a.card(), a.payment(), true, a.idempotencyKey());
        } else if (request instanceof GatewayRequest.Tokenize t) {
            return storeCard(t);
        } else if (request instanceof GatewayRequest.Capture c) {
            return modify(c.transactionId(), "captures", c.amount(), c.idempotencyKey());
        } else if (request instanceof GatewayRequest.Void v) {
            return modify(v.transactionId(), "cancels", null, v.idempotencyKey());
        } else if (request instanceof GatewayRequest.Refund r) {
            return modify(r.transactionId(), "refunds", r.amount(), r.idempotencyKey());
        }
        return new PaymentResult.InvalidRequest("adyen does not support " + request.operation());
    }

    private PaymentResult pay(Card card, PaymentRequest payment, boolean manualCapture, String key) {
        if (card.expiry().length() != 4) {
            return new PaymentResult.InvalidRequest("card expiry must be MMYY");
        }
        try (SecretBody body = SecretBody.json()) {
            amount(body, payment.amount().minorUnits(), payment.amount().currency().getCurrencyCode());
            body.field("reference", payment.reference());
            body.field("merchantAccount", config.merchantAccount());
            card(body, card);
            body.field("shopperInteraction", "Moto");
            if (manualCapture) {
                body.object("additionalData").field("manualCapture", "true").end();
            } else {
                body.field("captureDelayHours", 0);
            }
            return PspText.scrub(payment(send("/payments", body.toBytes(), key)), card.number(), card.securityCode());
        }
    }

    /** Zero-value authorisation that stores the card for later (card-on-file) payments. */
    private PaymentResult storeCard(GatewayRequest.Tokenize t) {
        if (t.card().expiry().length() != 4) {
            return new PaymentResult.InvalidRequest("card expiry must be MMYY");
        }
        if (t.customerReference() == null || t.customerReference().isBlank()) {
            return new PaymentResult.InvalidRequest("a customer reference is needed to store a card");
        }
        try (SecretBody body = SecretBody.json()) {
            amount(body, 0, config.zeroAuthCurrency().getCurrencyCode());
            body.field("reference", t.customerReference());
            body.field("merchantAccount", config.merchantAccount());
            card(body, t.card());
            body.field("shopperInteraction", "Moto");
            body.field("recurringProcessingModel", "CardOnFile");
            body.field("storePaymentMethod", true);
            body.field("shopperReference", t.customerReference());
            return PspText.scrub(payment(send("/payments", body.toBytes(), t.idempotencyKey())), t.card().number(),
                    t.card().securityCode());
        }
    }

    private PaymentResult modify(String pspReference, String what, Amount amount, String key) {
        if (pspReference == null || !PSP_REFERENCE.matcher(pspReference).matches()) {
            return new PaymentResult.InvalidRequest("not an Adyen pspReference");
        }
        if (amount == null && !"cancels".equals(what)) {
            return new PaymentResult.InvalidRequest("Adyen needs the amount for " + what);
        }
        try (SecretBody body = SecretBody.json()) {
            body.field("merchantAccount", config.merchantAccount());
            if (amount != null) {
                amount(body, amount.minorUnits(), amount.currency().getCurrencyCode());
            }
            return modification(send("/payments/" + pspReference + "/" + what, body.toBytes(), key));
        }
    }

    private static void amount(SecretBody body, long value, String currency) {
        body.object("amount").field("currency", currency).field("value", value).end();
    }

    /** Raw card fields ({@code type scheme}), for PCI DSS level 1 merchants. */
    private static void card(SecretBody body, Card card) {
        body.object("paymentMethod").field("type", "scheme");
        body.digits("number", card.number());
        body.digits("expiryMonth", card.expiry(), 0, 2);
        body.digitsPattern("expiryYear", "20#2#3", card.expiry());
        if (!card.securityCode().isEmpty()) {
            body.digits("cvc", card.securityCode());
        }
        body.end();
    }

    private PspHttp.Outcome send(String path, byte[] body, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("X-API-Key", config.apiKey());
        if (key != null && !key.isEmpty()) {
            headers.put("Idempotency-Key", key);
        }
        return http.send("POST", URI.create(stripSlash(config.baseUri().toString()) + path), headers, body);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Maps a /payments answer. */
    private static PaymentResult payment(PspHttp.Outcome outcome) {
        if (!(outcome instanceof PspHttp.Answer a)) {
            return transportFailure(outcome);
        }
        JsonNode json = PspJson.parse(a.body());
        if (a.status() != 200) {
            return error(a.status(), json);
        }
        String resultCode = PspJson.text(json, "resultCode");
        String psp = PspJson.text(json, "pspReference");
        if (resultCode == null) {
            return new PaymentResult.GatewayError("unreadable answer from Adyen", false);
        }
        return switch (resultCode) {
            case "Authorised" -> new PaymentResult.Approved(psp, PspJson.text(json, "additionalData.authCode"), token(json));
            case "Refused" -> new PaymentResult.Declined(PspText.clean(PspJson.text(json, "refusalReason"), "Refused"),
                    PspJson.text(json, "refusalReasonCode"));
            case "Cancelled" -> new PaymentResult.Declined("Cancelled", PspJson.text(json, "refusalReasonCode"));
            case "Error" -> new PaymentResult.InvalidRequest(PspText.clean(PspJson.text(json, "refusalReason"), "Error"));
            case "Received", "Pending" -> new PaymentResult.GatewayError(
                    "Adyen has not decided yet (" + resultCode + "); the outcome follows by webhook", false);
            default -> new PaymentResult.InvalidRequest(
                    "Adyen asks for a shopper action (" + PspText.clean(resultCode, "?") + "), not possible on a MOTO payment");
        };
    }

    /** The stored card's token from a zero-value auth (v68+ name first, then the older one). */
    private static String token(JsonNode json) {
        String t = PspJson.text(json, "additionalData.tokenization.storedPaymentMethodId");
        return t != null ? t : PspJson.text(json, "additionalData.recurring.recurringDetailReference");
    }

    /** Maps a modification answer: 201 with status "received" means Adyen took it (the outcome comes by webhook). */
    private static PaymentResult modification(PspHttp.Outcome outcome) {
        if (!(outcome instanceof PspHttp.Answer a)) {
            return transportFailure(outcome);
        }
        JsonNode json = PspJson.parse(a.body());
        if (a.status() != 200 && a.status() != 201) {
            return error(a.status(), json);
        }
        if ("received".equals(PspJson.text(json, "status"))) {
            return new PaymentResult.Approved(PspJson.text(json, "pspReference"), null, null);
        }
        return new PaymentResult.GatewayError("unexpected answer from Adyen: status "
                + PspText.clean(PspJson.text(json, "status"), "missing"), false);
    }

    /** Maps Adyen's ServiceError (status, errorCode, message, errorType). */
    private static PaymentResult error(int status, JsonNode json) {
        String code = PspJson.text(json, "errorCode");
        String message = PspText.clean(PspJson.text(json, "message"), "HTTP " + status);
        String text = code == null ? message : message + " (" + code + ")";
        if (status == 401 || status == 403) {
            return new PaymentResult.GatewayError("Adyen refused the credentials: " + text, false);
        }
        if (status == 429 || status >= 500 || "704".equals(code)) {
            // 704: a request with this Idempotency-Key is still in progress
            return new PaymentResult.GatewayError("Adyen is unavailable: " + text, true);
        }
        return new PaymentResult.InvalidRequest(text);
    }

    private static PaymentResult transportFailure(PspHttp.Outcome outcome) {
        if (outcome instanceof PspHttp.TimedOut t) {
            return new PaymentResult.Timeout(t.message());
        }
        return new PaymentResult.GatewayError(((PspHttp.Failed) outcome).message(), true);
    }

    @Override
    public String toString() {
        return "AdyenGateway[" + config + "]";
    }
}
