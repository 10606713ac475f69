package io.toneguard.harness.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.api.ApiProblem;
import io.toneguard.server.api.Principal;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.CaptureState;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.StartCapture;
import io.toneguard.server.config.ConfigLoader;
import io.toneguard.server.records.PaymentRecord;
import io.toneguard.server.records.PaymentStatus;
import io.toneguard.sip.CallInfo;
import io.toneguard.sip.CallState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole secure capture on a real call: a sipp caller keys a card (the number as in-band tones
 * with telephone-events at the same moments, the expiry in-band only, the security code as
 * telephone-events only) while the agent starts a capture; the masked events arrive in order,
 * Process Payment goes through the sandbox, the record is stored, and no digit is decodable at
 * the agent or findable anywhere the call left a trace.
 */
class CaptureEndToEndTest {
    private static final int SIP_PORT = 39190;
    private static final String PAN = "4111111111111111";
    private static final String EXPIRY = "1230";
    private static final String CVC = "123";
    private static final Principal ALICE = new Principal("alice", false);
    private static final List<String> LOG_LINES = new ArrayList<>();
    private static ToneGuardServer toneGuard;
    private static AppenderBase<ILoggingEvent> logTap;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        DebianPackages.ensure("sip-tester");
        logTap = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                synchronized (LOG_LINES) {
                    LOG_LINES.add(e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
                }
            }
        };
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logTap.setContext(root.getLoggerContext());
        logTap.start();
        root.addAppender(logTap);
        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  drainSeconds: 0\n"
                + "media:\n  portMin: 39100\n  portMax: 39189\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("db/toneguard") + "\"\n"
                + "payments:\n  sandbox:\n    minDelayMillis: 50\n    maxDelayMillis: 100\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    static void stop() {
        if (toneGuard != null) {
            toneGuard.close();
        }
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logTap);
    }

    /** Lead-in speech, the card number (tones and events), the expiry (tones), the security code (events), speech. */
    private static RtpPcapWriter.Summary cardPcap(Path file) throws Exception {
        Signal s = new Signal(11).silence(300).audio(SpeechCorpus.read("you-entered.wav"));
        s.silence(Math.max(100, 3000 - s.length() * 1000L / Signal.RATE));
        List<KeyPress> presses = new ArrayList<>();
        for (char c : PAN.toCharArray()) {
            presses.add(new KeyPress(DtmfDigit.ofKey(c), ms(s), 90));
            s.tone(DtmfDigit.ofKey(c), 90, -12).silence(90);
        }
        s.silence(700);
        for (char c : EXPIRY.toCharArray()) {
            s.tone(DtmfDigit.ofKey(c), 90, -12).silence(90);
        }
        s.silence(700);
        for (char c : CVC.toCharArray()) {
            presses.add(new KeyPress(DtmfDigit.ofKey(c), ms(s), 90));
            s.silence(180);
        }
        s.silence(300).audio(SpeechCorpus.read("please-try-again.wav")).silence(300);
        return RtpPcapWriter.write(file, s.pcm(), presses, RtpPcapWriter.Options.DEFAULT);
    }

    private static double ms(Signal s) {
        return s.length() * 1000.0 / Signal.RATE;
    }

    @Test
    void aCardKeyedOnARealCallIsCapturedMaskedPaidAndLeavesNoTrace() throws Exception {
        RtpPcapWriter.Summary pcap = cardPcap(dir.resolve("card.pcap"));
        int agentSip = 39200;
        int agentMedia = 39204;
        int agentCapture = 39208;
        LinkedBlockingQueue<CaptureEvent> events = new LinkedBlockingQueue<>();
        List<String> eventTexts = new ArrayList<>();
        CaptureView view;
        try (RtpCapture heard = RtpCapture.open(agentCapture);
                AutoCloseable sub = toneGuard.desk().subscribe(ALICE, events::add);
                SippProcess agent = Sipp.scenario("agent.xml").localPort(agentSip).mediaPort(agentMedia)
                        .key("agent_rtp_port", agentCapture).timeout(Duration.ofSeconds(30)).start()) {
            assertTrue(agent.awaitListening(Duration.ofSeconds(5)), "the agent sipp listens");
            try (SippProcess caller = Sipp.scenario("caller.xml").localPort(39210).mediaPort(39214)
                    .remote("127.0.0.1", agentSip).args("-rsa", "127.0.0.1:" + SIP_PORT, "-s", "alice")
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 300)
                    .timeout(Duration.ofSeconds(30)).start()) {
                CallInfo call = awaitConfirmedCall(Duration.ofSeconds(5));
                assertEquals(1, toneGuard.desk().calls(ALICE).size(), "alice sees her call");
                assertEquals(0, toneGuard.desk().calls(new Principal("bob", false)).size(), "bob does not");
                view = toneGuard.desk().startCapture(ALICE, call.id(),
                        new StartCapture(CaptureKind.CARD, Amount.of(2550, "GBP"), "e2e-order-1", "Order 1", null, null));

                List<CaptureEvent> seen = new ArrayList<>();
                CaptureEvent e;
                do {
                    e = poll(events, Duration.ofSeconds(15));
                    seen.add(e);
                } while (!(e instanceof CaptureEvent.ReadyToProcess));
                toneGuard.desk().process(ALICE, view.id());
                do {
                    e = poll(events, Duration.ofSeconds(10));
                    seen.add(e);
                } while (!(e instanceof CaptureEvent.PaymentApproved || e instanceof CaptureEvent.PaymentDeclined
                        || e instanceof CaptureEvent.PaymentFailed));
                seen.forEach(x -> eventTexts.add(x.toString()));

                assertEquals(expectedOrder(), seen.stream().map(CaptureEvent::type).toList(), "events in order");
                CaptureEvent.FieldObtained pan = (CaptureEvent.FieldObtained) seen.stream()
                        .filter(x -> x instanceof CaptureEvent.FieldObtained).findFirst().orElseThrow();
                assertEquals("Visa", pan.brand());
                assertEquals("\u2022\u2022\u2022\u2022 1111", pan.masked());
                assertTrue(seen.stream().anyMatch(x -> x instanceof CaptureEvent.PaymentApproved), "approved");

                SippResult c = caller.await(Duration.ofSeconds(30));
                assertEquals(0, c.exitCode(), "caller: " + c.describe());
            }
            SippResult a = agent.await(Duration.ofSeconds(30));
            assertEquals(0, a.exitCode(), "agent: " + a.describe());
            heard.awaitQuiet(pcap.audioPackets() - 5, Duration.ofMillis(200), Duration.ofSeconds(3));
            assertEquals(0, heard.count(101), "no telephone-event reaches the agent");
            LeakOracles.assertNothingDecodable(heard.audio());
        }

        String captureId = view.id();
        ApiProblem denied = assertThrows(ApiProblem.class, () -> toneGuard.desk().capture(new Principal("bob", false), captureId));
        assertEquals(404, denied.status(), "another agent's capture does not exist for them");
        assertEquals(CaptureState.APPROVED, toneGuard.desk().capture(new Principal("ops", true), captureId).state(), "admins see all");
        assertTrue(toneGuard.desk().payments(new Principal("bob", false), 10).isEmpty(), "bob has no payments");
        CaptureView done = toneGuard.desk().capture(ALICE, view.id());
        assertEquals(CaptureState.APPROVED, done.state());
        PaymentRecord record = toneGuard.records().find(done.paymentRecordId()).orElseThrow();
        assertEquals(PaymentStatus.APPROVED, record.status());
        assertEquals("alice", record.agent());
        assertEquals(2550, record.amountMinor());
        assertEquals("\u2022\u2022\u2022\u2022 1111", record.maskedAccount());
        assertNotNull(record.transactionId());

        List<String> traces = new ArrayList<>(eventTexts);
        traces.add(done.toString());
        traces.add(record.toString());
        synchronized (LOG_LINES) {
            assertFalse(LOG_LINES.isEmpty(), "logs were captured");
            traces.addAll(LOG_LINES);
        }
        traces.add(new String(Files.readAllBytes(dir.resolve("db/toneguard.mv.db")), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertNoCardData(traces);
    }

    private static List<String> expectedOrder() {
        List<String> order = new ArrayList<>(List.of("captureStarted", "fieldStarted"));
        for (int i = 0; i < PAN.length(); i++) {
            order.add("digitProgress");
        }
        order.addAll(List.of("fieldObtained", "fieldStarted"));
        for (int i = 0; i < EXPIRY.length(); i++) {
            order.add("digitProgress");
        }
        order.addAll(List.of("fieldObtained", "fieldStarted"));
        for (int i = 0; i < CVC.length(); i++) {
            order.add("digitProgress");
        }
        order.addAll(List.of("fieldObtained", "readyToProcess", "paymentSubmitted", "paymentApproved"));
        return order;
    }

    /** The card number anywhere; the expiry and security code as numbers of their own. */
    private static void assertNoCardData(List<String> traces) {
        Pattern expiry = Pattern.compile("(?<![0-9])" + EXPIRY + "(?![0-9])");
        Pattern cvc = Pattern.compile("(?<![0-9])" + CVC + "(?![0-9])");
        for (String t : traces) {
            assertFalse(t.contains(PAN), "the card number appears in a trace");
            assertFalse(expiry.matcher(t).find(), () -> "the expiry appears in: " + t.substring(0, Math.min(200, t.length())));
            assertFalse(cvc.matcher(t).find(), () -> "the security code appears in: " + t.substring(0, Math.min(200, t.length())));
        }
    }

    private static CaptureEvent poll(LinkedBlockingQueue<CaptureEvent> q, Duration wait) throws InterruptedException {
        CaptureEvent e = q.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no capture event within " + wait);
        }
        return e;
    }

    private static CallInfo awaitConfirmedCall(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (CallInfo c : toneGuard.calls().all()) {
                if (c.state() == CallState.CONFIRMED) {
                    return c;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no call was answered within " + timeout);
    }
}
