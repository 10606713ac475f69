package io.toneguard.server.api;

import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.StartCapture;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/calls/{callId}/captures}, as sent; {@link #toStartCapture()}
 * checks it and says what is wrong in words an agent understands.
 *
 * @param amount decimal string in major units ("25.50"); or give {@code amountMinor}
 */
record StartCaptureRequest(String kind, String amount, Long amountMinor, String currency, String reference,
        String description, List<String> required, String firstField) {

    private static final int MAX_REFERENCE = 64;
    private static final int MAX_DESCRIPTION = 200;

    StartCapture toStartCapture() {
        CaptureKind k = captureKind();
        Amount money = money();
        if (reference != null && (reference.length() > MAX_REFERENCE || !printable(reference))) {
            throw ApiProblem.badRequest("reference must be at most " + MAX_REFERENCE + " printable characters");
        }
        if (description != null && (description.length() > MAX_DESCRIPTION || !printable(description))) {
            throw ApiProblem.badRequest("description must be at most " + MAX_DESCRIPTION + " printable characters");
        }
        Set<CaptureField> req = null;
        if (required != null) {
            if (required.isEmpty()) {
                throw ApiProblem.badRequest("required must name at least one field (or be left out for the default)");
            }
            req = EnumSet.noneOf(CaptureField.class);
            for (String f : required) {
                req.add(fieldOf(k, f, "required"));
            }
        }
        CaptureField first = firstField == null ? null : fieldOf(k, firstField, "firstField");
        return new StartCapture(k, money, reference, description, req, first);
    }

    private CaptureKind captureKind() {
        if (kind == null) {
            throw ApiProblem.badRequest("kind is required (card or bankAccount)");
        }
        try {
            return CaptureKind.fromApiName(kind);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    private Amount money() {
        if (currency == null || currency.isBlank()) {
            throw ApiProblem.badRequest("currency is required (an ISO 4217 code such as GBP)");
        }
        Currency cur;
        try {
            cur = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown currency '" + clip(currency) + "' (an ISO 4217 code such as GBP)");
        }
        if (cur.getDefaultFractionDigits() < 0) {
            throw ApiProblem.badRequest("currency " + cur.getCurrencyCode() + " cannot be used for payments");
        }
        if ((amount == null) == (amountMinor == null)) {
            throw ApiProblem.badRequest("give the amount either as amount (\"25.50\") or as amountMinor (2550), once");
        }
        long minor;
        if (amountMinor != null) {
            minor = amountMinor;
        } else {
            try {
                minor = Amount.parse(amount, cur).minorUnits();
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(e.getMessage());
            }
        }
        if (minor <= 0 || minor > 1_000_000_000_000L) {
            throw ApiProblem.badRequest("amount must be more than zero and at most 10000000000 major units");
        }
        return new Amount(minor, cur);
    }

    private static CaptureField fieldOf(CaptureKind kind, String name, String key) {
        CaptureField f;
        try {
            f = CaptureField.fromApiName(name);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(key + ": unknown field '" + clip(name) + "'");
        }
        if (!kind.fields().contains(f)) {
            throw ApiProblem.badRequest(key + ": " + f.apiName() + " is not a field of a " + kind.apiName() + " capture");
        }
        return f;
    }

    private static boolean printable(String s) {
        return s.codePoints().noneMatch(Character::isISOControl);
    }

    /** Echoes at most a few characters of bad input. */
    static String clip(String s) {
        String t = s.codePoints().filter(c -> !Character.isISOControl(c)).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return t.length() <= 20 ? t : t.substring(0, 20) + "...";
    }
}
