package io.toneguard.server.capture;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.psp.sandbox.SandboxConfig;
import io.toneguard.psp.sandbox.SandboxGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Captures wired to the sandbox gateway, in-memory records and real timer threads; records every
 * event and every request the gateway saw (to check the card was wiped afterwards).
 */
final class CaptureHarness implements AutoCloseable {
    final LinkedBlockingQueue<CaptureEvent> events = new LinkedBlockingQueue<>();
    final List<GatewayRequest> requests = new ArrayList<>();
    final InMemoryPaymentRecords records = new InMemoryPaymentRecords();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService payments = Executors.newSingleThreadExecutor();
    final RecordingControls controls = new RecordingControls();
    final CaptureSessions sessions;

    CaptureHarness(CaptureSettings settings) {
        SandboxGateway sandbox = new SandboxGateway(SandboxConfig.instant());
        CaptureContext context = new CaptureContext(events::add, r -> {
            synchronized (requests) {
                requests.add(r);
            }
            return sandbox.execute(r);
        }, payments, records, timers, Clock.systemUTC());
        sessions = new CaptureSessions(settings, context);
    }

    CaptureSession start(StartCapture request) {
        return sessions.start("call-1", "alice", request, controls);
    }

    static StartCapture card(String reference) {
        return new StartCapture(CaptureKind.CARD, Amount.of(2550, "GBP"), reference, "Order 17", null, null);
    }

    /** Keys a string of digits straight into the session (on the test thread). */
    static void keys(CaptureSession s, String keys) {
        for (char c : keys.toCharArray()) {
            s.digit(DtmfDigit.ofKey(c));
        }
    }

    /** The next event, failing after 5 s. */
    CaptureEvent next() throws InterruptedException {
        CaptureEvent e = events.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 5 s");
        }
        return e;
    }

    /** Skips events until one of {@code type} arrives. */
    <T extends CaptureEvent> T next(Class<T> type) throws InterruptedException {
        while (true) {
            CaptureEvent e = next();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** Every event so far, without waiting. */
    List<CaptureEvent> drain() {
        List<CaptureEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    static CaptureSettings quickTimeouts() {
        return CaptureSettings.DEFAULT.withTimeouts(Duration.ofMillis(300), Duration.ofMillis(800), Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        payments.shutdownNow();
    }

    /** Remembers mute and recording calls. */
    static final class RecordingControls implements CallControls {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void muteCallerAudio(boolean muted) {
            calls.add(muted ? "mute" : "unmute");
        }

        @Override
        public synchronized boolean pauseRecording(String captureId) {
            calls.add("pause");
            return true;
        }

        @Override
        public synchronized boolean resumeRecording(String captureId) {
            calls.add("resume");
            return true;
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }
    }
}
