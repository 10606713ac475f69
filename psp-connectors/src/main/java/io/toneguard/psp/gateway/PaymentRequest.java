package io.toneguard.psp.gateway;

import java.util.Objects;

/**
 * What is paid, in which reference: no card data.
 *
 * @param reference the merchant's reference (unique per merchant)
 * @param amount how much
 * @param description optional text for the PSP and statements (may be null)
 */
public record PaymentRequest(String reference, Amount amount, String description) {
    public PaymentRequest {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        if (reference.isBlank() || reference.length() > 64) {
            throw new IllegalArgumentException("reference must be 1-64 characters");
        }
    }
}
