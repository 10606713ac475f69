package io.toneguard.psp.gateway;

/** What the PSP said, with a message fit for an agent's screen (never card data). */
public sealed interface PaymentResult {
    /** A short text for the agent desktop. */
    String agentMessage();

    /** A failure that a retry with the same idempotency key may cure: a timeout, or a retryable error. */
    default boolean isTransient() {
        return this instanceof Timeout || this instanceof GatewayError g && g.retryable();
    }

    /** Approved: the money moved (or was reserved, or the card stored). */
    record Approved(String transactionId, String authorizationCode, String token) implements PaymentResult {
        public String agentMessage() {
            return "Approved" + (authorizationCode == null || authorizationCode.isEmpty() ? "" : ", authorization " + authorizationCode);
        }
    }

    /** The issuer or PSP said no. */
    record Declined(String reason, String pspCode) implements PaymentResult {
        public String agentMessage() {
            return "Declined: " + reason;
        }
    }

    /** The request was wrong (bad field, unsupported currency); retrying will not help. */
    record InvalidRequest(String message) implements PaymentResult {
        public String agentMessage() {
            return "Not accepted by the payment provider: " + message;
        }
    }

    /**
     * The PSP failed or answered nonsense.
     *
     * @param retryable whether the PSP documents a retry (with the same idempotency key) as safe
     */
    record GatewayError(String message, boolean retryable) implements PaymentResult {
        public String agentMessage() {
            return "Payment provider error: " + message;
        }
    }

    /** No answer in time; the outcome is unknown until a retry with the same key tells. */
    record Timeout(String message) implements PaymentResult {
        public String agentMessage() {
            return "The payment provider did not answer in time";
        }
    }
}
