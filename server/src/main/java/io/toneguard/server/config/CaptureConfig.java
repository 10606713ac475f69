package io.toneguard.server.config;

import io.toneguard.psp.card.CardValidator;
import io.toneguard.server.CallBindings;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureSettings;
import io.toneguard.server.capture.PanDisplay;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code capture} section: how agent captures behave and how calls are bound to agents. */
public record CaptureConfig(double interDigitTimeoutSeconds, double fieldTimeoutSeconds, double sessionTimeoutMinutes,
        List<String> cardFields, List<String> bankFields, List<String> doubleEntry, boolean autoAdvance,
        boolean muteCallerWhileEntering, String panDisplay, boolean showExpiry, boolean showPostcode, Binding binding) {

    /**
     * @param targetUser bind a call to the agent named by the user part of leg B's target
     * @param answerHeader a header of leg B's answer naming the agent ("" for none)
     * @param extensions target user (extension) -> agent name, where they differ
     */
    public record Binding(boolean targetUser, String answerHeader, Map<String, String> extensions) {
    }

    /** Checks the values; messages name the key at fault. */
    public CaptureSettings toSettings(CardValidator validator) {
        Duration interDigit = seconds(interDigitTimeoutSeconds, 1, 60, "capture.interDigitTimeoutSeconds");
        Duration field = seconds(fieldTimeoutSeconds, 5, 600, "capture.fieldTimeoutSeconds");
        if (!(sessionTimeoutMinutes >= 1 && sessionTimeoutMinutes <= 240)) {
            throw new ConfigException("capture.sessionTimeoutMinutes", "must be between 1 and 240 minutes, was " + sessionTimeoutMinutes);
        }
        Duration session = Duration.ofMillis(Math.round(sessionTimeoutMinutes * 60_000));
        PanDisplay display;
        try {
            display = PanDisplay.parse(ConfigException.require(panDisplay, "capture.panDisplay"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("capture.panDisplay", e.getMessage());
        }
        try {
            return new CaptureSettings(interDigit, field, session, fields(cardFields, "capture.cardFields"),
                    fields(bankFields, "capture.bankFields"), fields(doubleEntry, "capture.doubleEntry"), autoAdvance,
                    muteCallerWhileEntering, display, showExpiry, showPostcode, validator, Duration.ofHours(1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("capture", e.getMessage());
        }
    }

    public CallBindings toBindings() {
        if (binding == null) {
            throw new ConfigException("capture.binding", "is required");
        }
        return new CallBindings(binding.targetUser(), binding.answerHeader(),
                binding.extensions() == null ? Map.of() : binding.extensions());
    }

    private static Set<CaptureField> fields(List<String> names, String key) {
        Set<CaptureField> out = EnumSet.noneOf(CaptureField.class);
        for (String n : ConfigException.require(names, key)) {
            try {
                out.add(CaptureField.fromApiName(n));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage() + " (cardNumber, expiry, securityCode, postcode, routingNumber, accountNumber)");
            }
        }
        return out;
    }

    private static Duration seconds(double value, double min, double max, String key) {
        if (!(value >= min && value <= max)) {
            throw new ConfigException(key, "must be between " + min + " and " + max + " seconds, was " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
