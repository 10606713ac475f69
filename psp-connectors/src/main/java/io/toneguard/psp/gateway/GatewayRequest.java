package io.toneguard.psp.gateway;

import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import java.util.Objects;

/**
 * One call to a payment gateway. The idempotency key identifies the payment attempt: a retried
 * request carries the same key, so the PSP never charges twice. Card data stays in its zeroable
 * buffers; {@link #toString()} of every variant is free of it.
 */
public sealed interface GatewayRequest {
    Operation operation();

    /** Key of this payment attempt (empty until the chain assigns one). */
    String idempotencyKey();

    /** The same request with another idempotency key. */
    GatewayRequest withIdempotencyKey(String key);

    /** The merchant reference for logs and audit, or the transaction id for follow-up operations. */
    String reference();

    record Sale(Card card, PaymentRequest payment, String idempotencyKey) implements GatewayRequest {
        public Sale {
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(payment, "payment");
        }

        public Operation operation() {
            return Operation.SALE;
        }

        public Sale withIdempotencyKey(String key) {
            return new Sale(card, payment, key);
        }

        public String reference() {
            return payment.reference();
        }

        @Override
        public String toString() {
            return "Sale[" + payment.reference() + ", " + payment.amount() + "]";
        }
    }

    record Authorize(Card card, PaymentRequest payment, String idempotencyKey) implements GatewayRequest {
        public Authorize {
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(payment, "payment");
        }

        public Operation operation() {
            return Operation.AUTHORIZE;
        }

        public Authorize withIdempotencyKey(String key) {
            return new Authorize(card, payment, key);
        }

        public String reference() {
            return payment.reference();
        }

        @Override
        public String toString() {
            return "Authorize[" + payment.reference() + ", " + payment.amount() + "]";
        }
    }

    /** Captures an earlier authorization, in full or in part. */
    record Capture(String transactionId, Amount amount, String idempotencyKey) implements GatewayRequest {
        public Operation operation() {
            return Operation.CAPTURE;
        }

        public Capture withIdempotencyKey(String key) {
            return new Capture(transactionId, amount, key);
        }

        public String reference() {
            return transactionId;
        }
    }

    record Void(String transactionId, String idempotencyKey) implements GatewayRequest {
        public Operation operation() {
            return Operation.VOID;
        }

        public Void withIdempotencyKey(String key) {
            return new Void(transactionId, key);
        }

        public String reference() {
            return transactionId;
        }
    }

    /**
     * Refunds a settled transaction, in full or in part. Some PSPs (Authorize.Net) need the card's
     * last four digits: {@code lastFour} carries them (never more), or null.
     */
    record Refund(String transactionId, Amount amount, String lastFour, String idempotencyKey) implements GatewayRequest {
        public Operation operation() {
            return Operation.REFUND;
        }

        public Refund withIdempotencyKey(String key) {
            return new Refund(transactionId, amount, lastFour, key);
        }

        public String reference() {
            return transactionId;
        }
    }

    record Tokenize(Card card, String customerReference, String idempotencyKey) implements GatewayRequest {
        public Operation operation() {
            return Operation.TOKENIZE;
        }

        public Tokenize withIdempotencyKey(String key) {
            return new Tokenize(card, customerReference, key);
        }

        public String reference() {
            return customerReference;
        }

        @Override
        public String toString() {
            return "Tokenize[" + customerReference + "]";
        }
    }

    record AchDebit(BankAccount account, PaymentRequest payment, String idempotencyKey) implements GatewayRequest {
        public Operation operation() {
            return Operation.ACH_DEBIT;
        }

        public AchDebit withIdempotencyKey(String key) {
            return new AchDebit(account, payment, key);
        }

        public String reference() {
            return payment.reference();
        }

        @Override
        public String toString() {
            return "AchDebit[" + payment.reference() + ", " + payment.amount() + "]";
        }
    }
}
