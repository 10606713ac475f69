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
    /** How many digits the obtained value has (shown after the digits themselves are wiped). */
    int obtainedDigits;

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
        obtainedDigits = 0;
        state = next;
    }

    /** Wipes the digits for good (the capture is over); what the agent was shown stays. */
    void destroy() {
        value.close();
        if (firstPass != null) {
            firstPass.close();
            firstPass = null;
        }
    }

    boolean isWiped() {
        return value.isWiped() && firstPass == null;
    }

    FieldView view() {
        int digits = state == FieldState.OBTAINED ? obtainedDigits : value.isWiped() ? 0 : value.length();
        return new FieldView(field, required, state, digits, brand, masked, invalidReason);
    }
}
