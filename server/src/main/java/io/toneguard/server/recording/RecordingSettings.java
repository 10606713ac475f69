package io.toneguard.server.recording;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How calls are recorded.
 *
 * @param mode what the built-in recorder does
 * @param folder where {@code <callId>.wav} and {@code <callId>.wav.events.jsonl} go (created if missing)
 * @param webhook external recorders to notify; {@link WebhookSettings#NONE} for none
 */
public record RecordingSettings(RecordingMode mode, Path folder, WebhookSettings webhook) {
    public RecordingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(webhook, "webhook");
    }
}
