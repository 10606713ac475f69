package io.toneguard.server.ivr;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.ivr.play.PlayPromptStage;
import io.toneguard.ivr.play.PlaybackMode;
import io.toneguard.ivr.play.PlaybackOutcome;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureSession;
import io.toneguard.server.capture.CaptureState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import io.toneguard.psp.gateway.Amount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in the payment IVR: a {@link PaymentFlow} driving a capture, prompts played into the
 * caller's leg, silence toward the agent. Everything runs on one thread (the capture thread):
 * keys, capture events, playback ends and timers are handed to it, so nothing here is locked.
 * A flow sent by an agent has its capture from the start; a self-service flow opens its capture
 * once the amount is settled (configured, looked up, or keyed by the caller).
 */
final class IvrSession {
    /** Opens the capture of a self-service flow for its amount; throws if it cannot. */
    interface CaptureOpener {
        CaptureSession open(Amount amount, String description);
    }

    private static final Logger LOG = LoggerFactory.getLogger(IvrSession.class);

    private final IvrSettings settings;
    private final CaptureOpener opener;
    private CaptureSession capture;
    private String description;
    private boolean over;
    private final PlayPromptStage toCaller;
    private final PlayPromptStage toAgent;
    private final ScheduledExecutorService thread;
    private final BiConsumer<FlowOutcome, CaptureSession> ended;
    private final PaymentFlow flow;
    private ScheduledFuture<?> questionTimer;
    private ScheduledFuture<?> announcements;
    private long playGeneration;

    /**
     * @param capture the capture of a flow sent by an agent, or null for one that opens its own
     * @param opener opens the capture once the amount is settled (when {@code capture} is null)
     * @param toCaller the call's prompt stage toward the caller
     * @param toAgent the call's stage toward the agent (silence while the caller is in the flow)
     * @param ended told once, on {@code thread}, when the flow is over and the caller is back, with
     *     the flow's capture (null if none was opened)
     */
    IvrSession(IvrSettings settings, CaptureSession capture, CaptureOpener opener, List<CaptureField> fields,
            PlayPromptStage toCaller, PlayPromptStage toAgent, ScheduledExecutorService thread, boolean selfService,
            BiConsumer<FlowOutcome, CaptureSession> ended) {
        if ((capture == null) == (opener == null)) {
            throw new IllegalArgumentException("a capture, or an opener for one");
        }
        this.settings = settings;
        this.capture = capture;
        this.opener = opener;
        this.toCaller = toCaller;
        this.toAgent = toAgent;
        this.thread = thread;
        this.ended = ended;
        this.flow = new PaymentFlow(fields, settings.confirmAmount(), settings.maxAttempts(), settings.say(), new Actions());
        if (selfService) {
            flow.selfService();
        }
    }

    /** The flow's capture, or null while none is open. Read on the IVR thread. */
    CaptureSession capture() {
        return capture;
    }

    /** Takes the caller from the agent and starts the flow for the capture's amount (on the IVR thread). */
    void start() {
        takeCaller();
        startFor(capture.view().amount(), null);
    }

