package io.toneguard.server.recording;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how external recorders are told about pauses and resumes.
 *
 * @param urls each gets every event, by HTTP POST; empty for no webhook
 * @param events which events are sent
 * @param attempts tries per event and URL (1 = no retry)
 * @param backoff wait before the first retry, doubled before each further one
 * @param timeout per attempt, connecting included
 * @param headers added to every request (e.g. {@code Authorization: Bearer ...})
 */
public record WebhookSettings(List<URI> urls, Set<RecordingEvent> events, int attempts, Duration backoff,
        Duration timeout, Map<String, String> headers) {

    /** No webhook. */
    public static final WebhookSettings NONE = new WebhookSettings(List.of(), EnumSet.allOf(RecordingEvent.class), 1,
            Duration.ZERO, Duration.ofSeconds(2), Map.of());

    public WebhookSettings {
        urls = List.copyOf(urls);
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(timeout, "timeout");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("backoff must not be negative and timeout must be positive");
        }
    }

    /** True if there is at least one URL. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    /** The same settings sent to {@code newUrls}. */
    public WebhookSettings withUrls(List<URI> newUrls) {
        return new WebhookSettings(newUrls, events, attempts, backoff, timeout, headers);
    }
}
