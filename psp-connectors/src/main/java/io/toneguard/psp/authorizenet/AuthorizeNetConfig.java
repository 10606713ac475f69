package io.toneguard.psp.authorizenet;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Authorize.Net connector. The transaction key comes from configuration and never
 * appears in {@link #toString()}.
 *
 * @param apiLoginId the API Login ID ({@code merchantAuthentication.name})
 * @param transactionKey the Transaction Key ({@code merchantAuthentication.transactionKey})
 * @param baseUri the API endpoint (sandbox https://apitest.authorize.net/xml/v1/request.api, live
 *     https://api.authorize.net/xml/v1/request.api)
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time allowed for the answer
 * @param echeckType the SEC code of ACH debits: TEL for payments authorized by telephone
 */
public record AuthorizeNetConfig(String apiLoginId, String transactionKey, URI baseUri, Duration connectTimeout,
        Duration readTimeout, String echeckType) {
    /** The sandbox endpoint. */
    public static final URI SANDBOX_URI = URI.create("https://apitest.authorize.net/xml/v1/request.api");

    public AuthorizeNetConfig {
        Objects.requireNonNull(apiLoginId, "apiLoginId");
        Objects.requireNonNull(transactionKey, "transactionKey");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(echeckType, "echeckType");
        if (apiLoginId.isBlank() || transactionKey.isBlank()) {
            throw new IllegalArgumentException("apiLoginId and transactionKey must not be blank");
        }
    }

    /** The sandbox, 5 s to connect, 30 s to answer, eCheck type TEL. */
    public static AuthorizeNetConfig of(String apiLoginId, String transactionKey) {
        return new AuthorizeNetConfig(apiLoginId, transactionKey, SANDBOX_URI, Duration.ofSeconds(5), Duration.ofSeconds(30), "TEL");
    }

    public AuthorizeNetConfig withBaseUri(URI uri) {
        return new AuthorizeNetConfig(apiLoginId, transactionKey, uri, connectTimeout, readTimeout, echeckType);
    }

    public AuthorizeNetConfig withTimeouts(Duration connect, Duration read) {
        return new AuthorizeNetConfig(apiLoginId, transactionKey, baseUri, connect, read, echeckType);
    }

    /** Never the transaction key. */
    @Override
    public String toString() {
        return "AuthorizeNetConfig[apiLoginId=" + apiLoginId + ", baseUri=" + baseUri + ", transactionKey=redacted]";
    }
}
