package io.toneguard.server.records;

import java.time.Instant;

/** One step of a payment record's history; {@code message} is agent-safe text (never card data). */
public record StatusChange(PaymentStatus status, Instant at, String message) {
}
