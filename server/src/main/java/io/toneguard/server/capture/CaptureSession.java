package io.toneguard.server.capture;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.psp.card.BankAccount;
import io.toneguard.psp.card.Card;
import io.toneguard.psp.card.CardBrand;
import io.toneguard.psp.card.Masking;
import io.toneguard.psp.card.SensitiveDigits;
import io.toneguard.psp.card.Validation;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.server.Refusal;
import io.toneguard.server.capture.CaptureEvent.CaptureCancelled;
import io.toneguard.server.capture.CaptureEvent.CaptureStarted;
import io.toneguard.server.capture.CaptureEvent.CaptureTimedOut;
import io.toneguard.server.capture.CaptureEvent.DigitProgress;
import io.toneguard.server.capture.CaptureEvent.FieldCleared;
import io.toneguard.server.capture.CaptureEvent.FieldInvalid;
import io.toneguard.server.capture.CaptureEvent.FieldObtained;
import io.toneguard.server.capture.CaptureEvent.FieldStarted;
import io.toneguard.server.capture.CaptureEvent.PaymentApproved;
import io.toneguard.server.capture.CaptureEvent.PaymentDeclined;
import io.toneguard.server.capture.CaptureEvent.PaymentFailed;
import io.toneguard.server.capture.CaptureEvent.PaymentSubmitted;
import io.toneguard.server.capture.CaptureEvent.ReadyToProcess;
import io.toneguard.server.capture.CaptureEvent.RecordingPaused;
import io.toneguard.server.capture.CaptureEvent.RecordingResumed;
import io.toneguard.server.records.DuplicateReferenceException;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentRecordsException;
import io.toneguard.server.records.PaymentStatus;
import io.toneguard.server.records.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One secure capture on one call: the caller's digits go into zeroable fields, the agent sees
 * masked progress as {@link CaptureEvent}s, and Process Payment sends the card to the gateway and
 * wipes it. A state machine: each input is a method that switches on the {@link CaptureState}.
 * Inputs come from the media thread (digits), the API (agent), timers and the gateway thread;
 * every input is handled under the session's lock, and events leave in the order they happened.
 */
