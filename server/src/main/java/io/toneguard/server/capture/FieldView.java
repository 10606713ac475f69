package io.toneguard.server.capture;

/**
 * What the agent may see of one field: never a digit beyond the masked value.
 *
 * @param digits digits keyed so far (ENTERING) or in the obtained value
 * @param brand card brand display name (card number only), or null
 * @param masked masked value (OBTAINED, where configured to be shown), or null; never for a security code
 * @param invalidReason agent-safe reason (INVALID), or null
 */
public record FieldView(CaptureField field, boolean required, FieldState state, int digits, String brand, String masked,
        String invalidReason) {
}
