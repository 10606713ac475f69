package io.toneguard.server.config;

import io.toneguard.psp.adyen.AdyenConfig;
import io.toneguard.psp.adyen.AdyenGateway;
import io.toneguard.psp.authorizenet.AuthorizeNetConfig;
import io.toneguard.psp.authorizenet.AuthorizeNetGateway;
import io.toneguard.psp.braintree.BraintreeConfig;
import io.toneguard.psp.braintree.BraintreeGateway;
import io.toneguard.psp.card.CardBrand;
import io.toneguard.psp.card.ValidationPolicy;
import io.toneguard.psp.gateway.PaymentGateway;
import io.toneguard.psp.generic.GenericGatewayConfig;
import io.toneguard.psp.generic.GenericHttpGateway;
import io.toneguard.psp.sandbox.SandboxConfig;
import io.toneguard.psp.sandbox.SandboxGateway;
import io.toneguard.psp.stripe.StripeConfig;
import io.toneguard.psp.stripe.StripeGateway;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The {@code payments} section: which PSP connector, its credentials, retries and timeouts. */
public record PaymentsConfig(String gateway, int maxAttempts, long retryBackoffMillis, long connectTimeoutMillis,
        long readTimeoutMillis, List<String> acceptedBrands, Sandbox sandbox, Stripe stripe, Braintree braintree,
        Adyen adyen, AuthorizeNet authorizenet, Generic generic) {

    public record Sandbox(long minDelayMillis, long maxDelayMillis) {
    }

    public record Stripe(String secretKey, String baseUrl) {
    }

    public record Braintree(String publicKey, String privateKey, String merchantAccountId, String baseUrl) {
    }

    public record Adyen(String apiKey, String merchantAccount, String baseUrl) {
    }

    public record AuthorizeNet(String apiLoginId, String transactionKey, String baseUrl) {
    }

    public record Generic(String name, String url, String method, String requestType, String responseType,
            Map<String, String> fields, Map<String, String> constants, Map<String, String> headers,
            String idempotencyKeyHeader, boolean idempotentRetries, String auth, String user, String password,
            String token, String successKey, String successValue, String messageKey, String transactionIdKey,
            String authorizationCodeKey, String declineKey, String declineValue) {
    }

    /** Attempts, backoff and the card rules, checked. */
    public void validate() {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new ConfigException("payments.maxAttempts", "must be 1-10, was " + maxAttempts);
        }
        if (retryBackoffMillis < 0 || connectTimeoutMillis < 1 || readTimeoutMillis < 1) {
            throw new ConfigException("payments", "retryBackoffMillis must not be negative and timeouts must be positive");
        }
        brands();
    }

    /** The card brands callers may pay with. */
    public Set<CardBrand> brands() {
        Set<CardBrand> out = EnumSet.noneOf(CardBrand.class);
        for (String b : ConfigException.require(acceptedBrands, "payments.acceptedBrands")) {
            try {
                out.add(CardBrand.valueOf(b.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("payments.acceptedBrands", "unknown brand '" + b + "' (use " + brandNames() + ")");
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("payments.acceptedBrands", "at least one brand is needed");
        }
        return out;
    }

    private static String brandNames() {
        StringBuilder sb = new StringBuilder();
        for (CardBrand b : CardBrand.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** Validation rules for captured cards. */
    public ValidationPolicy validationPolicy() {
        return ValidationPolicy.DEFAULT.withAcceptedBrands(brands());
    }

    /**
     * Builds the chosen connector. Secrets written as {@code env:NAME} are read from the
     * environment; {@code env} is the lookup (System::getenv in production).
     */
    public PaymentGateway toGateway(Function<String, String> env) {
        Duration connect = Duration.ofMillis(connectTimeoutMillis);
        Duration read = Duration.ofMillis(readTimeoutMillis);
        String which = ConfigException.require(gateway, "payments.gateway");
        try {
            return switch (which) {
                case "sandbox" -> new SandboxGateway(SandboxConfig.DEFAULT
                        .withDelays(Duration.ofMillis(sandbox.minDelayMillis()), Duration.ofMillis(sandbox.maxDelayMillis()))
                        .withValidation(validationPolicy()));
                case "stripe" -> new StripeGateway(StripeConfig.of(secret(stripe.secretKey(), "payments.stripe.secretKey", env))
                        .withBaseUri(OutboundHttp.secureUrl(stripe.baseUrl(), "payments.stripe.baseUrl")).withTimeouts(connect, read));
                case "braintree" -> new BraintreeGateway(new BraintreeConfig(
                        required(braintree.publicKey(), "payments.braintree.publicKey"),
                        secret(braintree.privateKey(), "payments.braintree.privateKey", env),
                        OutboundHttp.secureUrl(braintree.baseUrl(), "payments.braintree.baseUrl"), BraintreeConfig.DEFAULT_VERSION,
                        blankToNull(braintree.merchantAccountId()), connect, read));
                case "adyen" -> new AdyenGateway(AdyenConfig.of(secret(adyen.apiKey(), "payments.adyen.apiKey", env),
                                required(adyen.merchantAccount(), "payments.adyen.merchantAccount"))
                        .withBaseUri(OutboundHttp.secureUrl(adyen.baseUrl(), "payments.adyen.baseUrl")).withTimeouts(connect, read));
                case "authorizenet" -> new AuthorizeNetGateway(AuthorizeNetConfig.of(
                                required(authorizenet.apiLoginId(), "payments.authorizenet.apiLoginId"),
                                secret(authorizenet.transactionKey(), "payments.authorizenet.transactionKey", env))
                        .withBaseUri(OutboundHttp.secureUrl(authorizenet.baseUrl(), "payments.authorizenet.baseUrl")).withTimeouts(connect, read));
                case "generic" -> new GenericHttpGateway(generic(connect, read, env));
                default -> throw new ConfigException("payments.gateway",
                        "unknown gateway '" + which + "' (use sandbox, stripe, braintree, adyen, authorizenet, generic)");
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("payments." + which, e.getMessage() == null ? "incomplete" : e.getMessage());
        }
    }

    private GenericGatewayConfig generic(Duration connect, Duration read, Function<String, String> env) {
        Generic g = generic;
        GenericGatewayConfig.Builder b = GenericGatewayConfig.builder(required(g.name(), "payments.generic.name"),
                        OutboundHttp.secureUrl(g.url(), "payments.generic.url"))
                .httpMethod(required(g.method(), "payments.generic.method").toUpperCase(Locale.ROOT))
                .requestType(bodyType(g.requestType(), "payments.generic.requestType"))
                .responseType(bodyType(g.responseType(), "payments.generic.responseType"))
                .timeouts(connect, read)
                .success(required(g.successKey(), "payments.generic.successKey"), required(g.successValue(), "payments.generic.successValue"));
        if (g.fields() == null || g.fields().isEmpty()) {
            throw new ConfigException("payments.generic.fields", "map at least the card or bank fields the PSP needs");
        }
        for (Map.Entry<String, String> f : g.fields().entrySet()) {
            try {
                b.field(f.getKey(), f.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("payments.generic.fields." + f.getKey(), e.getMessage());
            }
        }
        if (g.constants() != null) {
            g.constants().forEach(b::constant);
        }
        if (g.headers() != null) {
            g.headers().forEach(b::header);
        }
        if (g.idempotencyKeyHeader() != null && !g.idempotencyKeyHeader().isBlank()) {
            b.idempotencyKeyHeader(g.idempotencyKeyHeader(), g.idempotentRetries());
        }
        switch (required(g.auth(), "payments.generic.auth")) {
            case "none" -> b.auth(GenericGatewayConfig.Auth.NONE);
            case "basic" -> b.auth(new GenericGatewayConfig.Auth.Basic(required(g.user(), "payments.generic.user"),
                    secret(g.password(), "payments.generic.password", env)));
            case "bearer" -> b.auth(new GenericGatewayConfig.Auth.Bearer(secret(g.token(), "payments.generic.token", env)));
            default -> throw new ConfigException("payments.generic.auth", "use none, basic or bearer");
        }
        if (g.messageKey() != null && !g.messageKey().isBlank()) {
            b.messageKey(g.messageKey());
        }
        if (g.transactionIdKey() != null && !g.transactionIdKey().isBlank()) {
            b.transactionIdKey(g.transactionIdKey());
        }
        if (g.authorizationCodeKey() != null && !g.authorizationCodeKey().isBlank()) {
            b.authorizationCodeKey(g.authorizationCodeKey());
        }
        if (g.declineKey() != null && !g.declineKey().isBlank()) {
            b.decline(g.declineKey(), required(g.declineValue(), "payments.generic.declineValue"));
        }
        return b.build();
    }

    private static GenericGatewayConfig.BodyType bodyType(String v, String key) {
        return switch (required(v, key).toLowerCase(Locale.ROOT)) {
            case "json" -> GenericGatewayConfig.BodyType.JSON;
            case "form" -> GenericGatewayConfig.BodyType.FORM;
            default -> throw new ConfigException(key, "use json or form");
        };
    }

    private static String required(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new ConfigException(key, "is required for this gateway");
        }
        return v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    /** A secret: {@code env:NAME} reads the environment; the value itself never appears in a message. */
    static String secret(String v, String key, Function<String, String> env) {
        String ref = required(v, key);
        if (ref.startsWith("env:")) {
            String name = ref.substring(4);
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw new ConfigException(key, "environment variable " + name + " is not set");
            }
            return value;
        }
        return ref;
    }
}
