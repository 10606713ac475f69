package io.toneguard.psp.adyen;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;

/**
 * Settings of the Adyen connector. The API key comes from configuration and never appears in
 * {@link #toString()}.
 *
 * @param apiKey the API credential's key, sent as {@code X-API-Key}
 * @param merchantAccount the (MOTO) merchant account name
 * @param baseUri the Checkout API base, versioned (test: https://checkout-test.adyen.com/v71;
 *     live: https://{PREFIX}-checkout-live.adyenpayments.com/checkout/v71)
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time allowed for the answer
 * @param zeroAuthCurrency currency of the zero-value authorisation that stores a card (Tokenize)
 */
public record AdyenConfig(String apiKey, String merchantAccount, URI baseUri, Duration connectTimeout, Duration readTimeout,
        Currency zeroAuthCurrency) {
    /** Adyen's test Checkout API, version 71. */
    public static final URI TEST_URI = URI.create("https://checkout-test.adyen.com/v71");

    public AdyenConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(merchantAccount, "merchantAccount");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(zeroAuthCurrency, "zeroAuthCurrency");
        if (apiKey.isBlank() || merchantAccount.isBlank()) {
            throw new IllegalArgumentException("apiKey and merchantAccount must not be blank");
        }
    }

    /** The test endpoint, 5 s to connect, 30 s to answer, EUR for zero-value auths. */
    public static AdyenConfig of(String apiKey, String merchantAccount) {
        return new AdyenConfig(apiKey, merchantAccount, TEST_URI, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Currency.getInstance("EUR"));
    }

    public AdyenConfig withBaseUri(URI uri) {
        return new AdyenConfig(apiKey, merchantAccount, uri, connectTimeout, readTimeout, zeroAuthCurrency);
    }

    public AdyenConfig withTimeouts(Duration connect, Duration read) {
        return new AdyenConfig(apiKey, merchantAccount, baseUri, connect, read, zeroAuthCurrency);
    }

    /** Never the API key. */
    @Override
    public String toString() {
        return "AdyenConfig[merchantAccount=" + merchantAccount + ", baseUri=" + baseUri + ", apiKey=redacted]";
    }
}
