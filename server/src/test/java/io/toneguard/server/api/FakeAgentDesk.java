package io.toneguard.server.api;

import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.Refusal;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.CaptureState;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.FieldState;
import io.toneguard.server.capture.FieldView;
import io.toneguard.server.capture.StartCapture;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentStatus;
import io.toneguard.server.records.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory {@link AgentDesk} for API and page tests: calls are added by the test, captures
 * behave like the real ones in outline, and the test plays the caller (digits, obtained, invalid)
 * and the PSP (approve, decline). Every change is pushed to subscribers as the real desk would.
 */
final class FakeAgentDesk implements AgentDesk {
    /** A call id whose every operation fails unexpectedly (to check no stack trace reaches the client). */
    static final String BROKEN_CALL = "call-broken";

    private final Map<String, CallView> calls = new LinkedHashMap<>();
    private final Map<String, Capture> captures = new LinkedHashMap<>();
    private final List<PaymentRecord> payments = new ArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** What the desk was last asked to start (to check the HTTP layer's parsing). */
    volatile StartCapture lastStart;

    private record Subscriber(Principal who, Consumer<CaptureEvent> listener) {
    }

    private static final class Capture {
        String id;
        String callId;
        String agent;
        CaptureKind kind;
        CaptureState state = CaptureState.COLLECTING;
        Amount amount;
        String reference;
        String description;
        CaptureField active;
        Map<CaptureField, FieldView> fields = new LinkedHashMap<>();
        String result;
        String transactionId;
        String authorizationCode;
        String paymentRecordId;
        Instant startedAt;
        Instant updatedAt;

        CaptureView view() {
            return new CaptureView(id, callId, agent, kind, state, amount, reference, description, active,
                    List.copyOf(fields.values()), result, transactionId, authorizationCode, paymentRecordId, startedAt, updatedAt);
        }
    }

    // ---- the test's side ----

    synchronized CallView addCall(String id, String agent, String caller) {
        CallView c = new CallView(id, "confirmed", caller, "sip:agents@contact-centre.example", agent,
                Instant.parse("2026-01-05T09:30:00Z"), Instant.parse("2026-01-05T09:30:04Z"), null);
        calls.put(id, c);
        return c;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** The newest capture's id. */
    synchronized String lastCaptureId() {
        String last = null;
        for (String id : captures.keySet()) {
            last = id;
        }
        return last;
    }

    synchronized CaptureView view(String captureId) {
        return captures.get(captureId).view();
    }

    /** The caller keyed digit number {@code count} of {@code field}. */
    void digits(String captureId, CaptureField field, int count) {
        CaptureEvent e;
        synchronized (this) {
            Capture c = captures.get(captureId);
            c.active = field;
            put(c, new FieldView(field, c.fields.get(field).required(), FieldState.ENTERING, count, null, null, null));
            e = new CaptureEvent.DigitProgress(c.id, c.callId, c.agent, Instant.now(), field, count);
        }
        emit(e);
    }

    /** The field was keyed and is valid; when nothing required is missing the capture becomes ready. */
    void obtained(String captureId, CaptureField field, String brand, String masked, int digits) {
        List<CaptureEvent> out = new ArrayList<>();
        synchronized (this) {
            Capture c = captures.get(captureId);
            put(c, new FieldView(field, c.fields.get(field).required(), FieldState.OBTAINED, digits, brand, masked, null));
            c.active = null;
            out.add(new CaptureEvent.FieldObtained(c.id, c.callId, c.agent, Instant.now(), field, brand, masked, digits));
            boolean ready = c.fields.values().stream().noneMatch(f -> f.required() && f.state() != FieldState.OBTAINED);
            if (ready) {
                c.state = CaptureState.READY;
                out.add(new CaptureEvent.ReadyToProcess(c.id, c.callId, c.agent, Instant.now()));
            }
        }
        out.forEach(this::emit);
    }

    void invalid(String captureId, CaptureField field, String reason) {
        CaptureEvent e;
        synchronized (this) {
            Capture c = captures.get(captureId);
            put(c, new FieldView(field, c.fields.get(field).required(), FieldState.INVALID, 0, null, null, reason));
            c.active = null;
            e = new CaptureEvent.FieldInvalid(c.id, c.callId, c.agent, Instant.now(), field, reason, "expired");
        }
        emit(e);
    }

    void approve(String captureId, String transactionId, String authorizationCode) {
        finish(captureId, CaptureState.APPROVED, transactionId, authorizationCode, "Approved");
    }

    void decline(String captureId, String reason) {
        finish(captureId, CaptureState.DECLINED, null, null, reason);
    }

    private void finish(String captureId, CaptureState state, String txn, String auth, String message) {
        List<CaptureEvent> out = new ArrayList<>();
        synchronized (this) {
            Capture c = captures.get(captureId);
            c.state = state;
            c.transactionId = txn;
            c.authorizationCode = auth;
            c.result = message;
            c.updatedAt = Instant.now();
            FieldView card = c.fields.get(CaptureField.CARD_NUMBER);
            PaymentStatus status = state == CaptureState.APPROVED ? PaymentStatus.APPROVED : PaymentStatus.DECLINED;
            payments.add(new PaymentRecord(c.paymentRecordId, c.agent, c.callId, c.id, c.reference, c.amount.minorUnits(),
                    c.amount.currency().getCurrencyCode(), c.description, card == null ? null : card.brand(),
                    card == null ? null : card.masked(), txn, auth, status,
                    List.of(new StatusChange(PaymentStatus.SUBMITTED, c.updatedAt, null), new StatusChange(status, c.updatedAt, message)),
                    c.startedAt, c.updatedAt));
            out.add(state == CaptureState.APPROVED
                    ? new CaptureEvent.PaymentApproved(c.id, c.callId, c.agent, Instant.now(), txn, auth, message)
                    : new CaptureEvent.PaymentDeclined(c.id, c.callId, c.agent, Instant.now(), message));
            out.add(new CaptureEvent.RecordingResumed(c.id, c.callId, c.agent, Instant.now()));
            clearCallCapture(c.callId);
        }
        out.forEach(this::emit);
    }

    /** Pushes any event to the subscribers allowed to see it. */
    void emit(CaptureEvent e) {
        for (Subscriber s : subscribers) {
            if (s.who().mayAccess(e.agent())) {
                s.listener().accept(e);
            }
        }
    }

    // ---- AgentDesk ----

    @Override
    public synchronized List<CallView> calls(Principal who) {
        return calls.values().stream().filter(c -> who.mayAccess(c.agent())).toList();
    }

    @Override
    public synchronized CallView bind(Principal who, String callId, String agent) {
        CallView c = call(who, callId);
        CallView bound = new CallView(c.id(), c.state(), c.caller(), c.target(), agent, c.startedAt(), c.answeredAt(), c.captureId());
        calls.put(callId, bound);
        return bound;
    }

    @Override
    public CaptureView startIvr(Principal who, String callId, StartCapture request) {
        ivrStarts.incrementAndGet();
        return startCapture(who, callId, request);
    }

    /** How many times the IVR was asked for. */
    final java.util.concurrent.atomic.AtomicInteger ivrStarts = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public CaptureView startCapture(Principal who, String callId, StartCapture request) {
        List<CaptureEvent> out = new ArrayList<>();
        CaptureView view;
        synchronized (this) {
            CallView call = call(who, callId);
            if (call.captureId() != null) {
                throw Refusal.conflict("a capture is already running on this call");
            }
            lastStart = request;
            Capture c = new Capture();
            c.id = "cap-" + ids.incrementAndGet();
            c.callId = callId;
            c.agent = call.agent();
            c.kind = request.kind();
            c.amount = request.amount();
            c.reference = request.reference() == null || request.reference().isBlank() ? "TG-" + c.id : request.reference();
            c.description = request.description();
            c.startedAt = Instant.now();
            c.updatedAt = c.startedAt;
            Set<CaptureField> required = request.required() == null ? EnumSet.copyOf(request.kind().fields()) : request.required();
            for (CaptureField f : request.kind().fields()) {
                c.fields.put(f, new FieldView(f, required.contains(f), FieldState.WAITING, 0, null, null, null));
            }
            c.active = request.firstField() != null ? request.firstField()
                    : request.kind().fields().stream().filter(required::contains).findFirst().orElse(null);
            captures.put(c.id, c);
            calls.put(callId, new CallView(call.id(), call.state(), call.caller(), call.target(), call.agent(), call.startedAt(),
                    call.answeredAt(), c.id));
            out.add(new CaptureEvent.CaptureStarted(c.id, callId, c.agent, c.startedAt, c.kind, c.amount, c.reference));
            out.add(new CaptureEvent.RecordingPaused(c.id, callId, c.agent, c.startedAt));
            if (c.active != null) {
                put(c, new FieldView(c.active, required.contains(c.active), FieldState.ENTERING, 0, null, null, null));
                out.add(new CaptureEvent.FieldStarted(c.id, callId, c.agent, c.startedAt, c.active, false));
            }
            view = c.view();
        }
        out.forEach(this::emit);
        return view;
    }

    @Override
    public synchronized CaptureView capture(Principal who, String captureId) {
        return mine(who, captureId).view();
    }

    @Override
    public CaptureView requestField(Principal who, String captureId, CaptureField field) {
        CaptureEvent e;
        CaptureView v;
        synchronized (this) {
            Capture c = open(who, captureId, field);
            c.active = field;
            put(c, new FieldView(field, c.fields.get(field).required(), FieldState.ENTERING, 0, null, null, null));
            if (c.state == CaptureState.READY) {
                c.state = CaptureState.COLLECTING;
            }
            e = new CaptureEvent.FieldStarted(c.id, c.callId, c.agent, Instant.now(), field, false);
            v = c.view();
        }
        emit(e);
        return v;
    }

    @Override
    public CaptureView clearField(Principal who, String captureId, CaptureField field) {
        CaptureEvent e;
        CaptureView v;
        synchronized (this) {
            Capture c = open(who, captureId, field);
            put(c, new FieldView(field, c.fields.get(field).required(), FieldState.WAITING, 0, null, null, null));
            if (c.active == field) {
                c.active = null;
            }
            if (c.state == CaptureState.READY && c.fields.get(field).required()) {
                c.state = CaptureState.COLLECTING;
            }
            e = new CaptureEvent.FieldCleared(c.id, c.callId, c.agent, Instant.now(), field);
            v = c.view();
        }
        emit(e);
        return v;
    }

    @Override
    public CaptureView cancel(Principal who, String captureId) {
        List<CaptureEvent> out = new ArrayList<>();
        CaptureView v;
        synchronized (this) {
            Capture c = mine(who, captureId);
            if (c.state.isFinal() || c.state == CaptureState.PROCESSING) {
                throw Refusal.conflict("the capture is " + c.state.apiName() + ": it can no longer be cancelled");
            }
            c.state = CaptureState.CANCELLED;
            c.active = null;
            c.result = "Cancelled by the agent";
            c.updatedAt = Instant.now();
            clearCallCapture(c.callId);
            out.add(new CaptureEvent.CaptureCancelled(c.id, c.callId, c.agent, c.updatedAt, "agent"));
            out.add(new CaptureEvent.RecordingResumed(c.id, c.callId, c.agent, c.updatedAt));
            v = c.view();
        }
        out.forEach(this::emit);
        return v;
    }

    @Override
    public CaptureView process(Principal who, String captureId) {
        CaptureEvent e;
        CaptureView v;
        synchronized (this) {
            Capture c = mine(who, captureId);
            if (c.state != CaptureState.READY) {
                throw Refusal.conflict("the capture is not ready: required fields are missing");
            }
            c.state = CaptureState.PROCESSING;
            c.paymentRecordId = "pay-" + ids.incrementAndGet();
            c.updatedAt = Instant.now();
            e = new CaptureEvent.PaymentSubmitted(c.id, c.callId, c.agent, c.updatedAt, c.paymentRecordId);
            v = c.view();
        }
        emit(e);
        return v;
    }

    @Override
    public synchronized List<PaymentRecord> payments(Principal who, int limit) {
        return payments.stream().filter(p -> who.mayAccess(p.agent()))
                .sorted(Comparator.comparing(PaymentRecord::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public AutoCloseable subscribe(Principal who, Consumer<CaptureEvent> listener) {
        Subscriber s = new Subscriber(who, listener);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }

    // ---- helpers ----

    private CallView call(Principal who, String callId) {
        if (BROKEN_CALL.equals(callId)) {
            throw new IllegalStateException("simulated failure deep inside the desk");
        }
        CallView c = calls.get(callId);
        if (c == null || !who.mayAccess(c.agent())) {
            throw Refusal.notFound("no such call");
        }
        return c;
    }

    private Capture mine(Principal who, String captureId) {
        Capture c = captures.get(captureId);
        if (c == null || !who.mayAccess(c.agent)) {
            throw Refusal.notFound("no such capture");
        }
        return c;
    }

    private Capture open(Principal who, String captureId, CaptureField field) {
        Capture c = mine(who, captureId);
        if (c.state.isFinal() || c.state == CaptureState.PROCESSING) {
            throw Refusal.conflict("the capture is " + c.state.apiName());
        }
        if (!c.fields.containsKey(field)) {
            throw Refusal.invalid(field.apiName() + " is not a field of this capture");
        }
        return c;
    }

    private static void put(Capture c, FieldView f) {
        c.fields.put(f.field(), f);
        c.updatedAt = Instant.now();
    }

    private void clearCallCapture(String callId) {
        CallView call = calls.get(callId);
        calls.put(callId, new CallView(call.id(), call.state(), call.caller(), call.target(), call.agent(), call.startedAt(),
                call.answeredAt(), null));
    }
}
