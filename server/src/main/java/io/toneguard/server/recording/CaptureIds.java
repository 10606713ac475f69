package io.toneguard.server.recording;

import java.util.regex.Pattern;

/** Keeps capture ids to a safe shape, so a sidecar line or a webhook body only ever carries an id. */
final class CaptureIds {
    /** What stands in for an id that is not of the safe shape. */
    static final String INVALID = "invalid-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CaptureIds() {
    }

    /** The id as given if it is short and plain, "" for none, otherwise {@link #INVALID}. */
    static String safe(String captureId) {
        if (captureId == null || captureId.isEmpty()) {
            return "";
        }
        return SAFE.matcher(captureId).matches() ? captureId : INVALID;
    }
}
