package io.toneguard.server;

import io.toneguard.server.api.AgentDesk;
import io.toneguard.server.api.CallView;
import io.toneguard.server.api.Principal;
import io.toneguard.server.capture.CallControls;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureSession;
import io.toneguard.server.capture.CaptureSessions;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.StartCapture;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentRecords;
import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallRegistry;
import io.toneguard.sip.CallState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent API's backend over the running calls, their agent bindings, the captures and the
 * payment records. An agent reaches only calls bound to them (anything else is "not found", and
 * audited); an admin reaches every call.
 */
public final class DefaultAgentDesk implements AgentDesk {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit.api");
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAgentDesk.class);
    private static final int MAX_LIMIT = 500;

    private final CallRegistry calls;
    private final CallBindings bindings;
    private final CaptureSessions captures;
    private final PaymentRecords records;
    private final Function<String, CallControls> controls;
    private final IvrStarter ivr;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Sends a call's caller to the payment IVR for an agent. */
    @FunctionalInterface
    public interface IvrStarter {
        CaptureView start(String callId, String agent, StartCapture request);
    }

    /**
     * @param controls the mute and recording controls of a call, by call id
     * @param ivr starts the payment IVR on a call
     */
    public DefaultAgentDesk(CallRegistry calls, CallBindings bindings, CaptureSessions captures, PaymentRecords records,
            Function<String, CallControls> controls, IvrStarter ivr) {
        this.calls = calls;
        this.bindings = bindings;
        this.captures = captures;
        this.records = records;
        this.controls = controls;
        this.ivr = ivr;
    }

    /** Where captures' events go: to every subscriber who may see the event's call. */
    public void publish(CaptureEvent event) {
        for (Subscription s : subscriptions) {
            if (s.who.mayAccess(event.agent())) {
                try {
                    s.listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("an event subscriber of {} failed ({})", s.who.name(), e.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    public List<CallView> calls(Principal who) {
        List<CallView> out = new ArrayList<>();
        for (CallInfo c : calls.all()) {
            if (c.state() != CallState.ENDED && who.mayAccess(bindings.agentOf(c.id()))) {
                out.add(view(c));
            }
        }
        return out;
    }

    @Override
    public CallView bind(Principal who, String callId, String agent) {
        if (!who.admin()) {
            throw denied(who, "bind call " + callId);
        }
        if (agent == null || agent.isBlank() || agent.length() > 100) {
            throw Refusal.invalid("agent must be a name of 1-100 characters");
        }
        CallInfo call = calls.find(callId).orElseThrow(() -> Refusal.notFound("No call " + callId));
        bindings.bind(callId, agent.strip());
        AUDIT.info("admin {} bound call {} to agent {}", who.name(), callId, agent.strip());
        return view(call);
    }

    @Override
    public CaptureView startCapture(Principal who, String callId, StartCapture request) {
        String agent = agentForNewCapture(who, callId);
        CaptureSession s = captures.start(callId, agent, request, controls.apply(callId));
        AUDIT.info("{} started capture {} on call {} (reference {})", who.name(), s.id(), callId, s.reference());
        return s.view();
    }

    @Override
    public CaptureView startIvr(Principal who, String callId, StartCapture request) {
        String agent = agentForNewCapture(who, callId);
        CaptureView v = ivr.start(callId, agent, request);
        AUDIT.info("{} sent the caller of call {} to the payment IVR (capture {}, reference {})", who.name(), callId, v.id(),
                v.reference());
        return v;
    }

    /** The call must be the principal's and connected; an admin's capture on an unbound call binds it to them. */
    private String agentForNewCapture(Principal who, String callId) {
        CallInfo call = accessibleCall(who, callId);
        if (call.state() != CallState.CONFIRMED) {
            throw Refusal.conflict("Call " + callId + " is not connected (" + call.state().name().toLowerCase() + ")");
        }
        String agent = bindings.agentOf(callId);
        if (agent == null) {
            agent = who.name();
            bindings.bind(callId, agent);
        }
        return agent;
    }

    @Override
    public CaptureView capture(Principal who, String captureId) {
        return session(who, captureId).view();
    }

    @Override
    public CaptureView requestField(Principal who, String captureId, CaptureField field) {
        return session(who, captureId).requestField(field);
    }

    @Override
    public CaptureView clearField(Principal who, String captureId, CaptureField field) {
        return session(who, captureId).clearField(field);
    }

    @Override
    public CaptureView cancel(Principal who, String captureId) {
        CaptureView v = session(who, captureId).cancel("agent");
        AUDIT.info("{} cancelled capture {}", who.name(), captureId);
        return v;
    }

    @Override
    public CaptureView process(Principal who, String captureId) {
        CaptureView v = session(who, captureId).process();
        AUDIT.info("{} submitted capture {} for payment (record {})", who.name(), captureId, v.paymentRecordId());
        return v;
    }

    @Override
    public List<PaymentRecord> payments(Principal who, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        return records.list(who.admin() ? null : who.name(), n);
    }

    @Override
    public AutoCloseable subscribe(Principal who, Consumer<CaptureEvent> listener) {
        Subscription s = new Subscription(who, listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    private CallInfo accessibleCall(Principal who, String callId) {
        CallInfo call = calls.find(callId).orElse(null);
        if (call == null || call.state() == CallState.ENDED) {
            throw Refusal.notFound("No call " + callId);
        }
        if (!who.mayAccess(bindings.agentOf(callId))) {
            throw denied(who, "call " + callId);
        }
        return call;
    }

    private CaptureSession session(Principal who, String captureId) {
        CaptureSession s = captures.find(captureId).orElseThrow(() -> Refusal.notFound("No capture " + captureId));
        if (!who.mayAccess(s.agent())) {
            throw denied(who, "capture " + captureId);
        }
        return s;
    }

    /** Another agent's call or capture: audited, and answered as if it did not exist. */
    private static Refusal denied(Principal who, String what) {
        AUDIT.warn("denied: {} may not reach {}", who.name(), what);
        return Refusal.notFound("Not found");
    }

    private CallView view(CallInfo c) {
        String captureId = captures.onCall(c.id()).filter(s -> !s.state().isFinal()).map(CaptureSession::id).orElse(null);
        return new CallView(c.id(), c.state().name().toLowerCase(), c.caller(), c.target(), bindings.agentOf(c.id()),
                c.startedAt(), c.answeredAt(), captureId);
    }

    private record Subscription(Principal who, Consumer<CaptureEvent> listener) {
    }
}
