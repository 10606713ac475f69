package io.toneguard.server.api;

import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentStatus;
import io.toneguard.server.records.StatusChange;
import java.time.Instant;
import java.util.List;

/** A payment record as the API shows it: the amount as one {minor, currency, display} object like everywhere else. */
record PaymentView(String id, String agent, String callId, String captureId, String reference, Amount amount,
        String description, String brand, String maskedAccount, String transactionId, String authorizationCode,
        PaymentStatus status, List<StatusChange> history, Instant createdAt, Instant updatedAt) {

    static PaymentView of(PaymentRecord r) {
        return new PaymentView(r.id(), r.agent(), r.callId(), r.captureId(), r.reference(), Amount.of(r.amountMinor(), r.currency()),
                r.description(), r.brand(), r.maskedAccount(), r.transactionId(), r.authorizationCode(), r.status(), r.history(),
                r.createdAt(), r.updatedAt());
    }
}
