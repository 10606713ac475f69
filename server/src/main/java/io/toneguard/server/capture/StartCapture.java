package io.toneguard.server.capture;

import io.toneguard.psp.gateway.Amount;
import java.util.Set;

/**
 * What an agent (or the IVR) gives to start a capture.
 *
 * @param reference merchant reference, unique; null or blank for a timestamp-based one
 * @param description optional, may be null
 * @param required the fields that must be obtained; null for the configured default of the kind
 * @param firstField the field to ask for at once, or null for the first missing required one
 */
public record StartCapture(CaptureKind kind, Amount amount, String reference, String description,
        Set<CaptureField> required, CaptureField firstField) {
}
