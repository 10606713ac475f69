package io.toneguard.psp.sandbox;

import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.CardBrand;
import io.toneguard.psp.card.CardValidator;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.card.Validation;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.Operation;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded default gateway, so the product runs with no PSP account: the test cards listed in
 * {@code psp-connectors/SANDBOX.md} decide the outcome, any other valid card is approved.
 * Transactions live in memory; idempotency keys are honoured (the same key returns the first
 * answer), so retries are safe. Thread-safe.
 */
public final class SandboxGateway implements PaymentGateway {
    /** The gateway's name in configuration and audit. */
    public static final String NAME = "sandbox";

    private static final char[] ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final char[] AUTH_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final byte[] ACH_DECLINE_ROUTING = {0, 1, 1, 0, 0, 0, 0, 1, 5};

    private final SandboxConfig config;
    private final CardValidator validator;
    private final Object lock = new Object();
    private final Map<String, Answer> byIdempotencyKey = new HashMap<>();
    private final Map<String, Transaction> transactions = new HashMap<>();

    /** The sandbox with {@link SandboxConfig#DEFAULT}. */
    public SandboxGateway() {
        this(SandboxConfig.DEFAULT);
    }

    public SandboxGateway(SandboxConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.validator = new CardValidator(config.validation());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Always: the sandbox honours idempotency keys. */
    @Override
    public boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        return true;
    }

    @Override
    public PaymentResult execute(GatewayRequest request) {
        Objects.requireNonNull(request, "request");
        pause(randomDelay());
        String key = request.idempotencyKey();
        String fingerprint = request.operation() + "|" + request.reference();
        PaymentResult result;
        synchronized (lock) {
            Answer earlier = key == null || key.isEmpty() ? null : byIdempotencyKey.get(key);
            if (earlier != null) {
                return earlier.fingerprint.equals(fingerprint) ? earlier.result
                        : new PaymentResult.InvalidRequest("idempotency key already used for another request");
            }
            result = process(request);
            boolean answered = !(result instanceof PaymentResult.Timeout)
                    && !(result instanceof PaymentResult.GatewayError g && g.retryable());
            if (answered && key != null && !key.isEmpty()) {
                byIdempotencyKey.put(key, new Answer(fingerprint, result));
            }
        }
        if (result instanceof PaymentResult.Timeout) {
            pause(config.timeoutAfter());
        }
        return result;
    }

