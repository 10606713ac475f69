package io.toneguard.server.ivr;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.ivr.play.PlayPromptStage;
import io.toneguard.server.Refusal;
import io.toneguard.server.capture.CallControls;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.CaptureSession;
import io.toneguard.server.capture.CaptureSessions;
import io.toneguard.server.capture.CaptureSettings;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.StartCapture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The payment IVR flows of the server: at most one per call, keys and capture events routed to it. */
public final class IvrSessions {
    private static final Logger LOG = LoggerFactory.getLogger(IvrSessions.class);

    private final IvrSettings settings;
    private final AmountLookup lookups;
    private final CaptureSessions captures;
    private final ScheduledExecutorService thread;
    private final Consumer<CaptureEvent> publish;
    private final Clock clock;
    private final Map<String, IvrSession> byCall = new ConcurrentHashMap<>();
    private final Map<String, IvrSession> byCapture = new ConcurrentHashMap<>();

    /**
     * @param lookups asks the services that know self-service amounts
     * @param thread the one thread every flow runs on (the capture thread)
     * @param publish where the IVR's own events go (to the agents)
     */
    public IvrSessions(IvrSettings settings, AmountLookup lookups, CaptureSessions captures, ScheduledExecutorService thread,
            Consumer<CaptureEvent> publish, Clock clock) {
        this.settings = settings;
        this.lookups = lookups;
        this.captures = captures;
        this.thread = thread;
        this.publish = publish;
        this.clock = clock;
    }

    /** Every prompt id a flow may play: a prompt set must have them all. */
    public static Set<String> requiredPromptIds(IvrSettings s) {
        Set<String> ids = new java.util.TreeSet<>(PaymentFlow.promptIds());
        ids.addAll(s.say().requiredIds());
        if (s.announceToAgent()) {
            ids.add(IvrSettings.AGENT_ANNOUNCEMENT);
        }
        for (IvrSettings.SelfService service : s.selfService().values()) {
            if (service.amountFrom() instanceof IvrSettings.AmountSource.KeyedByCaller
                    || service.amountFrom() instanceof IvrSettings.AmountSource.Lookup l && l.callerKeysOnFailure()) {
                ids.add(io.toneguard.ivr.prompt.PromptIds.enterAmount(service.currency()));
            }
        }
        return ids;
    }

    public IvrSettings settings() {
        return settings;
    }

    /**
     * Sends the caller of a call into the payment IVR for its agent.
     *
     * @param toCaller the call's prompt stage toward the caller
     * @param toAgent the call's stage toward the agent (silence during the flow)
     */
    public CaptureView start(String callId, String agent, StartCapture request, CallControls controls, PlayPromptStage toCaller,
            PlayPromptStage toAgent) {
        if (request.kind() == null) {
            throw Refusal.invalid("kind is required (card or bankAccount)");
        }
        if (byCall.containsKey(callId)) {
            throw Refusal.conflict("The caller of call " + callId + " is already in the payment IVR");
        }
        List<CaptureField> fields = fields(request);
        CaptureSession capture = openCapture(callId, agent, request, fields, controls);
        IvrSession session = new IvrSession(settings, capture, null, fields, toCaller, toAgent, thread, false,
                (outcome, c) -> ended(callId, c, outcome));
        if (byCall.putIfAbsent(callId, session) != null) {
            capture.cancel("ivr");
            throw Refusal.conflict("The caller of call " + callId + " is already in the payment IVR");
        }
        byCapture.put(capture.id(), session);
        published(capture);
        session.start();
        return capture.view();
    }

    /** The agent of self-service captures (admins see their events and records). */
    public static final String SELF_SERVICE_AGENT = "self-service";

    /**
     * A self-service number's call, answered by ToneGuard: the flow for the named payment starts at
     * once (its amount configured, looked up, or keyed by the caller), and {@code hangUp} ends the
     * call after it.
     *
     * @param caller the caller's From URI (what an amount lookup is told)
     */
    public void startSelfService(String callId, String caller, String name, CallControls controls, PlayPromptStage toCaller,
            PlayPromptStage toAgent, Runnable hangUp) {
        IvrSettings.SelfService s = settings.selfService().get(name);
        if (s == null) {
            throw new IllegalStateException("no ivr.selfService entry " + name);
        }
        List<CaptureField> fields = s.kind() == CaptureKind.CARD ? settings.cardFields() : settings.bankFields();
        IvrSession session = new IvrSession(settings, null, (amount, description) -> {
            CaptureSession capture = openCapture(callId, SELF_SERVICE_AGENT,
                    new StartCapture(s.kind(), amount, null, description, null, null), fields, controls);
            IvrSession opening = byCall.get(callId);
            if (opening == null) { // the call ended meanwhile
                capture.callEnded();
                throw new IllegalStateException("call " + callId + " has ended");
            }
            byCapture.put(capture.id(), opening);
            published(capture);
            return capture;
        }, fields, toCaller, toAgent, thread, true, (outcome, capture) -> {
            ended(callId, capture, outcome);
            hangUp.run();
        });
        if (byCall.putIfAbsent(callId, session) != null) {
            throw new IllegalStateException("call " + callId + " is already in the payment IVR");
        }
        session.takeCaller();
        IvrSettings.AmountSource from = s.amountFrom();
        if (from instanceof IvrSettings.AmountSource.Fixed f) {
            session.startFor(f.amount(), s.description());
        } else if (from instanceof IvrSettings.AmountSource.Lookup l) {
            lookups.lookUp(l.target(), s.currency(), name, callId, caller)
                    .thenAccept(answer -> lookedUp(callId, name, s, l, session, answer));
        } else {
            session.startKeyed(s.limits(), s.description());
        }
    }

