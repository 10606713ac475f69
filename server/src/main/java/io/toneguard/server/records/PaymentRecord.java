package io.toneguard.server.records;

import java.time.Instant;
import java.util.List;

/**
 * One payment attempt. By construction it holds no card data: the card appears only as its brand
 * and masked number (at most first six and last four), a bank account only as its masked number.
 *
 * @param amountMinor amount in minor units of {@code currency}
 * @param maskedAccount masked card or account number
 * @param transactionId PSP id, or null
 * @param authorizationCode issuer code, or null
 * @param history every status, oldest first (the last is {@code status})
 */
public record PaymentRecord(String id, String agent, String callId, String captureId, String reference, long amountMinor,
        String currency, String description, String brand, String maskedAccount, String transactionId,
        String authorizationCode, PaymentStatus status, List<StatusChange> history, Instant createdAt, Instant updatedAt) {
    public PaymentRecord {
        history = List.copyOf(history);
    }
}
