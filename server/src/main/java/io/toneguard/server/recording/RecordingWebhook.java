package io.toneguard.server.recording;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells external recorders when a call's recording starts, pauses, resumes and stops: an HTTP
 * POST of {@code {"callId","event","at","captureId","seq"}} to each configured URL. Sending is
 * asynchronous (never on the caller's thread, so never on a media or SIP thread), retried with
 * doubling backoff on network errors, timeouts, 5xx, 408 and 429, and kept in order per call and
 * URL: an event is only sent once the one before it was delivered or given up. Failures are
 * logged (URL without its query, call id, event, cause) and counted. The bodies carry ids and
 * times only.
 */
public final class RecordingWebhook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWebhook.class);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final WebhookSettings settings;
    private final Clock clock;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final HttpClient client;
    private final Set<CompletableFuture<Boolean>> inFlight = ConcurrentHashMap.newKeySet();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retries = new LongAdder();

    public RecordingWebhook(WebhookSettings settings) {
        this(settings, Clock.systemUTC());
    }

    RecordingWebhook(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> daemon(r, "toneguard-webhook-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "toneguard-webhook-timer"));
        this.client = settings.enabled()
                ? HttpClient.newBuilder().executor(io).connectTimeout(settings.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER).build()
                : null;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** True if there is any URL to send to. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The sender of one call's events, which keeps them in order. */
    public CallNotifier forCall(String callId) {
        return new CallNotifier(callId);
    }

    /** Events accepted by a URL. */
    public long delivered() {
        return delivered.sum();
    }

    /** Events given up on after every attempt (per URL). */
    public long failed() {
        return failed.sum();
    }

    /** Attempts repeated after a failure. */
    public long retries() {
        return retries.sum();
    }

    /** One call's events, in order per URL. */
    public final class CallNotifier {
        private final String callId;
        private final List<CompletableFuture<Boolean>> tails = new ArrayList<>();
        private long seq;

        private CallNotifier(String callId) {
            this.callId = callId;
            for (int i = 0; i < settings.urls().size(); i++) {
                tails.add(CompletableFuture.completedFuture(true));
            }
        }

        /**
         * Queues {@code event} for every URL and returns at once.
         *
         * @param captureId the capture's id, or null/"" for none
         * @return completes with true once every URL took it, false if any gave up (never fails);
         *     already true when the event is not configured or there is no URL
         */
        public synchronized CompletableFuture<Boolean> send(RecordingEvent event, String captureId) {
            if (!settings.enabled() || !settings.events().contains(event)) {
                return CompletableFuture.completedFuture(true);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("callId", callId);
            body.put("event", event.wireName());
            body.put("at", clock.instant().toString());
            String id = CaptureIds.safe(captureId);
            body.put("captureId", id.isEmpty() ? null : id);
            body.put("seq", ++seq);
            byte[] json = RecordingJson.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<CompletableFuture<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < tails.size(); i++) {
                URI url = settings.urls().get(i);
                CompletableFuture<Boolean> next = tails.get(i)
                        .thenComposeAsync(previous -> attempt(url, callId, event, json, 1), timer);
                tails.set(i, next);
                inFlight.add(next);
                next.whenComplete((ok, e) -> inFlight.remove(next));
                all.add(next);
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(v -> all.stream().allMatch(CompletableFuture::join));
        }
    }

    private CompletableFuture<Boolean> attempt(URI url, String callId, RecordingEvent event, byte[] json, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        settings.headers().forEach(b::header);
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.increment();
                return CompletableFuture.completedFuture(true);
            }
            String why = error != null ? describe(error) : "HTTP " + response.statusCode();
            boolean retryable = error != null || response.statusCode() >= 500 || response.statusCode() == 408
                    || response.statusCode() == 429;
            if (!retryable || attempt >= settings.attempts()) {
                failed.increment();
                LOG.warn("recording webhook {}: event {} of call {} not delivered after {} attempt(s): {}",
                        redacted(url), event.wireName(), callId, attempt, why);
                return CompletableFuture.completedFuture(false);
            }
            retries.increment();
            long delay = backoffMillis(attempt);
            LOG.debug("recording webhook {}: event {} of call {} attempt {} failed ({}), retrying in {} ms",
                    redacted(url), event.wireName(), callId, attempt, why, delay);
            return CompletableFuture.supplyAsync(() -> attempt,
                            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, timer))
                    .thenCompose(n -> attempt(url, callId, event, json, n + 1));
        }).thenCompose(f -> f).exceptionally(e -> {
            failed.increment();
            LOG.warn("recording webhook {}: event {} of call {} not delivered: {}", redacted(url), event.wireName(),
                    callId, describe(e));
            return false;
        });
    }

    private long backoffMillis(int attempt) {
        long base = settings.backoff().toMillis();
        return Math.min(MAX_BACKOFF_MILLIS, base << Math.min(attempt - 1, 16));
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The URL without user info, query or fragment (where tokens could hide). */
    static String redacted(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Waits (up to {@code maxWaitMillis}) for events still being sent, then stops. */
    public void close(long maxWaitMillis) {
        CompletableFuture<?>[] pending = inFlight.toArray(CompletableFuture[]::new);
        if (pending.length > 0) {
            try {
                CompletableFuture.allOf(pending).get(maxWaitMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("recording webhook: {} event(s) still unsent at shutdown", inFlight.size());
            }
        }
        timer.shutdownNow();
        io.shutdownNow();
    }

    /** {@link #close(long)} with a wait of up to 5 s. */
    @Override
    public void close() {
        close(5_000);
    }
}