    private void lookedUp(String callId, String name, IvrSettings.SelfService s, IvrSettings.AmountSource.Lookup l,
            IvrSession session, AmountLookup.Result answer) {
        if (answer instanceof AmountLookup.Result.Found found && s.limits().allows(found.amount())) {
            LOG.info("self-service call {}: {} looked up", callId, found.amount());
            session.startFor(found.amount(), found.description() != null ? found.description() : s.description());
            return;
        }
        if (answer instanceof AmountLookup.Result.NothingDue) {
            LOG.info("self-service call {}: the lookup of {} says nothing is due", callId, name);
            session.nothingDue();
            return;
        }
        String why = answer instanceof AmountLookup.Result.Failed f ? f.reason()
                : "the amount is outside " + s.limits().min() + " to " + s.limits().max();
        LOG.warn("self-service call {}: the amount lookup of {} failed ({}){}", callId, name, why,
                l.callerKeysOnFailure() ? ", the caller keys it" : "");
        if (l.callerKeysOnFailure()) {
            session.startKeyed(s.limits(), s.description());
        } else {
            session.unavailable();
        }
    }

    /** The capture of a flow: the flow's own settings (no auto-advance, the IVR's timeouts), its fields required. */
    private CaptureSession openCapture(String callId, String agent, StartCapture request, List<CaptureField> fields,
            CallControls controls) {
        StartCapture ivrRequest = new StartCapture(request.kind(), request.amount(), request.reference(), request.description(),
                EnumSet.copyOf(fields), null);
        CaptureSettings ivrCapture = captures.settings().withAutoAdvance(false)
                .withTimeouts(settings.interDigitTimeout(), settings.noInputTimeout(), captures.settings().sessionTimeout());
        return captures.start(callId, agent, ivrRequest, controls, ivrCapture);
    }

    private void published(CaptureSession capture) {
        publish.accept(new CaptureEvent.IvrStarted(capture.id(), capture.callId(), capture.agent(), clock.instant()));
        LOG.info("IVR on call {}: capture {} started", capture.callId(), capture.id());
    }

    /** A key from a call's caller: true if a flow took it (it goes nowhere else then). */
    public boolean key(String callId, DtmfDigit digit) {
        IvrSession s = byCall.get(callId);
        if (s == null) {
            return false;
        }
        s.key(digit);
        return true;
    }

    /** Every capture event: those of an IVR capture drive its flow. */
    public void event(CaptureEvent e) {
        IvrSession s = byCapture.get(e.captureId());
        if (s != null) {
            s.event(e);
        }
    }

    public boolean active(String callId) {
        return byCall.containsKey(callId);
    }

    public void callEnded(String callId) {
        IvrSession s = byCall.remove(callId);
        if (s != null) {
            byCapture.values().removeIf(v -> v == s);
            s.callEnded();
        }
    }

    /** A flow is over; {@code capture} is null if it never opened one (a self-service amount that could not be had). */
    private void ended(String callId, CaptureSession capture, FlowOutcome outcome) {
        byCall.remove(callId);
        if (capture == null) {
            LOG.info("IVR on call {}: ended ({}) before any capture", callId, outcome.apiName());
            return;
        }
        byCapture.remove(capture.id());
        publish.accept(new CaptureEvent.IvrEnded(capture.id(), callId, capture.agent(), clock.instant(), outcome.apiName()));
        LOG.info("IVR on call {}: ended ({})", callId, outcome.apiName());
    }

    /** The fields of the flow, in the kind's order: those the request names, else the configured ones. */
    private List<CaptureField> fields(StartCapture request) {
        List<CaptureField> configured = request.kind() == CaptureKind.CARD ? settings.cardFields() : settings.bankFields();
        Set<CaptureField> wanted = request.required() == null || request.required().isEmpty()
                ? EnumSet.copyOf(configured) : EnumSet.copyOf(request.required());
        List<CaptureField> out = new ArrayList<>();
        for (CaptureField f : request.kind().fields()) {
            if (wanted.contains(f)) {
                out.add(f);
            }
        }
        for (CaptureField f : wanted) {
            if (!request.kind().fields().contains(f)) {
                throw Refusal.invalid(f.apiName() + " is not a field of a " + request.kind().apiName() + " capture");
            }
        }
        return out;
    }
}
