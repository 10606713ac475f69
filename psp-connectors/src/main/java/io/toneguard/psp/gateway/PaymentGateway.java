package io.toneguard.psp.gateway;

/**
 * A payment service provider. Implementations speak the PSP's API; everything around the call
 * (idempotency key, retries, audit) is done once by {@link GatewayChain}. Implementations must
 * never put card data in a String, log line or exception message, and must not throw for PSP
 * answers: every outcome is a {@link PaymentResult}.
 */
public interface PaymentGateway {
    /** Short name for configuration and audit, e.g. "stripe". */
    String name();

    /** Sends one request and returns the PSP's answer. */
    PaymentResult execute(GatewayRequest request);

    /** Which operations this gateway supports. */
    default boolean supports(Operation op) {
        return true;
    }

    /**
     * Whether resending {@code request} after {@code failure} is safe by the PSP's own
     * documentation (typically: the PSP honours idempotency keys). Default: no.
     */
    default boolean retrySafe(GatewayRequest request, PaymentResult failure) {
        return false;
    }
}
