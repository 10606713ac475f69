package io.toneguard.server.capture;

import io.toneguard.psp.gateway.Amount;
import java.time.Instant;

/**
 * What happens in a capture, as pushed to its agent. Every variant carries only what an agent may
 * see: field names, digit counts, brands, masked values, reasons, PSP ids. {@link #type()} is the
 * event's name on the WebSocket.
 */
public sealed interface CaptureEvent {
    String captureId();

    String callId();

    /** The agent the capture's call is bound to (the events' audience; admins see all). */
    String agent();

    Instant at();

    /** The event's name in the API: captureStarted, fieldStarted, ... */
    String type();

    record CaptureStarted(String captureId, String callId, String agent, Instant at, CaptureKind kind, Amount amount,
            String reference) implements CaptureEvent {
        public String type() {
            return "captureStarted";
        }
    }

    /** @param repeat true when the caller is asked to key the field a second time (double entry) */
    record FieldStarted(String captureId, String callId, String agent, Instant at, CaptureField field, boolean repeat)
            implements CaptureEvent {
        public String type() {
            return "fieldStarted";
        }
    }

    /** A digit was keyed into the field: the count only. */
    record DigitProgress(String captureId, String callId, String agent, Instant at, CaptureField field, int digits)
            implements CaptureEvent {
        public String type() {
            return "digitProgress";
        }
    }

    /** @param brand display name for a card number, else null; @param masked null where not shown (security code) */
    record FieldObtained(String captureId, String callId, String agent, Instant at, CaptureField field, String brand,
            String masked, int digits) implements CaptureEvent {
        public String type() {
            return "fieldObtained";
        }
    }

    /** @param reason for the agent; @param code the reason as a word (luhnFailed, brandNotAccepted, expired, mismatch, ...) */
    record FieldInvalid(String captureId, String callId, String agent, Instant at, CaptureField field, String reason,
            String code) implements CaptureEvent {
        public String type() {
            return "fieldInvalid";
        }
    }

    record FieldCleared(String captureId, String callId, String agent, Instant at, CaptureField field) implements CaptureEvent {
        public String type() {
            return "fieldCleared";
        }
    }

    record ReadyToProcess(String captureId, String callId, String agent, Instant at) implements CaptureEvent {
        public String type() {
            return "readyToProcess";
        }
    }

    record PaymentSubmitted(String captureId, String callId, String agent, Instant at, String paymentRecordId)
            implements CaptureEvent {
        public String type() {
            return "paymentSubmitted";
        }
    }

    record PaymentApproved(String captureId, String callId, String agent, Instant at, String transactionId,
            String authorizationCode, String message) implements CaptureEvent {
        public String type() {
            return "paymentApproved";
        }
    }

    record PaymentDeclined(String captureId, String callId, String agent, Instant at, String reason) implements CaptureEvent {
        public String type() {
            return "paymentDeclined";
        }
    }

    record PaymentFailed(String captureId, String callId, String agent, Instant at, String reason) implements CaptureEvent {
        public String type() {
            return "paymentFailed";
        }
    }

    /** @param by who cancelled: agent, caller, call-ended */
    record CaptureCancelled(String captureId, String callId, String agent, Instant at, String by) implements CaptureEvent {
        public String type() {
            return "captureCancelled";
        }
    }

    /** @param field the field that timed out, or null for the whole capture */
    record CaptureTimedOut(String captureId, String callId, String agent, Instant at, CaptureField field) implements CaptureEvent {
        public String type() {
            return "captureTimedOut";
        }
    }

    record RecordingPaused(String captureId, String callId, String agent, Instant at) implements CaptureEvent {
        public String type() {
            return "recordingPaused";
        }
    }

    record RecordingResumed(String captureId, String callId, String agent, Instant at) implements CaptureEvent {
        public String type() {
            return "recordingResumed";
        }
    }

    /** The caller was handed to the payment IVR for this capture: the agent hears nothing from them until it ends. */
    record IvrStarted(String captureId, String callId, String agent, Instant at) implements CaptureEvent {
        public String type() {
            return "ivrStarted";
        }
    }

    /** @param outcome paid, declined, failed, cancelled, noInput or tooManyAttempts: the caller is back with the agent */
    record IvrEnded(String captureId, String callId, String agent, Instant at, String outcome) implements CaptureEvent {
        public String type() {
            return "ivrEnded";
        }
    }
}