public final class CaptureSession {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureSession.class);

    private final String id;
    private final String callId;
    private final String agent;
    private final CaptureKind kind;
    private final Amount amount;
    private final String reference;
    private final String description;
    private final CaptureSettings settings;
    private final CaptureContext context;
    private final CallControls controls;
    private final Instant startedAt;
    private final Map<CaptureField, FieldEntry> fields = new EnumMap<>(CaptureField.class);

    private CaptureState state = CaptureState.COLLECTING;
    private CaptureField active;
    private boolean recordingPaused;
    private boolean muted;
    private Instant updatedAt;
    private String resultMessage;
    private String transactionId;
    private String authorizationCode;
    private String paymentRecordId;
    /** Bumped at each digit and each field start or stop: an inter-digit timer from before does nothing. */
    private long digitGeneration;
    /** Bumped at each field start or stop: a field timer from before does nothing. */
    private long fieldGeneration;
    private ScheduledFuture<?> interDigitTimer;
    private ScheduledFuture<?> fieldTimer;
    private ScheduledFuture<?> sessionTimer;

    CaptureSession(String id, String callId, String agent, StartCapture request, Set<CaptureField> required,
            String reference, CaptureSettings settings, CaptureContext context, CallControls controls) {
        this.id = id;
        this.callId = callId;
        this.agent = agent;
        this.kind = request.kind();
        this.amount = request.amount();
        this.reference = reference;
        this.description = request.description();
        this.settings = settings;
        this.context = context;
        this.controls = controls;
        this.startedAt = context.clock().instant();
        this.updatedAt = startedAt;
        for (CaptureField f : kind.fields()) {
            fields.put(f, new FieldEntry(f, required.contains(f)));
        }
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    public String agent() {
        return agent;
    }

    public String reference() {
        return reference;
    }

    public synchronized CaptureState state() {
        return state;
    }

    /** Announces the capture, pauses the recording, arms the session timer and asks for the first field. */
    synchronized void begin(CaptureField firstField) {
        emit(new CaptureStarted(id, callId, agent, now(), kind, amount, reference));
        if (controls.pauseRecording(id)) {
            recordingPaused = true;
            emit(new RecordingPaused(id, callId, agent, now()));
        }
        sessionTimer = schedule(this::sessionTimedOut, settings.sessionTimeout());
        CaptureField first = firstField != null ? firstField : settings.autoAdvance() ? nextMissing() : null;
        if (first != null) {
            startField(first, false);
        }
    }

    // ---- inputs ---------------------------------------------------------------------------

    /** A key the caller pressed (from any source). Ignored unless a field is being entered. */
    public synchronized void digit(DtmfDigit digit) {
        switch (state) {
            case COLLECTING, READY -> {
                if (active != null) {
                    key(fields.get(active), digit);
                }
            }
            default -> {
                // no field open: the digit is not kept anywhere
            }
        }
    }

    /** The agent asks the caller for {@code field} (again). */
    public synchronized CaptureView requestField(CaptureField field) {
        FieldEntry entry = entryOf(field);
        switch (state) {
            case COLLECTING, READY -> {
                if (active != null && active != field) {
                    abandonEntry(fields.get(active));
                }
                entry.wipe(FieldState.WAITING);
                startField(field, false);
                return view();
            }
            default -> throw notNow("ask for a field");
        }
    }

    /** The agent clears {@code field}: its digits are wiped and it waits to be asked for again. */
    public synchronized CaptureView clearField(CaptureField field) {
        FieldEntry entry = entryOf(field);
        switch (state) {
            case COLLECTING, READY -> {
                if (active == field) {
                    stopEntry();
                }
                entry.wipe(FieldState.WAITING);
                emit(new FieldCleared(id, callId, agent, now(), field));
                if (state == CaptureState.READY && entry.required) {
                    state = CaptureState.COLLECTING;
                }
                return view();
            }
            default -> throw notNow("clear a field");
        }
    }

    /** The agent (or the call's end) cancels the capture: everything keyed is wiped. */
    public synchronized CaptureView cancel(String by) {
        switch (state) {
            case COLLECTING, READY -> {
                finish(CaptureState.CANCELLED, "Cancelled by " + by);
                emit(new CaptureCancelled(id, callId, agent, now(), by));
                resumeRecording();
                return view();
            }
            case PROCESSING -> throw Refusal.conflict("The payment is being processed and can no longer be cancelled");
            default -> throw notNow("cancel");
        }
    }

    /** The call ended: a capture still collecting is cancelled; a payment in flight finishes. */
    public synchronized void callEnded() {
        if (state == CaptureState.COLLECTING || state == CaptureState.READY) {
            cancel("call-ended");
        }
    }

    /**
     * Process Payment: the card goes to the gateway on the payment thread; the answer arrives as
     * events. Allowed only when every required field is obtained.
     */
    public synchronized CaptureView process() {
        switch (state) {
            case READY -> {
                submit();
                return view();
            }
            case COLLECTING -> throw Refusal.conflict("Not ready: still missing " + missingNames());
            default -> throw notNow("process a payment");
        }
    }

    /**
     * Copies the obtained expiry's month (1-12) and two-digit year into {@code monthYear}, for
     * reading back to the caller (the IVR) and nothing else; the caller zeroes the array after.
     *
     * @return false when no expiry is obtained
     */
    public synchronized boolean readExpiry(int[] monthYear) {
        FieldEntry e = fields.get(CaptureField.EXPIRY);
        if (e == null || e.state != FieldState.OBTAINED || e.value.isWiped() || e.value.length() != 4) {
            return false;
        }
        monthYear[0] = e.value.digit(0) * 10 + e.value.digit(1);
        monthYear[1] = e.value.digit(2) * 10 + e.value.digit(3);
        return true;
    }

    /** Whether every digit of the capture is gone (true once it has ended). */
    synchronized boolean wiped() {
        return fields.values().stream().allMatch(FieldEntry::isWiped);
    }

    public synchronized CaptureView view() {
        List<FieldView> views = new ArrayList<>();
        for (FieldEntry e : fields.values()) {
            views.add(e.view());
        }
        return new CaptureView(id, callId, agent, kind, state, amount, reference, description, active, views,
                resultMessage, transactionId, authorizationCode, paymentRecordId, startedAt, updatedAt);
    }

    // ---- field entry ----------------------------------------------------------------------

    private void startField(CaptureField field, boolean repeat) {
        FieldEntry entry = fields.get(field);
        if (!repeat) {
            entry.wipe(FieldState.ENTERING);
        }
        entry.state = FieldState.ENTERING;
        active = field;
        if (state == CaptureState.READY) {
            state = CaptureState.COLLECTING;
        }
        armFieldTimers(true);
        mute(true);
        emit(new FieldStarted(id, callId, agent, now(), field, repeat));
    }

    private void key(FieldEntry entry, DtmfDigit digit) {
        char k = digit.key();
        if (k == '*') {
            // the caller gives up on this entry: wipe it, the agent asks again
            stopEntry();
            entry.wipe(FieldState.WAITING);
            emit(new FieldCleared(id, callId, agent, now(), entry.field));
            return;
        }
        if (k == '#') {
            if (!entry.value.isEmpty()) {
                completeEntry(entry);
            }
            return;
        }
        if (!digit.isDecimal()) {
            return; // A-D are not part of any field
        }
        if (entry.value.length() >= entry.field.maxDigits()) {
            invalid(entry, Validation.invalid(Validation.Reason.TOO_LONG));
            return;
        }
        entry.value.append(k);
        armFieldTimers(false);
        emit(new DigitProgress(id, callId, agent, now(), entry.field, entry.value.length()));
        if (entry.field == CaptureField.CARD_NUMBER && entry.value.length() >= 6) {
            Validation partial = settings.validator().partial(entry.value);
            if (!partial.isValid()) {
                invalid(entry, partial);
                return;
            }
        }
        if (isComplete(entry)) {
            completeEntry(entry);
        }
    }

    /** Whether the digits keyed so far make a whole field, so the caller need not press {@code #}. */
    private boolean isComplete(FieldEntry entry) {
        SensitiveDigits v = entry.value;
        int n = v.length();
        return switch (entry.field) {
            case CARD_NUMBER -> n == CardBrand.maxLengthPossible(v) || n == 16 && settings.validator().cardNumber(v).isValid();
            case EXPIRY -> n == 4;
            case SECURITY_CODE -> n == obtainedBrand().map(CardBrand::securityCodeLength).orElse(4);
            case ROUTING_NUMBER -> n == 9;
            case POSTCODE -> n == settings.validator().policy().postcode().maxDigits();
            case ACCOUNT_NUMBER -> n == entry.field.maxDigits();
        };
    }

    private void completeEntry(FieldEntry entry) {
        Validation v = validate(entry);
        if (!v.isValid()) {
            invalid(entry, v);
            return;
        }
        if (settings.doubleEntry().contains(entry.field)) {
            if (entry.firstPass == null) {
                entry.firstPass = entry.value;
                entry.value = SensitiveDigits.empty();
                startField(entry.field, true);
                return;
            }
            boolean same = entry.firstPass.sameDigitsAs(entry.value);
            entry.firstPass.close();
            entry.firstPass = null;
            if (!same) {
                invalid(entry, "The two entries did not match", "mismatch");
                return;
            }
        }
        obtained(entry);
    }

    private Validation validate(FieldEntry entry) {
        SensitiveDigits v = entry.value;
        return switch (entry.field) {
            case CARD_NUMBER -> settings.validator().cardNumber(v);
            case EXPIRY -> settings.validator().expiry(v);
            case SECURITY_CODE -> obtainedBrand().map(b -> settings.validator().securityCode(v, b))
                    .orElse(v.length() >= 3 && v.length() <= 4 ? Validation.VALID
                            : Validation.invalid(Validation.Reason.WRONG_LENGTH, "Security code must be three or four digits"));
            case POSTCODE -> settings.validator().postcode(v);
            case ROUTING_NUMBER -> settings.validator().routingNumber(v);
            case ACCOUNT_NUMBER -> settings.validator().accountNumber(v);
        };
    }

    private void obtained(FieldEntry entry) {
        stopEntry();
        entry.state = FieldState.OBTAINED;
        entry.invalidReason = null;
        entry.brand = entry.field == CaptureField.CARD_NUMBER ? CardBrand.detect(entry.value).map(CardBrand::displayName).orElse(null) : null;
        entry.masked = masked(entry);
        entry.obtainedDigits = entry.value.length();
        emit(new FieldObtained(id, callId, agent, now(), entry.field, entry.brand, entry.masked, entry.value.length()));
        if (entry.field == CaptureField.CARD_NUMBER) {
            recheckSecurityCode();
        }
        advance();
    }

    /** A card number of another brand may make an obtained security code the wrong length. */
    private void recheckSecurityCode() {
        FieldEntry code = fields.get(CaptureField.SECURITY_CODE);
        if (code != null && code.state == FieldState.OBTAINED) {
            Validation v = validate(code);
            if (!v.isValid()) {
                invalid(code, v);
            }
        }
    }

    /** Asks for the next missing field, or announces that the payment can be processed. */
    private void advance() {
        CaptureField next = nextMissing();
        if (next == null) {
            if (state == CaptureState.COLLECTING) {
                state = CaptureState.READY;
                emit(new ReadyToProcess(id, callId, agent, now()));
            }
        } else if (settings.autoAdvance() && active == null) {
            startField(next, false);
        }
    }

    private void invalid(FieldEntry entry, Validation v) {
        invalid(entry, v.agentMessage(), reasonCode(v.reason()));
    }

    /** TOO_SHORT -> "tooShort": the reason as a word for programs (the IVR picks its prompt by it). */
    private static String reasonCode(Validation.Reason r) {
        String[] words = r.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return b.toString();
    }

    private void invalid(FieldEntry entry, String reason, String code) {
        if (active == entry.field) {
            stopEntry();
        }
        int keyed = entry.value.length();
        entry.wipe(FieldState.INVALID);
        entry.invalidReason = reason;
        if (state == CaptureState.READY && entry.required) {
            state = CaptureState.COLLECTING;
        }
        emit(new FieldInvalid(id, callId, agent, now(), entry.field, reason, code));
        LOG.debug("capture {} on call {}: {} invalid after {} digits", id, callId, entry.field.apiName(), keyed);
    }

    /** The field being entered is left (another one is asked for): its partial digits are wiped. */
    private void abandonEntry(FieldEntry entry) {
        stopEntry();
        entry.wipe(FieldState.WAITING);
        emit(new FieldCleared(id, callId, agent, now(), entry.field));
    }

    /** No field is being entered any more: timers off, the agent hears the caller again. */
    private void stopEntry() {
        active = null;
        digitGeneration++;
        fieldGeneration++;
        cancel(interDigitTimer);
        cancel(fieldTimer);
        interDigitTimer = null;
        fieldTimer = null;
        mute(false);
    }

    private String masked(FieldEntry entry) {
        SensitiveDigits v = entry.value;
        return switch (entry.field) {
            case CARD_NUMBER -> settings.panDisplay().mask(v);
            case EXPIRY -> settings.showExpiry() ? new String(new char[] {v.charAt(0), v.charAt(1), '/', v.charAt(2), v.charAt(3)}) : null;
            case SECURITY_CODE -> null;
            case POSTCODE -> settings.showPostcode() ? postcodeText(v) : null;
            case ROUTING_NUMBER, ACCOUNT_NUMBER -> Masking.lastFour(v);
        };
    }

    private static String postcodeText(SensitiveDigits v) {
        char[] c = new char[v.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = v.charAt(i);
        }
        return new String(c);
    }

    private Optional<CardBrand> obtainedBrand() {
        FieldEntry pan = fields.get(CaptureField.CARD_NUMBER);
        if (pan == null || pan.state != FieldState.OBTAINED) {
            return Optional.empty();
        }
        return CardBrand.detect(pan.value);
    }

    private CaptureField nextMissing() {
        for (FieldEntry e : fields.values()) {
            if (e.required && e.state != FieldState.OBTAINED) {
                return e.field;
            }
        }
        return null;
    }

    private String missingNames() {
        List<String> names = new ArrayList<>();
        for (FieldEntry e : fields.values()) {
            if (e.required && e.state != FieldState.OBTAINED) {
                names.add(e.field.apiName());
            }
        }
        return String.join(", ", names);
    }

    private FieldEntry entryOf(CaptureField field) {
        FieldEntry entry = fields.get(field);
        if (entry == null) {
            throw Refusal.invalid("A " + kind.apiName() + " capture has no field " + field.apiName());
        }
        return entry;
    }

    // ---- payment --------------------------------------------------------------------------

    private void submit() {
        String recordId = UUID.randomUUID().toString();
        Instant at = now();
        FieldEntry pan = fields.get(CaptureField.CARD_NUMBER);
        FieldEntry account = fields.get(CaptureField.ACCOUNT_NUMBER);
        String brand = pan != null ? pan.brand : "Bank account";
        String masked = pan != null ? pan.masked : account.masked;
        PaymentRecord record = new PaymentRecord(recordId, agent, callId, id, reference, amount.minorUnits(),
                amount.currency().getCurrencyCode(), description, brand, masked, null, null, PaymentStatus.SUBMITTED,
                List.of(new StatusChange(PaymentStatus.SUBMITTED, at, "Submitted by " + agent)), at, at);
        try {
            context.records().create(record);
        } catch (DuplicateReferenceException e) {
            throw Refusal.conflict("The payment reference " + reference + " is already used: start a capture with another reference");
        } catch (PaymentRecordsException e) {
            LOG.error("capture {} on call {}: the payment record could not be written ({}); nothing was charged", id, callId,
                    e.getMessage());
            throw Refusal.unavailable("Payment records are unavailable, so nothing was charged: try Process Payment again");
        }
        GatewayRequest request = gatewayRequest();
        state = CaptureState.PROCESSING;
        paymentRecordId = recordId;
        touch();
        emit(new PaymentSubmitted(id, callId, agent, now(), recordId));
        try {
            context.paymentExecutor().execute(() -> charge(request));
        } catch (RuntimeException e) {
            wipe(request);
            answered(new PaymentResult.GatewayError("payments are not being accepted right now", false));
        }
    }

    /** The gateway gets its own copies of the digits; the capture's fields are wiped at once. */
    private GatewayRequest gatewayRequest() {
        PaymentRequest payment = new PaymentRequest(reference, amount, description);
        GatewayRequest request;
        if (kind == CaptureKind.CARD) {
            Card card = new Card(copy(CaptureField.CARD_NUMBER), copy(CaptureField.EXPIRY), copy(CaptureField.SECURITY_CODE),
                    copy(CaptureField.POSTCODE));
            request = new GatewayRequest.Sale(card, payment, "");
        } else {
            BankAccount account = new BankAccount(copy(CaptureField.ROUTING_NUMBER), copy(CaptureField.ACCOUNT_NUMBER));
            request = new GatewayRequest.AchDebit(account, payment, "");
        }
        for (FieldEntry e : fields.values()) {
            e.value.clear();
        }
        return request;
    }

    private SensitiveDigits copy(CaptureField field) {
        FieldEntry e = fields.get(field);
        return e == null || e.state != FieldState.OBTAINED ? SensitiveDigits.empty() : e.value.copy();
    }

    /** On the payment thread: the gateway call, then the security code is wiped whatever the answer. */
    private void charge(GatewayRequest request) {
        PaymentResult result;
        try {
            result = context.gateway().apply(request);
        } catch (RuntimeException e) {
            LOG.warn("capture {} on call {}: the payment gateway failed ({})", id, callId, e.getClass().getSimpleName());
            result = new PaymentResult.GatewayError("internal error", false);
        } finally {
            if (request instanceof GatewayRequest.Sale sale) {
                sale.card().wipeSecurityCode();
            }
            wipe(request);
        }
        answered(result);
    }

    private static void wipe(GatewayRequest request) {
        if (request instanceof GatewayRequest.Sale sale) {
            sale.card().close();
        } else if (request instanceof GatewayRequest.AchDebit ach) {
            ach.account().close();
        }
    }

    private synchronized void answered(PaymentResult result) {
        PaymentStatus status;
        CaptureState next;
        if (result instanceof PaymentResult.Approved a) {
            status = PaymentStatus.APPROVED;
            next = CaptureState.APPROVED;
            transactionId = a.transactionId();
            authorizationCode = a.authorizationCode();
        } else if (result instanceof PaymentResult.Declined) {
            status = PaymentStatus.DECLINED;
            next = CaptureState.DECLINED;
        } else {
            status = PaymentStatus.FAILED;
            next = CaptureState.FAILED;
        }
        String message = result.agentMessage();
        try {
            context.records().update(paymentRecordId, new StatusChange(status, now(), message), transactionId, authorizationCode);
        } catch (RuntimeException e) {
            LOG.error("capture {} on call {}: payment record {} could not be updated ({})", id, callId, paymentRecordId,
                    e.getClass().getSimpleName());
        }
        finish(next, message);
        if (result instanceof PaymentResult.Approved) {
            emit(new PaymentApproved(id, callId, agent, now(), transactionId, authorizationCode, message));
        } else if (result instanceof PaymentResult.Declined d) {
            emit(new PaymentDeclined(id, callId, agent, now(), d.reason()));
        } else {
            emit(new PaymentFailed(id, callId, agent, now(), message));
        }
        resumeRecording();
    }

    // ---- timers and endings ---------------------------------------------------------------

    private void armFieldTimers(boolean fieldStart) {
        long digits = ++digitGeneration;
        cancel(interDigitTimer);
        interDigitTimer = fieldStart ? null : schedule(() -> interDigitPause(digits), settings.interDigitTimeout());
        if (fieldStart) {
            long field = ++fieldGeneration;
            cancel(fieldTimer);
            fieldTimer = schedule(() -> fieldTimedOut(field), settings.fieldTimeout());
        }
    }

    /** A pause after some digits ends the entry, as {@code #} would. */
    private synchronized void interDigitPause(long generation) {
        if (generation != digitGeneration || active == null || state.isFinal() || state == CaptureState.PROCESSING) {
            return;
        }
        FieldEntry entry = fields.get(active);
        if (!entry.value.isEmpty()) {
            completeEntry(entry);
        }
    }

    private synchronized void fieldTimedOut(long generation) {
        if (generation != fieldGeneration || active == null || state.isFinal() || state == CaptureState.PROCESSING) {
            return;
        }
        FieldEntry entry = fields.get(active);
        stopEntry();
        entry.wipe(FieldState.WAITING);
        emit(new CaptureTimedOut(id, callId, agent, now(), entry.field));
    }

    private synchronized void sessionTimedOut() {
        if (state == CaptureState.COLLECTING || state == CaptureState.READY) {
            finish(CaptureState.TIMED_OUT, "Timed out after " + settings.sessionTimeout().toMinutes() + " minutes");
            emit(new CaptureTimedOut(id, callId, agent, now(), null));
            resumeRecording();
        }
    }

    /** Ends the capture: every digit wiped, timers off, the caller heard again. */
    private void finish(CaptureState end, String message) {
        if (active != null) {
            stopEntry();
        }
        mute(false);
        cancel(sessionTimer);
        for (FieldEntry e : fields.values()) {
            e.destroy();
        }
        state = end;
        resultMessage = message;
        touch();
    }

    private void resumeRecording() {
        if (recordingPaused) {
            recordingPaused = false;
            if (controls.resumeRecording(id)) {
                emit(new RecordingResumed(id, callId, agent, now()));
            }
        }
    }

    private void mute(boolean on) {
        if (settings.muteWhileEntering() && muted != on) {
            muted = on;
            controls.muteCallerAudio(on);
        }
    }

    private Refusal notNow(String what) {
        return Refusal.conflict("Cannot " + what + ": the capture is " + state.apiName());
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration after) {
        return context.timers().schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void emit(CaptureEvent event) {
        touch();
        try {
            context.events().accept(event);
        } catch (RuntimeException e) {
            LOG.warn("capture {}: an event listener failed ({})", id, e.getClass().getSimpleName());
        }
    }

    private void touch() {
        updatedAt = now();
    }

    private Instant now() {
        return context.clock().instant();
    }

    @Override
    public String toString() {
        return "CaptureSession[" + id + ", call " + callId + "]";
    }
}