    /** Takes the caller from the agent; the flow starts when the amount is known ({@link #startFor}, {@link #startKeyed}). */
    void takeCaller() {
        thread.execute(() -> {
            toAgent.mode(PlaybackMode.SILENCE);
            toCaller.mode(PlaybackMode.PROMPT);
            if (settings.announceToAgent()) {
                long every = settings.announcementInterval().toMillis();
                announcements = thread.scheduleAtFixedRate(
                        () -> toAgent.player().play(settings.prompts().clips(List.of(IvrSettings.AGENT_ANNOUNCEMENT))),
                        0, every, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The amount is known (given, configured or looked up): the flow starts for it. */
    void startFor(Amount amount, String paymentDescription) {
        unlessOver(() -> {
            description = paymentDescription;
            flow.start(amount);
        });
    }

    /** The caller keys the amount, within {@code limits}. */
    void startKeyed(IvrSettings.AmountLimits limits, String paymentDescription) {
        unlessOver(() -> {
            description = paymentDescription;
            flow.startKeyedAmount(limits);
        });
    }

    /** No amount can be had: the caller is told, and the flow ends. */
    void unavailable() {
        unlessOver(flow::unavailable);
    }

    /** Nothing is due: the caller is told, and the flow ends. */
    void nothingDue() {
        unlessOver(flow::nothingDue);
    }

    /** Runs on the IVR thread unless the call or the flow has ended by then. */
    private void unlessOver(Runnable step) {
        thread.execute(() -> {
            if (!over) {
                step.run();
            }
        });
    }

    /** A key from the caller (any source); the flow decides where it goes. */
    void key(DtmfDigit digit) {
        thread.execute(() -> flow.key(digit));
    }

    /** An event of this session's capture. */
    void event(CaptureEvent e) {
        thread.execute(() -> {
            if (e instanceof CaptureEvent.FieldObtained o) {
                flow.obtained(o.field(), readBack(o));
            } else if (e instanceof CaptureEvent.FieldInvalid i) {
                flow.invalid(i.field(), i.code());
            } else if (e instanceof CaptureEvent.CaptureTimedOut) {
                flow.noInput();
            } else if (e instanceof CaptureEvent.PaymentApproved) {
                flow.approved(capture.reference());
            } else if (e instanceof CaptureEvent.PaymentDeclined) {
                flow.declined();
            } else if (e instanceof CaptureEvent.PaymentFailed) {
                flow.failed();
            } else if (e instanceof CaptureEvent.CaptureCancelled) {
                flow.cancelled();
            }
        });
    }

    /** What the caller hears back: the last four of a card or account, the expiry as month and year, nothing else. */
    private List<String> readBack(CaptureEvent.FieldObtained o) {
        List<String> p = new ArrayList<>();
        switch (o.field()) {
            case CARD_NUMBER -> {
                p.add("you-entered-card-ending-in");
                p.addAll(lastFour(o.masked()));
            }
            case ACCOUNT_NUMBER -> {
                p.add("account-ending-in");
                p.addAll(lastFour(o.masked()));
            }
            case EXPIRY -> {
                int[] my = new int[2];
                if (capture.readExpiry(my)) {
                    p.add("you-entered-expiry");
                    p.addAll(settings.say().expiry(my[0], my[1]));
                }
                Arrays.fill(my, 0);
            }
            case SECURITY_CODE -> p.add("you-entered-security-code");
            case POSTCODE, ROUTING_NUMBER -> {
                // not read back: the caller confirms or re-enters
            }
        }
        return p;
    }

    private List<String> lastFour(String masked) {
        if (masked == null || masked.length() < 4) {
            return List.of();
        }
        char[] four = masked.substring(masked.length() - 4).toCharArray();
        for (char c : four) {
            if (c < '0' || c > '9') {
                return List.of();
            }
        }
        List<String> ids = settings.say().digits(four, 0, 4);
        Arrays.fill(four, '\0');
        return ids;
    }

    /** The call ended: stop at once, nothing to hand back. */
    void callEnded() {
        thread.execute(() -> {
            over = true;
            cancelTimer();
            stopAnnouncements();
            toCaller.player().stop();
        });
    }

    private void stopAnnouncements() {
        if (announcements != null) {
            announcements.cancel(false);
            announcements = null;
        }
        toAgent.player().stop();
    }

    private void cancelTimer() {
        if (questionTimer != null) {
            questionTimer.cancel(false);
            questionTimer = null;
        }
    }

    /** The flow's actions, all on the IVR thread. */
    private final class Actions implements FlowActions {
        @Override
        public boolean open(Amount amount) {
            if (capture != null) {
                return true;
            }
            try {
                capture = opener.open(amount, description);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("IVR: the capture could not be opened ({})", e.getMessage());
                return false;
            }
        }

        @Override
        public void play(List<String> promptIds) {
            toCaller.player().stop();
            long generation = ++playGeneration;
            toCaller.player().play(settings.prompts().clips(promptIds), (playback, outcome) -> {
                if (outcome == PlaybackOutcome.COMPLETED) {
                    thread.execute(() -> {
                        if (generation == playGeneration) {
                            flow.played();
                        }
                    });
                }
            });
        }

        @Override
        public void stopPrompt() {
            toCaller.player().stop();
        }

        @Override
        public void askFor(CaptureField field) {
            capture.requestField(field);
        }

        @Override
        public void enter(DtmfDigit digit) {
            capture.digit(digit);
        }

        @Override
        public void armNoInputTimer() {
            cancelTimer();
            questionTimer = thread.schedule(flow::noInput, settings.noInputTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void armDigitTimer() {
            cancelTimer();
            questionTimer = thread.schedule(flow::digitTimeout, settings.interDigitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void disarmTimer() {
            cancelTimer();
        }

        @Override
        public void process() {
            try {
                capture.process();
            } catch (RuntimeException e) {
                LOG.warn("IVR on call {}: the payment could not be submitted ({})", capture.callId(), e.getMessage());
                flow.failed();
            }
        }

        @Override
        public void finished(FlowOutcome outcome) {
            over = true;
            cancelTimer();
            stopAnnouncements();
            if (capture != null && (capture.state() == CaptureState.COLLECTING || capture.state() == CaptureState.READY)) {
                capture.cancel("ivr");
            }
            toCaller.mode(PlaybackMode.PASS);
            toAgent.mode(PlaybackMode.PASS);
            ended.accept(outcome, capture);
        }
    }
}
