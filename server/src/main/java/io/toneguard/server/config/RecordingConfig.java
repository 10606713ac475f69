package io.toneguard.server.config;

import io.toneguard.server.recording.RecordingEvent;
import io.toneguard.server.recording.RecordingMode;
import io.toneguard.server.recording.RecordingSettings;
import io.toneguard.server.recording.WebhookSettings;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The {@code recording} section: the built-in recorder's mode and folder, and the external recorder webhook. */
public record RecordingConfig(String mode, String folder, Webhook webhook) {

    /** The {@code recording.webhook} subsection. */
    public record Webhook(List<String> urls, List<String> events, int attempts, long backoffMillis, long timeoutMillis,
            String bearerToken, Map<String, String> headers) {
    }

    /** Checks the values (the folder itself is checked when recording starts); secrets from the environment. */
    public RecordingSettings toSettings() {
        return toSettings(System::getenv);
    }

    /** As {@link #toSettings()}, with {@code env} looking up {@code env:NAME} secrets. */
    public RecordingSettings toSettings(Function<String, String> env) {
        RecordingMode m;
        try {
            m = RecordingMode.parse(ConfigException.require(mode, "recording.mode"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("recording.mode", e.getMessage());
        }
        if (folder == null || folder.isBlank()) {
            throw new ConfigException("recording.folder", "is required (a directory, created if missing)");
        }
        Path dir;
        try {
            dir = Path.of(folder);
        } catch (InvalidPathException e) {
            throw new ConfigException("recording.folder", "not a valid path: " + e.getReason());
        }
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new ConfigException("recording.folder", dir.toAbsolutePath() + " exists and is not a directory");
        }
        return new RecordingSettings(m, dir, webhookSettings(env));
    }

    private WebhookSettings webhookSettings(Function<String, String> env) {
        Webhook w = ConfigException.require(webhook, "recording.webhook");
        List<URI> uris = new ArrayList<>();
        List<String> urls = ConfigException.require(w.urls(), "recording.webhook.urls");
        for (int i = 0; i < urls.size(); i++) {
            uris.add(OutboundHttp.url(urls.get(i), "recording.webhook.urls[" + i + "]"));
        }
        Set<RecordingEvent> events = EnumSet.noneOf(RecordingEvent.class);
        for (String e : ConfigException.require(w.events(), "recording.webhook.events")) {
            try {
                events.add(RecordingEvent.parse(e));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException("recording.webhook.events", ex.getMessage());
            }
        }
        if (w.attempts() < 1 || w.attempts() > 10) {
            throw new ConfigException("recording.webhook.attempts", "must be 1-10, was " + w.attempts());
        }
        if (w.backoffMillis() < 0 || w.backoffMillis() > 60_000) {
            throw new ConfigException("recording.webhook.backoffMillis", "must be 0-60000, was " + w.backoffMillis());
        }
        if (w.timeoutMillis() < 1 || w.timeoutMillis() > 60_000) {
            throw new ConfigException("recording.webhook.timeoutMillis", "must be 1-60000, was " + w.timeoutMillis());
        }
        Map<String, String> headers = OutboundHttp.headers(w.headers(), "recording.webhook.headers");
        if (w.bearerToken() != null && !w.bearerToken().isBlank() && !uris.isEmpty()) {
            headers.put("Authorization", "Bearer " + PaymentsConfig.secret(w.bearerToken(), "recording.webhook.bearerToken", env));
        }
        return new WebhookSettings(uris, events, w.attempts(), Duration.ofMillis(w.backoffMillis()),
                Duration.ofMillis(w.timeoutMillis()), headers);
    }
}
