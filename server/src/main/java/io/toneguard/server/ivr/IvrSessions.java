package io.toneguard.server.ivr;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.ivr.play.PlayPromptStage;
import io.toneguard.server.api.ApiProblem;
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
    private final CaptureSessions captures;
    private final ScheduledExecutorService thread;
    private final Consumer<CaptureEvent> publish;
    private final Clock clock;
    private final Map<String, IvrSession> byCall = new ConcurrentHashMap<>();
    private final Map<String, IvrSession> byCapture = new ConcurrentHashMap<>();

    /**
     * @param thread the one thread every flow runs on (the capture thread)
     * @param publish where the IVR's own events go (to the agents)
     */
    public IvrSessions(IvrSettings settings, CaptureSessions captures, ScheduledExecutorService thread,
            Consumer<CaptureEvent> publish, Clock clock) {
        this.settings = settings;
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
        return start(callId, agent, request, controls, toCaller, toAgent, null);
    }

    /** The agent of self-service captures (admins see their events and records). */
    public static final String SELF_SERVICE_AGENT = "self-service";

    /**
     * A self-service number's call, answered by ToneGuard: the flow for the named payment starts at
     * once, and {@code hangUp} ends the call after it.
     */
    public CaptureView startSelfService(String callId, String name, CallControls controls, PlayPromptStage toCaller,
            PlayPromptStage toAgent, Runnable hangUp) {
        IvrSettings.SelfService s = settings.selfService().get(name);
        if (s == null) {
            throw new IllegalStateException("no ivr.selfService entry " + name);
        }
        return start(callId, SELF_SERVICE_AGENT, new StartCapture(s.kind(), s.amount(), null, s.description(), null, null),
                controls, toCaller, toAgent, hangUp);
    }

    private CaptureView start(String callId, String agent, StartCapture request, CallControls controls, PlayPromptStage toCaller,
            PlayPromptStage toAgent, Runnable hangUp) {
        if (request.kind() == null) {
            throw ApiProblem.badRequest("kind is required (card or bankAccount)");
        }
        if (byCall.containsKey(callId)) {
            throw ApiProblem.conflict("The caller of call " + callId + " is already in the payment IVR");
        }
        List<CaptureField> fields = fields(request);
        StartCapture ivrRequest = new StartCapture(request.kind(), request.amount(), request.reference(), request.description(),
                EnumSet.copyOf(fields), null);
        CaptureSettings ivrCapture = captures.settings().withAutoAdvance(false)
                .withTimeouts(settings.interDigitTimeout(), settings.noInputTimeout(), captures.settings().sessionTimeout());
        CaptureSession capture = captures.start(callId, agent, ivrRequest, controls, ivrCapture);
        IvrSession session = new IvrSession(settings, capture, fields, toCaller, toAgent, thread, hangUp != null, outcome -> {
            ended(callId, capture, outcome);
            if (hangUp != null) {
                hangUp.run();
            }
        });
        byCall.put(callId, session);
        byCapture.put(capture.id(), session);
        publish.accept(new CaptureEvent.IvrStarted(capture.id(), callId, capture.agent(), clock.instant()));
        LOG.info("IVR on call {}: capture {} started", callId, capture.id());
        session.start();
        return capture.view();
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
            byCapture.remove(s.capture().id());
            s.callEnded();
        }
    }

    private void ended(String callId, CaptureSession capture, FlowOutcome outcome) {
        byCall.remove(callId);
        byCapture.remove(capture.id());
        publish.accept(new CaptureEvent.IvrEnded(capture.id(), callId, capture.agent(), clock.instant(), outcome.apiName()));
        LOG.info("IVR on call {}: ended ({}), the caller is back with the agent", callId, outcome.apiName());
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
                throw ApiProblem.badRequest(f.apiName() + " is not a field of a " + request.kind().apiName() + " capture");
            }
        }
        return out;
    }
}
