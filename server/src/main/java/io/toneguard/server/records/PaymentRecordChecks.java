package io.toneguard.server.records;

import java.util.Objects;

/** The shape of what is written: required fields, a consistent history, lengths that fit the columns. */
final class PaymentRecordChecks {
    private PaymentRecordChecks() {
    }

    static void checkNew(PaymentRecord r) {
        Objects.requireNonNull(r, "record");
        text("id", r.id(), 64, true);
        text("agent", r.agent(), 128, true);
        text("callId", r.callId(), 256, false);
        text("captureId", r.captureId(), 64, false);
        text("reference", r.reference(), 128, true);
        text("description", r.description(), 1000, false);
        text("brand", r.brand(), 32, false);
        text("maskedAccount", r.maskedAccount(), 32, false);
        checkIds(r.transactionId(), r.authorizationCode());
        if (r.amountMinor() < 0) {
            throw new IllegalArgumentException("amountMinor must not be negative");
        }
        if (r.currency() == null || !r.currency().matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code of three capital letters");
        }
        Objects.requireNonNull(r.status(), "status");
        Objects.requireNonNull(r.createdAt(), "createdAt");
        Objects.requireNonNull(r.updatedAt(), "updatedAt");
        if (r.history().isEmpty()) {
            throw new IllegalArgumentException("history must hold at least the current status");
        }
        r.history().forEach(PaymentRecordChecks::checkChange);
        if (r.history().get(r.history().size() - 1).status() != r.status()) {
            throw new IllegalArgumentException("the last status of the history must be the record's status");
        }
    }

    static void checkChange(StatusChange c) {
        Objects.requireNonNull(c, "status change");
        Objects.requireNonNull(c.status(), "status");
        Objects.requireNonNull(c.at(), "at");
        text("message", c.message(), 1000, false);
    }

    static void checkIds(String transactionId, String authorizationCode) {
        text("transactionId", transactionId, 128, false);
        text("authorizationCode", authorizationCode, 64, false);
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return;
        }
        if (required && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
    }
}
