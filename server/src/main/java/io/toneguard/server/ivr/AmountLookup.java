package io.toneguard.server.ivr;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toneguard.psp.gateway.Amount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a configured HTTP service what a self-service caller is to pay. The request is a JSON POST
 * naming the self-service entry, ToneGuard's call id and the caller's From URI; the answer is
 * {@code 200} with {@code {"amount": "25.50", "currency": "GBP", "description": "Invoice 42"}}
 * ({@code amountMinor} instead of {@code amount} also works; currency and description are
 * optional), or {@code 404} when nothing is due. Anything else is a failure with a reason fit for
 * a log line: the answer's body is never echoed (it may hold personal data).
 */
public final class AmountLookup implements AutoCloseable {
    /** The most of an answer that is read. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final int MAX_DESCRIPTION = 200;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Where to ask, how long to wait and which headers to send.
     *
     * @param headers sent with every request (e.g. {@code Authorization}); never logged
     */
    public record Target(URI url, Duration timeout, Map<String, String> headers) {
        public Target {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return "Target[" + url + ", " + timeout.toMillis() + " ms, headers " + headers.keySet() + "]";
        }
    }

    /** What the service said. */
    public sealed interface Result {
        /** The caller owes this; the description (may be null) goes with the payment. */
        record Found(Amount amount, String description) implements Result {
        }

        /** The service knows the caller and nothing is due. */
        record NothingDue() implements Result {
        }

        /** No usable answer; the reason is for the log. */
        record Failed(String reason) implements Result {
        }
    }

    private final ExecutorService io;
    private final HttpClient client;

    public AmountLookup() {
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "amount-lookup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Asks for the amount of one call. The future always completes normally (failures are a
     * {@link Result.Failed}), at the latest after the target's timeout.
     *
     * @param currency the entry's currency: an answer in another is refused
     */
    public CompletableFuture<Result> lookUp(Target target, Currency currency, String service, String callId, String caller) {
        ObjectNode body = JSON.createObjectNode().put("service", service).put("callId", callId).put("caller", caller);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url()).timeout(target.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        target.headers().forEach(request::header);
        CompletableFuture<Result> answer;
        try {
            answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .thenApplyAsync(r -> read(r, currency), io)
                    .exceptionally(AmountLookup::failure);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
        return answer.completeOnTimeout(new Result.Failed("no answer within " + target.timeout().toMillis() + " ms"),
                target.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Result read(HttpResponse<InputStream> response, Currency currency) {
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return new Result.NothingDue();
        }
        if (status != 200) {
            return new Result.Failed("the service answered HTTP " + status);
        }
        if (bytes.length > MAX_ANSWER_BYTES) {
            return new Result.Failed("the answer is larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            return new Result.Failed("the answer is not JSON");
        }
        return parse(json, currency);
    }

    /** The answer's meaning, or why it cannot be used. */
    static Result parse(JsonNode json, Currency currency) {
        if (json == null || !json.isObject()) {
            return new Result.Failed("the answer is not a JSON object");
        }
        JsonNode cur = json.get("currency");
        if (cur != null && !cur.isNull() && !currency.getCurrencyCode().equals(cur.asText())) {
            return new Result.Failed("the answer is in a currency other than " + currency.getCurrencyCode());
        }
        JsonNode major = json.get("amount");
        JsonNode minor = json.get("amountMinor");
        Amount amount;
        if (minor != null && major == null && minor.canConvertToExactIntegral() && minor.canConvertToLong()) {
            if (minor.asLong() < 0) {
                return new Result.Failed("the amount is negative");
            }
            amount = new Amount(minor.asLong(), currency);
        } else if (major != null && minor == null && (major.isTextual() || major.isNumber())) {
            try {
                amount = Amount.parse(major.isNumber() ? major.decimalValue().toPlainString() : major.asText(), currency);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return new Result.Failed("the amount is not usable: " + e.getMessage());
            }
        } else {
            return new Result.Failed("the answer needs one of amount (\"25.50\") or amountMinor (2550)");
        }
        if (amount.minorUnits() == 0) {
            return new Result.NothingDue();
        }
        JsonNode d = json.get("description");
        String description = null;
        if (d != null && !d.isNull()) {
            if (!d.isTextual() || d.asText().length() > MAX_DESCRIPTION || d.asText().chars().anyMatch(Character::isISOControl)) {
                return new Result.Failed("the description must be text of at most " + MAX_DESCRIPTION + " printable characters");
            }
            description = d.asText();
        }
        return new Result.Found(amount, description);
    }

    private static Result failure(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof UncheckedIOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return new Result.Failed("no answer in time");
        }
        if (cause instanceof java.net.ConnectException) {
            return new Result.Failed("the service cannot be reached");
        }
        return new Result.Failed("the request failed (" + cause.getClass().getSimpleName() + ")");
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
