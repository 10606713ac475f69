package io.toneguard.server;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.psp.card.CardValidator;
import io.toneguard.ivr.play.PlayPromptStage;
import io.toneguard.ivr.play.PromptPlayer;
import io.toneguard.ivr.play.PromptTicker;
import io.toneguard.media.g711.G711Codec;
import io.toneguard.server.api.AgentApi;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.StartCapture;
import io.toneguard.server.ivr.AmountLookup;
import io.toneguard.server.ivr.IvrSessions;
import io.toneguard.server.ivr.IvrSettings;
import java.util.function.Consumer;
import io.toneguard.server.capture.CallControls;
import io.toneguard.server.capture.CaptureContext;
import io.toneguard.server.capture.CaptureSessions;
import io.toneguard.server.capture.CaptureSettings;
import io.toneguard.server.records.PaymentRecords;
import io.toneguard.server.recording.CallRecording;
import io.toneguard.server.recording.RecordingMode;
import io.toneguard.server.recording.Recordings;
import io.toneguard.sip.CallStages;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.toneguard.dtmf.mask.MaskToneStage;
import io.toneguard.dtmf.mask.MaskerSettings;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallObserver;
import io.toneguard.sip.CallRegistry;
import io.toneguard.sip.SipB2bua;
import java.util.List;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.psp.gateway.GatewayChain;
import io.toneguard.server.config.PaymentsConfig;
import io.toneguard.server.config.RoutingConfig;
import io.toneguard.server.config.ToneGuardConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product: owns every long-lived part and wires them together from one
 * {@link ToneGuardConfig}. Later parts (SIP, agent API, recording) are started here as they land.
 */
