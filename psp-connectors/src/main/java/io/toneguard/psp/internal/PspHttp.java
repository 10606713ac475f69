package io.toneguard.psp.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK HTTP client with the connect and read timeouts of one gateway, sending bodies from
 * byte arrays that are wiped right after the request is sent.
 */
public final class PspHttp {
    private final HttpClient client;
    private final Duration readTimeout;

    public PspHttp(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.readTimeout = readTimeout;
    }

    /** An answer, or why there is none. */
    public sealed interface Outcome {
    }

    /** The PSP answered. */
    public record Answer(int status, byte[] body, Map<String, String> headers) implements Outcome {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** No answer in time (connect or read). */
    public record TimedOut(String message) implements Outcome {
    }

    /** The connection failed. */
    public record Failed(String message) implements Outcome {
    }

    /**
     * Sends a request. {@code body} (may be null) is wiped once sent. Header values must not carry
     * card data.
     */
    public Outcome send(String method, URI uri, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(readTimeout);
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
            return new Answer(r.statusCode(), r.body(), h);
        } catch (HttpConnectTimeoutException e) {
            return new TimedOut("connect timeout to " + uri.getHost());
        } catch (HttpTimeoutException e) {
            return new TimedOut("no answer from " + uri.getHost() + " within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Failed("cannot reach " + uri.getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        } finally {
            if (body != null) {
                Arrays.fill(body, (byte) 0);
            }
        }
    }
}
