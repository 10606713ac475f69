package io.toneguard.psp.authorizenet;

import com.fasterxml.jackson.databind.JsonNode;
import io.toneguard.psp.card.BankAccount;
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
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authorize.Net {@code createTransactionRequest} in JSON. The API reads the JSON in the order of
 * its XML schema, so every element is written in schema order. Authorize.Net has no idempotency
 * key (the {@code refId} we send is only echoed back; duplicates are only caught by its duplicate
 * window), so a retry after a timeout could charge twice: {@link #retrySafe} is false.
 */
public final class AuthorizeNetGateway implements PaymentGateway {
    private static final Pattern TRANS_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern LAST_FOUR = Pattern.compile("[0-9]{4}");
    /** Response reason codes that mean "a processing error occurred, try again" rather than a bad request. */
    private static final Set<String> PROCESSING_ERRORS = Set.of("19", "20", "21", "22", "23", "25", "26", "57", "58",
            "59", "60", "61", "62", "63", "120", "121", "122");

    private final AuthorizeNetConfig config;
    private final PspHttp http;

    public AuthorizeNetGateway(AuthorizeNetConfig config) {
        this.config = config;
        this.http = new PspHttp(config.connectTimeout(), config.readTimeout());
    }

    @Override
    public String name() {
        return "authorizenet";
    }

    /** Everything but Tokenize (which is a customer profile, another API call). */
    @Override
    public boolean supports(Operation op) {
        return op != Operation.TOKENIZE;
    }

    /** Never: no idempotency key, so a resent request may be a second charge. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        return false;
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale s) {
            return card("authCaptureTransaction", s.card(), s.payment(), s.idempotencyKey());
        } else if (request instanceof GatewayRequest.Authorize a) {
            return card("authOnlyTransaction", a.card(), a.payment(), a.idempotencyKey());
        } else if (request instanceof GatewayRequest.Capture c) {
            return followUp("priorAuthCaptureTransaction", c.transactionId(), c.amount(), null, c.idempotencyKey());
        } else if (request instanceof GatewayRequest.Void v) {
            return followUp("voidTransaction", v.transactionId(), null, null, v.idempotencyKey());
        } else if (request instanceof GatewayRequest.Refund r) {
            if (r.lastFour() == null || !LAST_FOUR.matcher(r.lastFour()).matches()) {
                return new PaymentResult.InvalidRequest("Authorize.Net needs the card's last four digits to refund");
            }
            if (r.amount() == null) {
                return new PaymentResult.InvalidRequest("Authorize.Net needs the amount to refund");
            }
            return followUp("refundTransaction", r.transactionId(), r.amount(), r.lastFour(), r.idempotencyKey());
        } else if (request instanceof GatewayRequest.AchDebit d) {
            return ach(d.account(), d.payment(), d.idempotencyKey());
        }
        return new PaymentResult.InvalidRequest("authorizenet does not support " + request.operation());
    }

    private PaymentResult card(String type, Card card, PaymentRequest payment, String key) {
        if (card.expiry().length() != 4) {
            return new PaymentResult.InvalidRequest("card expiry must be MMYY");
        }
        try (SecretBody body = start(key)) {
            body.field("transactionType", type);
            body.field("amount", amount(payment.amount()));
            body.object("payment").object("creditCard");
            body.digits("cardNumber", card.number());
            body.digitsPattern("expirationDate", "20#2#3-#0#1", card.expiry());
            if (!card.securityCode().isEmpty()) {
                body.digits("cardCode", card.securityCode());
            }
            body.end().end();
            order(body, payment);
            if (!card.postcode().isEmpty()) {
                body.object("billTo").digits("zip", card.postcode()).end();
            }
            return PspText.scrub(answer(send(body)), card.number(), card.securityCode());
        }
    }

    /**
     * eCheck.Net debit of a checking account. Authorize.Net requires the name on the account: it is
     * taken from the payment's description (at most 22 characters).
     */
    private PaymentResult ach(BankAccount account, PaymentRequest payment, String key) {
        String name = payment.description();
        if (name == null || name.isBlank()) {
            return new PaymentResult.InvalidRequest("an ACH debit needs the name on the account (payment description)");
        }
        try (SecretBody body = start(key)) {
            body.field("transactionType", "authCaptureTransaction");
            body.field("amount", amount(payment.amount()));
            body.object("payment").object("bankAccount");
            body.field("accountType", "checking");
            body.digits("routingNumber", account.routingNumber());
            body.digits("accountNumber", account.accountNumber());
            body.field("nameOnAccount", name.length() > 22 ? name.substring(0, 22) : name);
            body.field("echeckType", config.echeckType());
            body.end().end();
            order(body, payment);
            return PspText.scrub(answer(send(body)), account.accountNumber(), account.routingNumber());
        }
    }

    private PaymentResult followUp(String type, String transId, Amount amount, String lastFour, String key) {
        if (transId == null || !TRANS_ID.matcher(transId).matches()) {
            return new PaymentResult.InvalidRequest("not an Authorize.Net transaction id");
        }
        try (SecretBody body = start(key)) {
            body.field("transactionType", type);
            if (amount != null) {
                body.field("amount", amount(amount));
            }
            if (lastFour != null) {
                body.object("payment").object("creditCard")
                        .field("cardNumber", lastFour).field("expirationDate", "XXXX").end().end();
            }
            body.field("refTransId", transId);
            return answer(send(body));
        }
    }

    /** {"createTransactionRequest": {merchantAuthentication, refId, transactionRequest: {... */
    private SecretBody start(String key) {
        SecretBody body = SecretBody.json();
        body.object("createTransactionRequest");
        body.object("merchantAuthentication")
                .field("name", config.apiLoginId())
                .field("transactionKey", config.transactionKey())
                .end();
        String refId = refId(key);
        if (refId != null) {
            body.field("refId", refId);
        }
        body.object("transactionRequest");
        return body;
    }

    /** The idempotency key as a refId (at most 20 characters); echoed back, for tracing only. */
    static String refId(String key) {
        if (key == null) {
            return null;
        }
        String s = key.replaceAll("[^A-Za-z0-9]", "");
        return s.isEmpty() ? null : s.substring(0, Math.min(20, s.length()));
    }

    private static void order(SecretBody body, PaymentRequest payment) {
        body.object("order").field("invoiceNumber", cut(payment.reference(), 20));
        if (payment.description() != null && !payment.description().isBlank()) {
            body.field("description", cut(payment.description(), 255));
        }
        body.end();
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** "25.50": major units, in the account's currency (Authorize.Net takes no other). */
    private static String amount(Amount amount) {
        return amount.major().toPlainString();
    }

    private PspHttp.Outcome send(SecretBody body) {
        return http.send("POST", config.baseUri(), Map.of("Content-Type", "application/json", "Accept", "application/json"),
                body.toBytes());
    }

    /** Maps a createTransactionResponse (a UTF-8 BOM before it is skipped). */
    private static PaymentResult answer(PspHttp.Outcome outcome) {
        if (outcome instanceof PspHttp.TimedOut t) {
            return new PaymentResult.Timeout(t.message());
        }
        if (outcome instanceof PspHttp.Failed f) {
            return new PaymentResult.GatewayError(f.message(), false);
        }
        PspHttp.Answer a = (PspHttp.Answer) outcome;
        if (a.status() != 200) {
            return new PaymentResult.GatewayError("Authorize.Net answered HTTP " + a.status(), false);
        }
        JsonNode json = PspJson.parse(a.body());
        if (json == null) {
            return new PaymentResult.GatewayError("unreadable answer from Authorize.Net", false);
        }
        String responseCode = PspJson.text(json, "transactionResponse.responseCode");
        if (responseCode != null) {
            return transaction(json, responseCode);
        }
        String code = PspJson.text(json, "messages.message.0.code");
        String text = PspText.clean(PspJson.text(json, "messages.message.0.text"), "no message");
        if ("Ok".equals(PspJson.text(json, "messages.resultCode"))) {
            return new PaymentResult.GatewayError("Authorize.Net answered without a transaction response", false);
        }
        if ("E00007".equals(code) || "E00008".equals(code)) {
            return new PaymentResult.GatewayError("Authorize.Net refused the credentials: " + text + " (" + code + ")", false);
        }
        if ("E00001".equals(code)) {
            return new PaymentResult.GatewayError(text + " (" + code + ")", false);
        }
        return new PaymentResult.InvalidRequest(text + (code == null ? "" : " (" + code + ")"));
    }

    /** responseCode 1 approved, 2 declined, 3 error, 4 held for review. */
    private static PaymentResult transaction(JsonNode json, String responseCode) {
        String errorCode = PspJson.text(json, "transactionResponse.errors.0.errorCode");
        String errorText = PspText.clean(PspJson.text(json, "transactionResponse.errors.0.errorText"), null);
        return switch (responseCode) {
            case "1" -> new PaymentResult.Approved(PspJson.text(json, "transactionResponse.transId"),
                    emptyToNull(PspJson.text(json, "transactionResponse.authCode")), null);
            case "2" -> new PaymentResult.Declined(errorText == null ? "This transaction has been declined." : errorText, errorCode);
            case "4" -> new PaymentResult.Declined("held for review", errorCode);
            default -> {
                String message = (errorText == null ? "error" : errorText) + (errorCode == null ? "" : " (" + errorCode + ")");
                yield errorCode != null && PROCESSING_ERRORS.contains(errorCode) ? new PaymentResult.GatewayError(message, false)
                        : new PaymentResult.InvalidRequest(message);
            }
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "AuthorizeNetGateway[" + config + "]";
    }
}
