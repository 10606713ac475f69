package io.toneguard.server.capture;

import io.toneguard.psp.card.SensitiveDigits;

/** One field of a capture: its zeroable digits, its state and what the agent may see of it. */
final class FieldEntry {
    final CaptureField field;
    final boolean required;
    /** The digits keyed (or obtained): the only place they live. */
    SensitiveDigits value = SensitiveDigits.empty();
    /** The first entry while the caller keys the field again (double entry), else null. */
    SensitiveDigits firstPass;
    FieldState state = FieldState.WAITING;
    String brand;
    String masked;
    String invalidReason;

    FieldEntry(CaptureField field, boolean required) {
        this.field = field;
        this.required = required;
    }

    /** Zeroes everything keyed and forgets what was shown. */
    void wipe(FieldState next) {
        value.clear();
        if (firstPass != null) {
            firstPass.close();
            firstPass = null;
        }
        brand = null;
        masked = null;
        invalidReason = null;
        state = next;
    }

    /** Wipes for good (the capture is over). */
    void destroy() {
        wipe(state);
        value.close();
    }

    FieldView view() {
        return new FieldView(field, required, state, value.isWiped() ? 0 : value.length(), brand, masked, invalidReason);
    }
}
