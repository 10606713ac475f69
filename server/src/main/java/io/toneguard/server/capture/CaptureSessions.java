package io.toneguard.server.capture;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.server.Refusal;
import io.toneguard.server.records.PaymentRecordGuard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Every capture of the server: at most one running per call, the caller's digits routed to it,
 * finished ones kept for a while so agents can still read their outcome.
 */
public final class CaptureSessions implements AutoCloseable {
    /** Letters between the digit groups, so that a generated reference never reads as a card number. */
    private static final DateTimeFormatter REFERENCE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_REFERENCE = 64;
    private static final int MAX_DESCRIPTION = 255;

    private final CaptureSettings settings;
    private final CaptureContext context;
    private final Map<String, CaptureSession> byId = new ConcurrentHashMap<>();
    /** The capture running on each call (removed when it finishes). */
    private final Map<String, CaptureSession> byCall = new ConcurrentHashMap<>();

    public CaptureSessions(CaptureSettings settings, CaptureContext context) {
        this.settings = settings;
        this.context = context;
        context.timers().scheduleWithFixedDelay(this::forgetOld, 1, 1, TimeUnit.MINUTES);
    }

    public CaptureSettings settings() {
        return settings;
    }

    /**
     * Starts a capture on a call for its agent.
     *
     * @throws Refusal invalid for a bad request, conflict if the call already has a capture running or the
     *     reference is used
     */
    public CaptureSession start(String callId, String agent, StartCapture request, CallControls controls) {
        return start(callId, agent, request, controls, settings);
    }

    /** Starts a capture that behaves by other settings (the IVR: no auto-advance, its own timeouts). */
    public CaptureSession start(String callId, String agent, StartCapture request, CallControls controls,
            CaptureSettings settings) {
        if (request.kind() == null) {
            throw Refusal.invalid("kind is required (card or bankAccount)");
        }
        if (request.amount() == null || request.amount().minorUnits() <= 0) {
            throw Refusal.invalid("amount must be more than zero");
        }
        Set<CaptureField> required = required(request, settings);
        if (request.firstField() != null && !request.kind().fields().contains(request.firstField())) {
            throw Refusal.invalid("firstField " + request.firstField().apiName() + " is not a field of a " + request.kind().apiName() + " capture");
        }
        String reference = request.reference() == null || request.reference().isBlank() ? newReference() : request.reference().strip();
        checkText("reference", reference, MAX_REFERENCE);
        if (request.description() != null) {
            checkText("description", request.description(), MAX_DESCRIPTION);
        }
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            CaptureSession running = byCall.get(callId);
            if (running != null && !running.state().isFinal()) {
                throw Refusal.conflict("Call " + callId + " already has a capture running (" + running.id() + ")");
            }
            if (referenceInUse(reference)) {
                throw Refusal.conflict("The payment reference " + reference + " is already used");
            }
            CaptureSession session = new CaptureSession(id, callId, agent, request, required, reference, settings, context, controls);
            byId.put(id, session);
            byCall.put(callId, session);
            session.begin(request.firstField());
            return session;
        }
    }

    public Optional<CaptureSession> find(String captureId) {
        return Optional.ofNullable(byId.get(captureId));
    }

    /** The capture running (or last run) on a call. */
    public Optional<CaptureSession> onCall(String callId) {
        return Optional.ofNullable(byCall.get(callId));
    }

    /**
     * A digit for the capture running on the call, handed to the capture thread so the media thread
     * never waits; with no capture running, it is dropped.
     */
    public void digit(String callId, DtmfDigit digit) {
        CaptureSession s = byCall.get(callId);
        if (s != null) {
            context.timers().execute(() -> s.digit(digit));
        }
    }

    /** The call ended: its capture is cancelled unless a payment is in flight. */
    public void callEnded(String callId) {
        CaptureSession s = byCall.remove(callId);
        if (s != null) {
            context.timers().execute(s::callEnded);
        }
    }

    private Set<CaptureField> required(StartCapture request, CaptureSettings settings) {
        if (request.required() == null || request.required().isEmpty()) {
            return settings.defaultRequired(request.kind());
        }
        Set<CaptureField> fields = EnumSet.copyOf(request.required());
        for (CaptureField f : fields) {
            if (!request.kind().fields().contains(f)) {
                throw Refusal.invalid(f.apiName() + " is not a field of a " + request.kind().apiName() + " capture");
            }
        }
        Set<CaptureField> mandatory = request.kind() == CaptureKind.CARD ? EnumSet.of(CaptureField.CARD_NUMBER)
                : EnumSet.copyOf(CaptureKind.BANK_ACCOUNT.fields());
        if (!fields.containsAll(mandatory)) {
            throw Refusal.invalid(request.kind() == CaptureKind.CARD ? "required must include cardNumber"
                    : "required must include routingNumber and accountNumber");
        }
        return fields;
    }

    private boolean referenceInUse(String reference) {
        for (CaptureSession s : byId.values()) {
            if (s.reference().equals(reference) && s.state() != CaptureState.CANCELLED && s.state() != CaptureState.TIMED_OUT) {
                return true;
            }
        }
        return context.records().referenceExists(reference);
    }

    private String newReference() {
        return "TG-" + REFERENCE_TIME.format(context.clock().instant()) + "-" + randomLetters(4);
    }

    /**
     * Free text must be printable and must not hide a card number: a run of 12 or more digits
     * that passes the Luhn check is refused (without echoing it).
     */
    static void checkText(String name, String text, int max) {
        if (text.length() > max) {
            throw Refusal.invalid(name + " must be at most " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw Refusal.invalid(name + " must not contain control characters");
            }
        }
        if (hidesCardNumber(text)) {
            throw Refusal.invalid(name + " must not contain a card number");
        }
    }

    private static String randomLetters(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + ThreadLocalRandom.current().nextInt(26));
        }
        return new String(c);
    }

    /** The same rule the payment records enforce, checked before anything is captured. */
    static boolean hidesCardNumber(String text) {
        return PaymentRecordGuard.containsCardNumber(text);
    }

    private void forgetOld() {
        Instant cutoff = context.clock().instant().minus(settings.keepFinished());
        byId.values().removeIf(s -> {
            CaptureView v = s.view();
            return v.state().isFinal() && v.updatedAt().isBefore(cutoff);
        });
        byCall.values().removeIf(s -> !byId.containsKey(s.id()));
    }

    /** Cancels every capture still collecting (on shutdown). */
    @Override
    public void close() {
        for (CaptureSession s : byId.values()) {
            s.callEnded();
        }
    }
}
