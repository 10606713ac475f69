package io.toneguard.psp.braintree;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Braintree over its GraphQL API. The raw card is first tokenized ({@code tokenizeCreditCard},
 * a single-use payment method), then charged ({@code chargeCreditCard}), authorized
 * ({@code authorizeCreditCard}) or vaulted ({@code vaultPaymentMethod}); follow-ups are
 * {@code captureTransaction}, {@code reverseTransaction} (void) and {@code refundTransaction}.
 *
 * <p>Retries: Braintree has no idempotency header. Its {@code apiRequestKey} input, sent here with
 * the request's idempotency key, returns the first result for a repeat with identical input, and
 * answers VALIDATION for a repeat while the first is in flight or with other input. A retried sale
 * tokenizes again, so its input differs and the answer would be a misleading VALIDATION error:
 * charges, authorizations and tokenizations are therefore never retried automatically
 * ({@link #retrySafe} false). Capture, void and refund repeat identical input and are retried
 * on timeouts and transient errors.
 */
public final class BraintreeGateway implements PaymentGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String TOKENIZE = "mutation TokenizeCreditCard($input: TokenizeCreditCardInput!) {"
            + " tokenizeCreditCard(input: $input) { paymentMethod { id } } }";
    static final String CHARGE = "mutation ChargeCreditCard($input: ChargeCreditCardInput!) {"
            + " chargeCreditCard(input: $input) { transaction { id legacyId status"
            + " processorResponse { legacyCode message authorizationId } } } }";
    static final String AUTHORIZE = "mutation AuthorizeCreditCard($input: AuthorizeCreditCardInput!) {"
            + " authorizeCreditCard(input: $input) { transaction { id legacyId status"
            + " processorResponse { legacyCode message authorizationId } } } }";
    static final String CAPTURE = "mutation CaptureTransaction($input: CaptureTransactionInput!) {"
            + " captureTransaction(input: $input) { transaction { id legacyId status"
            + " processorResponse { legacyCode message authorizationId } } } }";
    static final String REVERSE = "mutation ReverseTransaction($input: ReverseTransactionInput!) {"
            + " reverseTransaction(input: $input) { reversal { __typename"
            + " ... on Transaction { id status } ... on Refund { id status } } } }";
    static final String REFUND = "mutation RefundTransaction($input: RefundTransactionInput!) {"
            + " refundTransaction(input: $input) { refund { id status"
            + " processorAuthorizationResponse { legacyCode message } } } }";
    static final String VAULT = "mutation VaultPaymentMethod($input: VaultPaymentMethodInput!) {"
            + " vaultPaymentMethod(input: $input) { paymentMethod { id usage } verification { status } } }";

    private static final Set<String> APPROVED = Set.of("AUTHORIZED", "SUBMITTED_FOR_SETTLEMENT", "SETTLING", "SETTLED",
            "SETTLEMENT_PENDING", "SETTLEMENT_CONFIRMED");
    private static final Set<String> DECLINED = Set.of("PROCESSOR_DECLINED", "GATEWAY_REJECTED", "FAILED", "SETTLEMENT_DECLINED");

    private final BraintreeConfig config;
    private final PspHttp http;
    private final String authorization;

    public BraintreeGateway(BraintreeConfig config) {
        this.config = config;
        this.http = new PspHttp(config.connectTimeout(), config.readTimeout());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.publicKey() + ":" + config.privateKey()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "braintree";
    }

    @Override
    public boolean supports(Operation op) {
        return op != Operation.ACH_DEBIT;
    }

    /** Only capture, void and refund (identical input under the same apiRequestKey); never a charge. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        boolean followUp = request instanceof GatewayRequest.Capture || request instanceof GatewayRequest.Void
                || request instanceof GatewayRequest.Refund;
        boolean transientFailure = failure.isTransient();
        return followUp && transientFailure && request.idempotencyKey() != null && !request.idempotencyKey().isEmpty();
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale s) {
            return transact(CHARGE, "chargeCreditCard", s.card(), s.payment(), s.idempotencyKey());
        } else if (request instanceof GatewayRequest.Authorize a) {
            return transact(AUTHORIZE, "authorizeCreditCard", a.card(), a.payment(), a.idempotencyKey());
        } else if (request instanceof GatewayRequest.Capture c) {
            return capture(c);
        } else if (request instanceof GatewayRequest.Void v) {
            return reverse(v);
        } else if (request instanceof GatewayRequest.Refund r) {
            return refund(r);
        } else if (request instanceof GatewayRequest.Tokenize t) {
            return vault(t);
        }
        return new PaymentResult.InvalidRequest("braintree connector does not support " + request.operation());
    }

    private PaymentResult transact(String query, String field, Card card, PaymentRequest payment, String key) {
        Reply token = tokenize(card);
        String paymentMethodId = token.node == null ? null : text(token.node.path("paymentMethod"), "id");
        if (paymentMethodId == null) {
            return token.failureOr("no payment method id from tokenizeCreditCard");
        }
        try (SecretBody body = SecretBody.json()) {
            body.field("query", query).object("variables").object("input");
            body.field("paymentMethodId", paymentMethodId);
            apiRequestKey(body, key);
            body.object("transaction")
                    .field("amount", payment.amount().major().toPlainString())
                    .field("orderId", payment.reference());
            if (config.merchantAccountId() != null) {
                body.field("merchantAccountId", config.merchantAccountId());
            }
            body.end().end().end();
            return transaction(send(body.toBytes(), field), "transaction", false);
        }
    }

    /** tokenizeCreditCard: the card's digits go from their buffers into the variables, never a String. */
    private Reply tokenize(Card card) {
        try (SecretBody body = SecretBody.json()) {
            body.field("query", TOKENIZE).object("variables").object("input").object("creditCard");
            body.digits("number", card.number());
            body.digits("expirationMonth", card.expiry(), 0, 2);
            try (SensitiveDigits year = fourDigitYear(card.expiry())) {
                body.digits("expirationYear", year);
            }
            if (!card.securityCode().isEmpty()) {
                body.digits("cvv", card.securityCode());
            }
            if (!card.postcode().isEmpty()) {
                body.object("billingAddress").digits("postalCode", card.postcode()).end();
            }
            body.end().end().end();
            return send(body.toBytes(), "tokenizeCreditCard");
        }
    }

    private PaymentResult capture(GatewayRequest.Capture c) {
        try (SecretBody body = SecretBody.json()) {
            body.field("query", CAPTURE).object("variables").object("input");
            body.field("transactionId", nullToEmpty(c.transactionId()));
            apiRequestKey(body, c.idempotencyKey());
            if (c.amount() != null) {
                body.object("transaction").field("amount", c.amount().major().toPlainString()).end();
            }
            body.end().end();
            return transaction(send(body.toBytes(), "captureTransaction"), "transaction", false);
        }
    }

    private PaymentResult reverse(GatewayRequest.Void v) {
        try (SecretBody body = SecretBody.json()) {
            body.field("query", REVERSE).object("variables").object("input");
            body.field("transactionId", nullToEmpty(v.transactionId()));
            apiRequestKey(body, v.idempotencyKey());
            body.end().end();
            return transaction(send(body.toBytes(), "reverseTransaction"), "reversal", true);
        }
    }

    private PaymentResult refund(GatewayRequest.Refund r) {
        try (SecretBody body = SecretBody.json()) {
            body.field("query", REFUND).object("variables").object("input");
            body.field("transactionId", nullToEmpty(r.transactionId()));
            apiRequestKey(body, r.idempotencyKey());
            if (r.amount() != null) {
                body.object("refund").field("amount", r.amount().major().toPlainString()).end();
            }
            body.end().end();
            return transaction(send(body.toBytes(), "refundTransaction"), "refund", false);
        }
    }

    /** Tokenize, then vault: the vaulted (multi-use) payment method id is the token. */
    private PaymentResult vault(GatewayRequest.Tokenize t) {
        Reply token = tokenize(t.card());
        String paymentMethodId = token.node == null ? null : text(token.node.path("paymentMethod"), "id");
        if (paymentMethodId == null) {
            return token.failureOr("no payment method id from tokenizeCreditCard");
        }
        try (SecretBody body = SecretBody.json()) {
            body.field("query", VAULT).object("variables").object("input")
                    .field("paymentMethodId", paymentMethodId).end().end();
            Reply vaulted = send(body.toBytes(), "vaultPaymentMethod");
            String id = vaulted.node == null ? null : text(vaulted.node.path("paymentMethod"), "id");
            if (id != null) {
                return new PaymentResult.Approved(id, null, id);
            }
            String verification = vaulted.node == null ? null : text(vaulted.node.path("verification"), "status");
            if (verification != null && !"VERIFIED".equals(verification)) {
                return new PaymentResult.Declined("card verification " + verification.toLowerCase().replace('_', ' '), verification);
            }
            return vaulted.failureOr("no payment method id from vaultPaymentMethod");
        }
    }

    private static void apiRequestKey(SecretBody body, String key) {
        if (key != null && !key.isEmpty()) {
            body.field("apiRequestKey", key);
        }
    }

    /** "20YY" from MMYY, in a zeroable buffer. */
    static SensitiveDigits fourDigitYear(SensitiveDigits mmyy) {
        SensitiveDigits year = SensitiveDigits.empty();
        year.append('2');
        year.append('0');
        year.append(mmyy.charAt(2));
        year.append(mmyy.charAt(3));
        return year;
    }

    /** The mutation's payload node (may be null), and what went wrong if anything. */
    private record Reply(JsonNode node, PaymentResult failure) {
        PaymentResult failureOr(String message) {
            return failure != null ? failure : new PaymentResult.GatewayError(message, false);
        }
    }

    private Reply send(byte[] body, String field) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Braintree-Version", config.version());
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        PspHttp.Outcome outcome = http.send("POST", config.baseUri(), headers, body);
        if (outcome instanceof PspHttp.TimedOut t) {
            return new Reply(null, new PaymentResult.Timeout(t.message()));
        } else if (outcome instanceof PspHttp.Failed f) {
            return new Reply(null, new PaymentResult.GatewayError(f.message(), true));
        }
        PspHttp.Answer a = (PspHttp.Answer) outcome;
        JsonNode json;
        try {
            json = JSON.readTree(a.body());
        } catch (IOException e) {
            json = null;
        }
        JsonNode errors = json == null ? null : json.get("errors");
        PaymentResult failure = errors != null && errors.isArray() && !errors.isEmpty() ? errors(errors) : null;
        int s = a.status();
        if (s == 401) {
            return new Reply(null, new PaymentResult.GatewayError("Braintree rejected the API keys (HTTP 401)", false));
        }
        if (s == 403) {
            return new Reply(null, new PaymentResult.GatewayError("the API keys may not do this (HTTP 403)", false));
        }
        if (s == 429 || s >= 500) {
            return new Reply(null, failure instanceof PaymentResult.GatewayError ? failure
                    : new PaymentResult.GatewayError("Braintree unavailable (HTTP " + s + ")", true));
        }
        if (s != 200 || json == null) {
            return new Reply(null, failure != null ? failure : new PaymentResult.GatewayError("unexpected answer from Braintree (HTTP " + s + ")", false));
        }
        JsonNode node = json.path("data").get(field);
        return new Reply(node == null || node.isNull() ? null : node, failure);
    }

    /** GraphQL errors by extensions.errorClass (the classes Braintree's own SDKs switch on). */
    private static PaymentResult errors(JsonNode errors) {
        JsonNode first = errors.get(0);
        String message = PspText.clean(text(first, "message"), "error without a message");
        String errorClass = text(first.path("extensions"), "errorClass");
        return switch (errorClass == null ? "UNKNOWN" : errorClass) {
            case "VALIDATION", "NOT_FOUND" -> new PaymentResult.InvalidRequest(message);
            case "AUTHENTICATION" -> new PaymentResult.GatewayError("Braintree rejected the API keys", false);
            case "AUTHORIZATION" -> new PaymentResult.GatewayError("the API keys may not do this: " + message, false);
            case "UNSUPPORTED_CLIENT" -> new PaymentResult.GatewayError("Braintree-Version or client no longer supported: " + message, false);
            case "INTERNAL", "SERVICE_AVAILABILITY", "RESOURCE_LIMIT" -> new PaymentResult.GatewayError(message + " (" + errorClass + ")", true);
            default -> new PaymentResult.GatewayError(message, false);
        };
    }

    /** Maps the transaction (or refund, or reversal) in the payload by its status. */
    private static PaymentResult transaction(Reply reply, String key, boolean voidAllowed) {
        JsonNode tx = reply.node == null ? null : reply.node.get(key);
        String status = tx == null ? null : text(tx, "status");
        if (status == null) {
            return reply.failureOr("no " + key + " in Braintree's answer");
        }
        JsonNode processor = tx.has("processorResponse") ? tx.path("processorResponse") : tx.path("processorAuthorizationResponse");
        if (APPROVED.contains(status) || voidAllowed && "VOIDED".equals(status)) {
            return new PaymentResult.Approved(text(tx, "id"), text(processor, "authorizationId"), null);
        }
        if (DECLINED.contains(status)) {
            String reason = PspText.clean(text(processor, "message"), status.toLowerCase().replace('_', ' '));
            String code = text(processor, "legacyCode");
            return new PaymentResult.Declined(reason, code != null ? code : status);
        }
        return new PaymentResult.GatewayError("transaction in unexpected status " + status, false);
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "BraintreeGateway[" + config.baseUri() + "]";
    }
}
