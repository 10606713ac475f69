package io.toneguard.psp.card;

import java.util.Objects;

/**
 * The outcome of checking one captured field: {@link #VALID} or a {@link Reason} with a message
 * fit for the agent's screen. The message never contains a digit (it is refused if it does).
 */
public final class Validation {
    /** Why a field is not valid. */
    public enum Reason {
        VALID("Valid"),
        EMPTY("Nothing entered"),
        TOO_SHORT("Too few digits"),
        TOO_LONG("Too many digits"),
        WRONG_LENGTH("Wrong number of digits"),
        LUHN_FAILED("Card number is not valid (check digit)"),
        UNKNOWN_BRAND("Card number not recognised as any card brand"),
        BRAND_NOT_ACCEPTED("This card brand is not accepted"),
        INVALID_MONTH("Expiry month must be between one and twelve"),
        EXPIRED("Card has expired"),
        TOO_FAR_AHEAD("Expiry date is too far in the future"),
        INVALID_PREFIX("Not a valid routing number"),
        CHECKSUM_FAILED("Routing number is not valid (check digit)");

        private final String defaultMessage;

        Reason(String defaultMessage) {
            this.defaultMessage = defaultMessage;
        }

        /** A generic agent-safe message for this reason. */
        public String defaultMessage() {
            return defaultMessage;
        }
    }

    /** The field is valid. */
    public static final Validation VALID = new Validation(Reason.VALID, Reason.VALID.defaultMessage);

    private final Reason reason;
    private final String agentMessage;

    private Validation(Reason reason, String agentMessage) {
        this.reason = reason;
        this.agentMessage = agentMessage;
    }

    /** An invalid outcome with the reason's default message. */
    public static Validation invalid(Reason reason) {
        return invalid(reason, reason.defaultMessage);
    }

    /** An invalid outcome; {@code agentMessage} must not contain any digit. */
    public static Validation invalid(Reason reason, String agentMessage) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(agentMessage, "agentMessage");
        if (reason == Reason.VALID) {
            throw new IllegalArgumentException("use Validation.VALID");
        }
        for (int i = 0; i < agentMessage.length(); i++) {
            if (Character.isDigit(agentMessage.charAt(i))) {
                throw new IllegalArgumentException("agent message must not contain digits"); // never echo it
            }
        }
        return new Validation(reason, agentMessage);
    }

    public boolean isValid() {
        return reason == Reason.VALID;
    }

    public Reason reason() {
        return reason;
    }

    /** Text for the agent desktop: no digits, ever. */
    public String agentMessage() {
        return agentMessage;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Validation v && v.reason == reason && v.agentMessage.equals(agentMessage);
    }

    @Override
    public int hashCode() {
        return reason.hashCode() * 31 + agentMessage.hashCode();
    }

    @Override
    public String toString() {
        return "Validation[" + reason + ": " + agentMessage + "]";
    }
}
