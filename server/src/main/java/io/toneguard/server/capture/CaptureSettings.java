package io.toneguard.server.capture;

import io.toneguard.psp.card.CardValidator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How captures behave: timeouts, default required fields, double entry, what the agent is shown,
 * and the validation policy (accepted brands, postcode rule, clock).
 *
 * @param interDigitTimeout a pause this long after a digit ends the entry, as {@code #} would
 * @param fieldTimeout a field still not complete this long after it was asked for times out
 * @param sessionTimeout a capture not processed this long after it started times out
 * @param doubleEntry fields the caller keys twice (the two entries must match)
 * @param autoAdvance after a field is obtained, ask for the next missing required one at once
 * @param muteWhileEntering silence the caller -> agent audio entirely while a field is being keyed
 * @param keepFinished how long a finished capture can still be read
 */
public record CaptureSettings(Duration interDigitTimeout, Duration fieldTimeout, Duration sessionTimeout,
        Set<CaptureField> cardRequired, Set<CaptureField> bankRequired, Set<CaptureField> doubleEntry, boolean autoAdvance,
        boolean muteWhileEntering, PanDisplay panDisplay, boolean showExpiry, boolean showPostcode,
        CardValidator validator, Duration keepFinished) {

    public static final CaptureSettings DEFAULT = new CaptureSettings(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofMinutes(15), EnumSet.of(CaptureField.CARD_NUMBER, CaptureField.EXPIRY, CaptureField.SECURITY_CODE),
            EnumSet.of(CaptureField.ROUTING_NUMBER, CaptureField.ACCOUNT_NUMBER), EnumSet.noneOf(CaptureField.class),
            true, false, PanDisplay.LAST_FOUR, false, false, CardValidator.DEFAULT, Duration.ofHours(1));

    public CaptureSettings {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(panDisplay, "panDisplay");
        cardRequired = immutable(cardRequired);
        bankRequired = immutable(bankRequired);
        doubleEntry = immutable(doubleEntry);
        for (CaptureField f : cardRequired) {
            require(CaptureKind.CARD.fields().contains(f), "cardRequired: " + f.apiName() + " is not a card field");
        }
        for (CaptureField f : bankRequired) {
            require(CaptureKind.BANK_ACCOUNT.fields().contains(f), "bankRequired: " + f.apiName() + " is not a bank account field");
        }
        require(cardRequired.contains(CaptureField.CARD_NUMBER), "cardRequired must include cardNumber");
        require(bankRequired.containsAll(CaptureKind.BANK_ACCOUNT.fields()), "bankRequired must include routingNumber and accountNumber");
        positive(interDigitTimeout, "interDigitTimeout");
        positive(fieldTimeout, "fieldTimeout");
        positive(sessionTimeout, "sessionTimeout");
        positive(keepFinished, "keepFinished");
    }

    /** The fields a capture of {@code kind} needs unless the request names them. */
    public Set<CaptureField> defaultRequired(CaptureKind kind) {
        return kind == CaptureKind.CARD ? cardRequired : bankRequired;
    }

    public CaptureSettings withValidator(CardValidator v) {
        return new CaptureSettings(interDigitTimeout, fieldTimeout, sessionTimeout, cardRequired, bankRequired, doubleEntry,
                autoAdvance, muteWhileEntering, panDisplay, showExpiry, showPostcode, v, keepFinished);
    }

    public CaptureSettings withDoubleEntry(Set<CaptureField> fields) {
        return new CaptureSettings(interDigitTimeout, fieldTimeout, sessionTimeout, cardRequired, bankRequired, fields,
                autoAdvance, muteWhileEntering, panDisplay, showExpiry, showPostcode, validator, keepFinished);
    }

    public CaptureSettings withTimeouts(Duration interDigit, Duration field, Duration session) {
        return new CaptureSettings(interDigit, field, session, cardRequired, bankRequired, doubleEntry,
                autoAdvance, muteWhileEntering, panDisplay, showExpiry, showPostcode, validator, keepFinished);
    }

    public CaptureSettings withAutoAdvance(boolean advance) {
        return new CaptureSettings(interDigitTimeout, fieldTimeout, sessionTimeout, cardRequired, bankRequired, doubleEntry,
                advance, muteWhileEntering, panDisplay, showExpiry, showPostcode, validator, keepFinished);
    }

    public CaptureSettings withMuteWhileEntering(boolean mute) {
        return new CaptureSettings(interDigitTimeout, fieldTimeout, sessionTimeout, cardRequired, bankRequired, doubleEntry,
                autoAdvance, mute, panDisplay, showExpiry, showPostcode, validator, keepFinished);
    }

    private static Set<CaptureField> immutable(Set<CaptureField> s) {
        return s.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(s));
    }

    private static void positive(Duration d, String name) {
        require(d != null && !d.isNegative() && !d.isZero(), name + " must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
