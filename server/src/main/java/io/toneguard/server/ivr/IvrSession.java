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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller in the payment IVR: a {@link PaymentFlow} driving a capture, prompts played into the
 * caller's leg, silence toward the agent. Everything runs on one thread (the capture thread):
 * keys, capture events, playback ends and timers are handed to it, so nothing here is locked.
 */
final class IvrSession {
    private static final Logger LOG = LoggerFactory.getLogger(IvrSession.class);

    private final IvrSettings settings;
    private final CaptureSession capture;
    private final PlayPromptStage toCaller;
    private final PlayPromptStage toAgent;
    private final ScheduledExecutorService thread;
    private final Consumer<FlowOutcome> ended;
    private final PaymentFlow flow;
    private ScheduledFuture<?> noInput;
    private ScheduledFuture<?> announcements;
    private long playGeneration;

    /**
     * @param toCaller the call's prompt stage toward the caller
     * @param toAgent the call's stage toward the agent (silence while the caller is in the flow)
     * @param ended told once, on {@code thread}, when the flow is over and the caller is back
     */
    IvrSession(IvrSettings settings, CaptureSession capture, List<CaptureField> fields, PlayPromptStage toCaller,
            PlayPromptStage toAgent, ScheduledExecutorService thread, boolean selfService, Consumer<FlowOutcome> ended) {
        this.settings = settings;
        this.capture = capture;
        this.toCaller = toCaller;
        this.toAgent = toAgent;
        this.thread = thread;
        this.ended = ended;
        var view = capture.view();
        this.flow = new PaymentFlow(fields, view.amount(), view.reference(), settings.confirmAmount(), settings.maxAttempts(),
                settings.say(), new Actions());
        if (selfService) {
            flow.selfService();
        }
    }

    CaptureSession capture() {
        return capture;
    }

    /** Takes the caller from the agent and starts the flow (on the IVR thread). */
    void start() {
        thread.execute(() -> {
            toAgent.mode(PlaybackMode.SILENCE);
            toCaller.mode(PlaybackMode.PROMPT);
            if (settings.announceToAgent()) {
                long every = settings.announcementInterval().toMillis();
                announcements = thread.scheduleAtFixedRate(
                        () -> toAgent.player().play(settings.prompts().clips(List.of(IvrSettings.AGENT_ANNOUNCEMENT))),
                        0, every, TimeUnit.MILLISECONDS);
            }
            flow.start();
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
                flow.approved();
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
        if (noInput != null) {
            noInput.cancel(false);
            noInput = null;
        }
    }

    /** The flow's actions, all on the IVR thread. */
    private final class Actions implements FlowActions {
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
            noInput = thread.schedule(flow::noInput, settings.noInputTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void disarmNoInputTimer() {
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
            cancelTimer();
            stopAnnouncements();
            if (capture.state() == CaptureState.COLLECTING || capture.state() == CaptureState.READY) {
                capture.cancel("ivr");
            }
            toCaller.mode(PlaybackMode.PASS);
            toAgent.mode(PlaybackMode.PASS);
            ended.accept(outcome);
        }
    }
}