    private PaymentResult process(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale s) {
            return payByCard(s.card(), s.payment(), Kind.SALE);
        } else if (request instanceof GatewayRequest.Authorize a) {
            return payByCard(a.card(), a.payment(), Kind.AUTHORIZATION);
        } else if (request instanceof GatewayRequest.Tokenize t) {
            return tokenize(t.card());
        } else if (request instanceof GatewayRequest.AchDebit d) {
            return achDebit(d.account(), d.payment());
        } else if (request instanceof GatewayRequest.Capture c) {
            return capture(c.transactionId(), c.amount());
        } else if (request instanceof GatewayRequest.Void v) {
            return voidTransaction(v.transactionId());
        } else if (request instanceof GatewayRequest.Refund r) {
            return refund(r.transactionId(), r.amount(), r.lastFour());
        }
        return new PaymentResult.InvalidRequest("unsupported request");
    }

    private PaymentResult payByCard(Card card, PaymentRequest payment, Kind kind) {
        if (payment.amount().minorUnits() == 0) {
            return new PaymentResult.InvalidRequest("amount must be more than zero");
        }
        PaymentResult refused = checkCard(card);
        if (refused != null) {
            return refused;
        }
        String tx = newId("sbx_", 24);
        String auth = authCode();
        transactions.put(tx, new Transaction(kind, payment.amount(), lastFour(card.number()), auth));
        return new PaymentResult.Approved(tx, auth, null);
    }

    private PaymentResult tokenize(Card card) {
        PaymentResult refused = checkCard(card);
        if (refused != null) {
            return refused;
        }
        return new PaymentResult.Approved(newId("sbx_", 24), null, newId("sbxtok_", 24));
    }

    /** Null when the card may be charged, else the answer. */
    private PaymentResult checkCard(Card card) {
        SensitiveDigits pan = card.number();
        Validation number = validator.cardNumber(pan);
        if (!number.isValid()) {
            return new PaymentResult.InvalidRequest(number.agentMessage());
        }
        Validation expiry = validator.expiry(card.expiry());
        if (expiry.reason() == Validation.Reason.EXPIRED) {
            return new PaymentResult.Declined("expired card", "expired_card");
        } else if (!expiry.isValid()) {
            return new PaymentResult.InvalidRequest(expiry.agentMessage());
        }
        CardBrand brand = CardBrand.detect(pan).orElseThrow();
        if (!card.securityCode().isEmpty()) {
            Validation code = validator.securityCode(card.securityCode(), brand);
            if (!code.isValid()) {
                return new PaymentResult.InvalidRequest(code.agentMessage());
            }
        }
        SandboxCard test = SandboxCard.find(pan);
        if (test == null) {
            return null;
        }
        return switch (test.outcome()) {
            case APPROVE -> null;
            case DECLINE -> new PaymentResult.Declined(test.reason(), test.pspCode());
            case ERROR -> new PaymentResult.GatewayError(test.reason(), true);
            case TIMEOUT -> new PaymentResult.Timeout("the sandbox did not answer in time");
        };
    }

    private PaymentResult achDebit(BankAccount account, PaymentRequest payment) {
        if (payment.amount().minorUnits() == 0) {
            return new PaymentResult.InvalidRequest("amount must be more than zero");
        }
        Validation routing = validator.routingNumber(account.routingNumber());
        if (!routing.isValid()) {
            return new PaymentResult.InvalidRequest(routing.agentMessage());
        }
        SensitiveDigits acct = account.accountNumber();
        Validation number = validator.accountNumber(acct);
        if (!number.isValid()) {
            return new PaymentResult.InvalidRequest(number.agentMessage());
        }
        if (isAchDeclineRouting(account.routingNumber()) && endsWithFourZeros(acct)) {
            return new PaymentResult.Declined("insufficient funds", "R01");
        }
        String tx = newId("sbx_", 24);
        transactions.put(tx, new Transaction(Kind.SALE, payment.amount(), lastFour(acct), null));
        return new PaymentResult.Approved(tx, null, null);
    }

    private PaymentResult capture(String txId, Amount amount) {
        Transaction t = txId == null ? null : transactions.get(txId);
        if (t == null) {
            return unknown();
        }
        if (t.kind != Kind.AUTHORIZATION || t.state != State.AUTHORIZED) {
            return new PaymentResult.InvalidRequest("transaction cannot be captured (" + t.state.text + ")");
        }
        Amount take = amount == null ? t.amount : amount;
        if (!take.currency().equals(t.amount.currency())) {
            return new PaymentResult.InvalidRequest("currency does not match the authorization");
        }
        if (take.minorUnits() == 0 || take.minorUnits() > t.amount.minorUnits()) {
            return new PaymentResult.InvalidRequest("capture amount must be more than zero and at most the authorized amount");
        }
        t.state = State.CAPTURED;
        t.captured = take.minorUnits();
        return new PaymentResult.Approved(txId, t.authCode, null);
    }

    private PaymentResult voidTransaction(String txId) {
        Transaction t = txId == null ? null : transactions.get(txId);
        if (t == null) {
            return unknown();
        }
        if (t.state == State.VOIDED || t.refunded > 0) {
            return new PaymentResult.InvalidRequest("transaction cannot be voided (" + t.state.text
                    + (t.refunded > 0 ? ", refunded" : "") + ")");
        }
        t.state = State.VOIDED;
        return new PaymentResult.Approved(txId, t.authCode, null);
    }

    private PaymentResult refund(String txId, Amount amount, String lastFour) {
        Transaction t = txId == null ? null : transactions.get(txId);
        if (t == null) {
            return unknown();
        }
        if (t.state != State.CAPTURED) {
            return new PaymentResult.InvalidRequest("transaction cannot be refunded (" + t.state.text + ")");
        }
        if (lastFour != null && !lastFour.equals(t.lastFour)) {
            return new PaymentResult.InvalidRequest("last four digits do not match the transaction");
        }
        long remaining = t.captured - t.refunded;
        Amount give = amount == null ? new Amount(remaining, t.amount.currency()) : amount;
        if (!give.currency().equals(t.amount.currency())) {
            return new PaymentResult.InvalidRequest("currency does not match the transaction");
        }
        if (give.minorUnits() == 0 || give.minorUnits() > remaining) {
            return new PaymentResult.InvalidRequest("refund amount must be more than zero and at most what is left to refund");
        }
        t.refunded += give.minorUnits();
        return new PaymentResult.Approved(newId("sbx_", 24), null, null);
    }

    private static PaymentResult unknown() {
        return new PaymentResult.InvalidRequest("unknown transaction");
    }

    private static boolean isAchDeclineRouting(SensitiveDigits routing) {
        if (routing.length() != ACH_DECLINE_ROUTING.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < ACH_DECLINE_ROUTING.length; i++) {
            diff |= routing.digit(i) ^ ACH_DECLINE_ROUTING[i];
        }
        return diff == 0;
    }

    private static boolean endsWithFourZeros(SensitiveDigits account) {
        int n = account.length();
        return n >= 4 && account.number(n - 4, n) == 0;
    }

    /** The last four digits (allowed outside the buffer: they are not card data), or null if fewer. */
    private static String lastFour(SensitiveDigits digits) {
        int n = digits.length();
        if (n < 4) {
            return null;
        }
        return new String(new char[] {digits.charAt(n - 4), digits.charAt(n - 3), digits.charAt(n - 2), digits.charAt(n - 1)});
    }

    private String newId(String prefix, int randomChars) {
        StringBuilder sb = new StringBuilder(prefix.length() + randomChars).append(prefix);
        for (int i = 0; i < randomChars; i++) {
            sb.append(ALPHANUMERIC[config.random().nextInt(ALPHANUMERIC.length)]);
        }
        return sb.toString();
    }

    private String authCode() {
        char[] c = new char[6];
        for (int i = 0; i < c.length; i++) {
            c[i] = AUTH_CODE_CHARS[config.random().nextInt(AUTH_CODE_CHARS.length)];
        }
        return new String(c);
    }

    private Duration randomDelay() {
        long min = config.minDelay().toMillis();
        long max = config.maxDelay().toMillis();
        return Duration.ofMillis(max <= min ? min : min + (long) (config.random().nextDouble() * (max - min + 1)));
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Kind { SALE, AUTHORIZATION }

    private enum State {
        AUTHORIZED("authorized, not captured"), CAPTURED("captured"), VOIDED("voided");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    /** The first answer given for an idempotency key, and what it was for. */
    private record Answer(String fingerprint, PaymentResult result) {
    }

    /** A sandbox transaction; no card data beyond the last four. */
    private static final class Transaction {
        final Kind kind;
        final Amount amount;
        final String lastFour;
        final String authCode;
        State state;
        long captured;
        long refunded;

        Transaction(Kind kind, Amount amount, String lastFour, String authCode) {
            this.kind = kind;
            this.amount = amount;
            this.lastFour = lastFour;
            this.authCode = authCode;
            this.state = kind == Kind.SALE ? State.CAPTURED : State.AUTHORIZED;
            this.captured = kind == Kind.SALE ? amount.minorUnits() : 0;
        }
    }
}
