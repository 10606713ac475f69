package io.toneguard.psp.gateway;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened in a gateway call, for the audit log: no card data at all (the masked last four
 * of a card are added by the capture session, which knows them, not here).
 */
public record AuditEvent(Instant at, String gateway, Operation operation, String reference, String idempotencyKey,
        String outcome, String transactionId, int attempt, Duration took) {
}