public final class ToneGuardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToneGuardServer.class);
    /** Payment audit events: ids, amounts, outcomes; never card data (AuditEvent has none). */
    private static final Logger AUDIT = LoggerFactory.getLogger("audit.payments");

    private final ToneGuardConfig config;
    private final MediaTransport media;
    private final MaskerSettings masking;
    private final CallDigits digits = new CallDigits();
    private final SipB2bua sip;
    private final GatewayChain payments;
    private final PaymentRecords records;
    private final Recordings recordings;
    private final CallBindings bindings;
    private final ScheduledExecutorService captureThread;
    private final ExecutorService paymentThreads;
    private final CaptureSessions captures;
    private final IvrSessions ivrs;
    private final DefaultAgentDesk desk;
    /** The agent API and page, or null when disabled. */
    private final AgentApi api;
    /** Each call's own controls (mute, recording), from the moment its media starts. */
    private final Map<String, CallLine> lines = new ConcurrentHashMap<>();
    /** Generates prompt packets toward callers: one 20 ms timer per media event loop, not per call. */
    private final PromptTicker promptTicker = new PromptTicker();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Everything the server opened, closed in the reverse order. */
    private final ClosingOrder opened = new ClosingOrder();
    /** Asks the services that know self-service amounts. */
    private final AmountLookup amountLookups;

    private ToneGuardServer(ToneGuardConfig config) {
        this.config = config;
        this.masking = config.masking().toMaskerSettings();
        PaymentsConfig p = config.payments();
        CaptureSettings captureSettings = config.capture().toSettings(new CardValidator(p.validationPolicy()));
        this.bindings = config.capture().toBindings();
        IvrSettings ivrSettings = config.ivr().toSettings(System::getenv); // loads the prompts: before anything is opened
        this.payments = GatewayChain.standard(p.toGateway(System::getenv), p.maxAttempts(),
                Duration.ofMillis(p.retryBackoffMillis()), e -> AUDIT.info("payment {}", e));
        AtomicReference<Consumer<CaptureEvent>> events = new AtomicReference<>();
        try {
            PaymentRecords openedRecords = config.records().open(System::getenv);
            this.records = opened.add("payment records", openedRecords, openedRecords::close);
            Recordings openedRecordings = Recordings.start(config.recording().toSettings(System::getenv));
            this.recordings = opened.add("recordings", openedRecordings, openedRecordings::close);
            ScheduledExecutorService capture = Executors.newSingleThreadScheduledExecutor(daemon("capture"));
            this.captureThread = opened.add("capture thread", capture, capture::shutdown);
            ExecutorService payment = Executors.newFixedThreadPool(4, daemon("payment"));
            this.paymentThreads = opened.add("payment threads", payment, () -> {
                payment.shutdown(); // payments in flight finish and are recorded before the records close
                payment.awaitTermination(10, TimeUnit.SECONDS);
            });
            CaptureSessions sessions = new CaptureSessions(captureSettings, new CaptureContext(e -> events.get().accept(e),
                    payments::execute, paymentThreads, records, captureThread, Clock.systemUTC()));
            this.captures = opened.add("captures", sessions, sessions::close);
            AmountLookup lookups = new AmountLookup();
            this.amountLookups = opened.add("amount lookups", lookups, lookups::close);
            this.ivrs = new IvrSessions(ivrSettings, amountLookups, captures, captureThread, e -> events.get().accept(e),
                    Clock.systemUTC());
            MediaTransport transport = MediaTransport.start(config.media().toTransportConfig());
            this.media = opened.add("media", transport, transport::close);
            SipB2bua b2bua = SipB2bua.start(config.sip().toSettings(), config.routing().toRouter(), media,
                    MediaCapabilities.DEFAULT, this::stagesOf, new CallEvents());
            this.sip = opened.add("SIP", b2bua, b2bua::close);
            this.desk = new DefaultAgentDesk(sip.calls(), bindings, captures, records, this::controlsOf, this::startIvr);
            events.set(e -> {
                desk.publish(e);
                ivrs.event(e);
            });
            AgentApi agentApi = config.api().enabled() ? AgentApi.start(config.api(), desk) : null;
            this.api = agentApi == null ? null : opened.add("agent API", agentApi, agentApi::close);
        } catch (RuntimeException e) {
            opened.closeAll(); // what was opened before the failure, newest first
            throw e;
        }
    }

    /**
     * Where a call's digits go, however they came (in-band, RFC 4733, SIP INFO): counted, then to the
     * caller's IVR when one runs, else to the call's capture. The one place that rule lives.
     */
    private DigitListener digitRoute(String callId) {
        DigitListener counted = digits.forCall(callId);
        return new DigitListener() {
            @Override
            public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
                counted.digitStarted(digit, source, onsetTimestamp);
                if (!ivrs.key(callId, digit)) {
                    captures.digit(callId, digit);
                }
            }
        };
    }

    /**
     * A call's media stages, top to bottom. Caller -> agent: the DTMF detectors and the masker (its
     * digits go to the call's IVR or capture, and are counted), the stage that silences the caller
     * while they are in the IVR, then the recording tap, which only ever hears what the agent hears.
     * Agent -> caller: the recording's other channel, then the IVR's prompts (generated on the call's
     * event loop when the agent side sends nothing).
     */
    private CallStages.Stages stagesOf(CallInfo call, int telephoneEventPt) {
        String callId = call.id();
        MaskToneStage mask = new MaskToneStage(telephoneEventPt, masking, digitRoute(callId));
        CallRecording recording = recordings.open(callId);
        PlayPromptStage toCaller = new PlayPromptStage(new PromptPlayer(captureThread), G711Codec.MU_LAW.payloadType());
        PlayPromptStage toAgent = new PlayPromptStage(new PromptPlayer(captureThread), G711Codec.MU_LAW.payloadType());
        CallLine line = new CallLine(mask, recording, pausesRecording(), toCaller, toAgent, new AtomicReference<>(),
                new AtomicReference<>());
        CallLine previous = lines.put(callId, line);
        if (previous != null) {
            previous.close();
        }
        return new CallStages.Stages(List.of(mask, toAgent, recording.callerTap()), List.of(recording.agentTap(), toCaller),
                (relay, loop) -> {
                    line.mediaThread().set(loop);
                    line.ticks().set(promptTicker.add(loop, toCaller, relay::injectBToA));
                });
    }

    /** A self-service number's call: the payment IVR at once, then the call ends. */
    private void startSelfService(String callId, String caller, String name) {
        CallLine line = lines.get(callId);
        if (line == null) {
            LOG.warn("self-service call {}: no media, hanging up", callId);
            sip.hangUp(callId, "no media");
            return;
        }
        try {
            ivrs.startSelfService(callId, caller, name, line, line.toCaller(), line.toAgent(),
                    () -> sip.hangUp(callId, "payment IVR over"));
        } catch (RuntimeException e) {
            LOG.warn("self-service call {}: the IVR could not start ({}), hanging up", callId, e.getMessage());
            sip.hangUp(callId, "IVR could not start");
        }
    }

    /** The payment IVR on a call whose media runs. */
    private CaptureView startIvr(String callId, String agent, StartCapture request) {
        CallLine line = lines.get(callId);
        if (line == null) {
            throw Refusal.conflict("Call " + callId + " has no media yet");
        }
        return ivrs.start(callId, agent, request, line, line.toCaller(), line.toAgent());
    }

    /** Whether a capture pauses a recording: the built-in one in pause-resume mode, or an external one told by webhook. */
    private boolean pausesRecording() {
        return recordings.mode() == RecordingMode.PAUSE_RESUME || recordings.settings().webhook().enabled();
    }

    private CallControls controlsOf(String callId) {
        CallLine line = lines.get(callId);
        return line == null ? CallControls.NONE : line;
    }

    /**
     * One call's own media controls: the masker (mute), the recording, the prompt stages toward the
     * caller and the agent, and the prompt generator's schedule.
     */
    private record CallLine(MaskToneStage mask, CallRecording recording, boolean pauses, PlayPromptStage toCaller,
            PlayPromptStage toAgent, AtomicReference<PromptTicker.Registration> ticks,
            AtomicReference<java.util.concurrent.Executor> mediaThread) implements CallControls {
        void close() {
            PromptTicker.Registration t = ticks.getAndSet(null);
            if (t != null) {
                t.close();
            }
            toCaller.player().stop();
            toAgent.player().stop();
            recording.close();
        }

        @Override
        public void muteCallerAudio(boolean muted) {
            mask.masker().muted(muted);
        }

        @Override
        public boolean pauseRecording(String captureId) {
            recording.pause(captureId);
            return pauses;
        }

        @Override
        public boolean resumeRecording(String captureId) {
            recording.resume(captureId);
            return pauses;
        }
    }

    /** Call life for the rest of the server: bindings, captures, digit counts. */
    private final class CallEvents implements CallObserver {
        @Override
        public void callStarted(CallInfo call) {
            bindings.callStarted(call);
        }

        @Override
        public void callAnswered(CallInfo call) {
            bindings.callAnswered(call);
            if (call.target().startsWith(RoutingConfig.SELF_SERVICE)) {
                String name = call.target().substring(RoutingConfig.SELF_SERVICE.length());
                captureThread.execute(() -> startSelfService(call.id(), call.caller(), name));
            }
        }

        @Override
        public void infoDigit(CallInfo call, int event, long rtpTimestampEstimate) {
            if (event < 0 || event > 15) {
                digits.add(call.id(), DigitSource.SIP_INFO);
                return;
            }
            DtmfDigit digit = DtmfDigit.ofEvent(event);
            CallLine line = lines.get(call.id());
            java.util.concurrent.Executor media = line == null ? null : line.mediaThread().get();
            if (media != null) {
                // through the call's digit merger, on its media thread: one press sent as INFO and as
                // events or tones is entered once, and its audio still in the delay line is masked
                media.execute(() -> line.mask().infoDigit(digit));
                return;
            }
            digitRoute(call.id()).digitStarted(digit, DigitSource.SIP_INFO, rtpTimestampEstimate); // no media yet: nothing to merge with
        }

        @Override
        public void callEnded(CallInfo call, String reason) {
            captures.callEnded(call.id());
            digits.ended(call.id());
            ivrs.callEnded(call.id());
            CallLine line = lines.remove(call.id());
            if (line != null) {
                line.close();
            }
            bindings.callEnded(call.id());
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts everything; returns once the server is ready. */
    public static ToneGuardServer start(ToneGuardConfig config) {
        ToneGuardServer server = new ToneGuardServer(config);
        LOG.info("ToneGuard ready: SIP on {}:{} ({}), media on {} ports {}-{} ({} pairs, {}); DTMF masking {} with a {} ms delay line; payments via {}",
                config.sip().bindAddress(), config.sip().port(), String.join("/", config.sip().transports()),
                config.media().bindAddress(), config.media().portMin(), config.media().portMax(),
                server.media.ports().capacity(), server.media.isNative() ? "epoll" : "nio",
                server.masking.mode().configName(), server.masking.delayMillis(), server.payments.gateway().name());
        if (server.api != null) {
            LOG.info("Agent desktop and API on {}://{}:{}/", config.api().tls() != null && config.api().tls().enabled() ? "https" : "http",
                    config.api().bindAddress(), server.api.port());
        }
        return server;
    }

    public ToneGuardConfig config() {
        return config;
    }

    public MediaTransport media() {
        return media;
    }

    /** The payment gateway with its chain (idempotency, retries, audit): for capture sessions and the IVR. */
    public GatewayChain payments() {
        return payments;
    }

    /** The calls in progress. */
    public CallRegistry calls() {
        return sip.calls();
    }

    /** The agent API's port, or -1 when the API is disabled. */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    /** The agent API's backend. */
    public DefaultAgentDesk desk() {
        return desk;
    }

    /** Every capture of this server. */
    public CaptureSessions captures() {
        return captures;
    }

    /** The call recordings. */
    public Recordings recordings() {
        return recordings;
    }

    /** Where payment records are kept. */
    public PaymentRecords records() {
        return records;
    }

    /** Digit counts per call (never the digits). */
    public CallDigits digits() {
        return digits;
    }

    /** How every call's caller -> agent audio is masked. */
    public MaskerSettings masking() {
        return masking;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        LOG.info("ToneGuard stopping");
        opened.closeAll(); // the agent API first, the payment records last
        stopped.countDown();
        LOG.info("ToneGuard stopped");
    }
}
