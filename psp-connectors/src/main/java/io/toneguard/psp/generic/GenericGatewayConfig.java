package io.toneguard.psp.generic;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the generic HTTP gateway needs to talk to one PSP. Secrets (password, token, header
 * values) never appear in {@link #toString()}.
 *
 * @param name the gateway's name for configuration and audit
 * @param serviceUri where requests go (https, or http to loopback only)
 * @param httpMethod POST, PUT or PATCH
 * @param requestType how the body is encoded
 * @param responseType how the answer is read
 * @param requestFields request field name to captured or payment field, in body order; in JSON a
 *     dotted name ("card.pan") is a nested object
 * @param constantFields extra request fields with fixed values (dotted names nest in JSON too)
 * @param headers constant request headers (values may be secrets)
 * @param idempotencyKeyHeader header that carries the idempotency key, or null
 * @param idempotentRetries whether the PSP documents that a request resent with the same
 *     idempotency key is never processed twice (only then does the chain retry)
 * @param auth how requests are authenticated
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout time allowed for the answer
 * @param successKey response key (dotted path in JSON) whose value tells success
 * @param successValue the value of {@code successKey} that means approved
 * @param messageKey response key whose value is shown to the agent, or null
 * @param transactionIdKey response key holding the PSP's transaction id, or null
 * @param authorizationCodeKey response key holding the authorization code, or null
 * @param declineKey response key that tells a decline, or null (then every answered non-success
 *     is a decline)
 * @param declineValue the value of {@code declineKey} that means declined, or null (any value)
 */
public record GenericGatewayConfig(String name, URI serviceUri, String httpMethod, BodyType requestType,
        BodyType responseType, Map<String, Source> requestFields, Map<String, String> constantFields,
        Map<String, String> headers, String idempotencyKeyHeader, boolean idempotentRetries, Auth auth,
        Duration connectTimeout, Duration readTimeout, String successKey, String successValue, String messageKey,
        String transactionIdKey, String authorizationCodeKey, String declineKey, String declineValue) {

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    public GenericGatewayConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serviceUri, "serviceUri");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(successKey, "successKey");
        Objects.requireNonNull(successValue, "successValue");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        httpMethod = httpMethod == null ? "POST" : httpMethod.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(httpMethod)) {
            throw new IllegalArgumentException("httpMethod must be POST, PUT or PATCH");
        }
        if (!"https".equalsIgnoreCase(serviceUri.getScheme()) && !("http".equalsIgnoreCase(serviceUri.getScheme())
                && isLoopback(serviceUri.getHost()))) {
            throw new IllegalArgumentException("serviceUri must be https (http only to loopback)");
        }
        requestFields = ordered(requestFields);
        constantFields = ordered(constantFields);
        headers = ordered(headers);
        if (requestFields.isEmpty()) {
            throw new IllegalArgumentException("requestFields must map at least one field");
        }
        if (idempotentRetries && idempotencyKeyHeader == null) {
            throw new IllegalArgumentException("idempotentRetries needs an idempotencyKeyHeader");
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    /** A builder with POST, JSON both ways, no auth, 5 s connect and 30 s read timeouts. */
    public static Builder builder(String name, URI serviceUri) {
        return new Builder(name, serviceUri);
    }

    /** Never a secret: header names only, the kind of auth only. */
    @Override
    public String toString() {
        return "GenericGatewayConfig[name=" + name + ", serviceUri=" + serviceUri + ", " + httpMethod + " " + requestType
                + "->" + responseType + ", fields=" + requestFields.keySet() + ", constants=" + constantFields.keySet()
                + ", headers=" + headers.keySet() + ", auth=" + auth + "]";
    }

    /** How a body is encoded. */
    public enum BodyType {
        JSON,
        /** application/x-www-form-urlencoded. */
        FORM
    }

    /** A captured or payment field that can be sent, by its configuration name. */
    public enum Source {
        CARD_NUMBER("card.number"),
        CARD_EXPIRY_MONTH("card.expiryMonth"),
        /** Four digits, 20YY. */
        CARD_EXPIRY_YEAR("card.expiryYear"),
        /** MMYY. */
        CARD_EXPIRY("card.expiry"),
        CARD_SECURITY_CODE("card.securityCode"),
        CARD_POSTCODE("card.postcode"),
        BANK_ROUTING_NUMBER("bank.routingNumber"),
        BANK_ACCOUNT_NUMBER("bank.accountNumber"),
        /** Minor units, a number. */
        PAYMENT_AMOUNT("payment.amount"),
        /** Major units, a decimal number ("25.50"). */
        PAYMENT_AMOUNT_MAJOR("payment.amountMajor"),
        PAYMENT_CURRENCY("payment.currency"),
        PAYMENT_REFERENCE("payment.reference"),
        PAYMENT_DESCRIPTION("payment.description"),
        IDEMPOTENCY_KEY("idempotencyKey");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        /** The configuration name, e.g. "card.number". */
        public String key() {
            return key;
        }

        public boolean isCard() {
            return key.startsWith("card.");
        }

        public boolean isBank() {
            return key.startsWith("bank.");
        }

        /** The source with configuration name {@code key}. */
        public static Source of(String key) {
            return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown source field: " + key));
        }
    }

    /** How requests are authenticated. */
    public sealed interface Auth {
        Auth NONE = new None();

        static Auth basic(String user, String password) {
            return new Basic(user, password);
        }

        static Auth bearer(String token) {
            return new Bearer(token);
        }

        /** No Authorization header. */
        record None() implements Auth {
            @Override
            public String toString() {
                return "NONE";
            }
        }

        /** HTTP Basic (RFC 7617). */
        record Basic(String user, String password) implements Auth {
            public Basic {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String toString() {
                return "BASIC[" + user + ", password redacted]";
            }
        }

        /** Bearer token (RFC 6750). */
        record Bearer(String token) implements Auth {
            public Bearer {
                Objects.requireNonNull(token, "token");
            }

            @Override
            public String toString() {
                return "BEARER[redacted]";
            }
        }
    }

    /** Builds a config; unset optional fields stay null. */
    public static final class Builder {
        private final String name;
        private final URI serviceUri;
        private String httpMethod = "POST";
        private BodyType requestType = BodyType.JSON;
        private BodyType responseType = BodyType.JSON;
        private final Map<String, Source> requestFields = new LinkedHashMap<>();
        private final Map<String, String> constantFields = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String idempotencyKeyHeader;
        private boolean idempotentRetries;
        private Auth auth = Auth.NONE;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private String successKey;
        private String successValue;
        private String messageKey;
        private String transactionIdKey;
        private String authorizationCodeKey;
        private String declineKey;
        private String declineValue;

        private Builder(String name, URI serviceUri) {
            this.name = name;
            this.serviceUri = serviceUri;
        }

        public Builder httpMethod(String m) {
            httpMethod = m;
            return this;
        }

        public Builder requestType(BodyType t) {
            requestType = t;
            return this;
        }

        public Builder responseType(BodyType t) {
            responseType = t;
            return this;
        }

        /** Sends {@code source} (e.g. "card.number") as {@code requestField} (e.g. "card.pan"). */
        public Builder field(String requestField, String source) {
            requestFields.put(requestField, Source.of(source));
            return this;
        }

        public Builder constant(String requestField, String value) {
            constantFields.put(requestField, value);
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The idempotency key goes in this header; {@code honoured}: the PSP documents retries with it as safe. */
        public Builder idempotencyKeyHeader(String header, boolean honoured) {
            idempotencyKeyHeader = header;
            idempotentRetries = honoured;
            return this;
        }

        public Builder auth(Auth a) {
            auth = a;
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            connectTimeout = connect;
            readTimeout = read;
            return this;
        }

        public Builder success(String key, String value) {
            successKey = key;
            successValue = value;
            return this;
        }

        public Builder messageKey(String key) {
            messageKey = key;
            return this;
        }

        public Builder transactionIdKey(String key) {
            transactionIdKey = key;
            return this;
        }

        public Builder authorizationCodeKey(String key) {
            authorizationCodeKey = key;
            return this;
        }

        /** A decline is {@code key} with {@code value} (null: any value). */
        public Builder decline(String key, String value) {
            declineKey = key;
            declineValue = value;
            return this;
        }

        public GenericGatewayConfig build() {
            return new GenericGatewayConfig(name, serviceUri, httpMethod, requestType, responseType, requestFields,
                    constantFields, headers, idempotencyKeyHeader, idempotentRetries, auth, connectTimeout, readTimeout,
                    successKey, successValue, messageKey, transactionIdKey, authorizationCodeKey, declineKey, declineValue);
        }
    }
}
