package io.toneguard.psp.braintree;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Braintree connector. The private key never appears in {@link #toString()}.
 *
 * @param publicKey API public key
 * @param privateKey API private key
 * @param baseUri the GraphQL endpoint, {@link #SANDBOX} or {@link #PRODUCTION}
 * @param version the Braintree-Version header, a date YYYY-MM-DD
 * @param merchantAccountId the merchant account (its currency) to use, or null for the default one
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time allowed for Braintree's answer
 */
public record BraintreeConfig(String publicKey, String privateKey, URI baseUri, String version, String merchantAccountId,
        Duration connectTimeout, Duration readTimeout) {
    public static final URI SANDBOX = URI.create("https://payments.sandbox.braintree-api.com/graphql");
    public static final URI PRODUCTION = URI.create("https://payments.braintree-api.com/graphql");

    /** The Braintree-Version this connector was written against (the date in Braintree's own examples). */
    public static final String DEFAULT_VERSION = "2019-01-01";

    public BraintreeConfig {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (!version.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("version must be a date YYYY-MM-DD");
        }
    }

    /** The sandbox, default merchant account, 5 s to connect and 30 s to answer. */
    public static BraintreeConfig sandbox(String publicKey, String privateKey) {
        return new BraintreeConfig(publicKey, privateKey, SANDBOX, DEFAULT_VERSION, null, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** Production, default merchant account, 5 s to connect and 30 s to answer. */
    public static BraintreeConfig production(String publicKey, String privateKey) {
        return new BraintreeConfig(publicKey, privateKey, PRODUCTION, DEFAULT_VERSION, null, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public BraintreeConfig withBaseUri(URI uri) {
        return new BraintreeConfig(publicKey, privateKey, uri, version, merchantAccountId, connectTimeout, readTimeout);
    }

    public BraintreeConfig withMerchantAccountId(String id) {
        return new BraintreeConfig(publicKey, privateKey, baseUri, version, id, connectTimeout, readTimeout);
    }

    public BraintreeConfig withTimeouts(Duration connect, Duration read) {
        return new BraintreeConfig(publicKey, privateKey, baseUri, version, merchantAccountId, connect, read);
    }

    @Override
    public String toString() {
        return "BraintreeConfig[publicKey=" + publicKey + ", privateKey=redacted, baseUri=" + baseUri + ", version=" + version
                + ", merchantAccountId=" + merchantAccountId + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
