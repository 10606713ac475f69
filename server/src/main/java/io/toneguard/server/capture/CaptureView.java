package io.toneguard.server.capture;

import io.toneguard.psp.gateway.Amount;
import java.time.Instant;
import java.util.List;

/**
 * A capture as the agent sees it (masked).
 *
 * @param activeField the field being entered, or null
 * @param resultMessage the gateway's agent message once final (approved/declined/failed), or why it ended
 * @param transactionId the PSP's id once approved (or declined, where the PSP gives one), or null
 * @param authorizationCode the issuer's authorization code once approved, or null
 * @param paymentRecordId the payment record of this capture's attempt, or null before Process Payment
 */
public record CaptureView(String id, String callId, String agent, CaptureKind kind, CaptureState state, Amount amount,
        String reference, String description, CaptureField activeField, List<FieldView> fields, String resultMessage,
        String transactionId, String authorizationCode, String paymentRecordId, Instant startedAt, Instant updatedAt) {
}
