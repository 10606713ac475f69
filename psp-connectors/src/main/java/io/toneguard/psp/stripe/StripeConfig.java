package io.toneguard.psp.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Stripe connector. The secret key never appears in {@link #toString()}.
 *
 * @param secretKey the secret API key, {@code sk_live_...} or {@code sk_test_...}
 * @param baseUri the API root, {@link #DEFAULT_BASE_URI} except in tests
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time allowed for Stripe's answer
 */
public record StripeConfig(String secretKey, URI baseUri, Duration connectTimeout, Duration readTimeout) {
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.stripe.com");

    /** The Stripe-Version every request pins, so that Stripe's answers keep the shape we parse. */
    public static final String API_VERSION = "2024-06-20";

    public StripeConfig {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException("secretKey must not be blank");
        }
    }

    /** Stripe's production API with 5 s to connect and 30 s to answer. */
    public static StripeConfig of(String secretKey) {
        return new StripeConfig(secretKey, DEFAULT_BASE_URI, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public StripeConfig withBaseUri(URI uri) {
        return new StripeConfig(secretKey, uri, connectTimeout, readTimeout);
    }

    public StripeConfig withTimeouts(Duration connect, Duration read) {
        return new StripeConfig(secretKey, baseUri, connect, read);
    }

    @Override
    public String toString() {
        return "StripeConfig[secretKey=redacted, baseUri=" + baseUri + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
