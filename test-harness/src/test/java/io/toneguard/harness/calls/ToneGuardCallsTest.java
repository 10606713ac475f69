package io.toneguard.harness.calls;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.harness.SippCalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DigitSource;
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
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls through ToneGuard: sipp plays the caller (its RTP from pcap files: speech, in-band
 * DTMF and RFC 4733 events in the same call) and the agent side, ToneGuard sits between them as
 * the caller's next hop, and what reaches the agent's media port is captured and checked.
 */
@IntegrationTest
class ToneGuardCallsTest {
    static final int SIP_PORT = 35600;
    /** Short, so that the dead-media test is quick; every other call here is shorter or has media. */
    static final int RTP_TIMEOUT_SECONDS = 3;
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger(35620);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DtmfDigit[] KEYS = {DtmfDigit.D4, DtmfDigit.D1, DtmfDigit.D5, DtmfDigit.HASH, DtmfDigit.D0};
    private static ToneGuardServer toneGuard;

    @TempDir
    Path dir;

    /** Ports of one test: caller SIP and media, agent SIP and media, and the capture of the agent's audio. */
    record Ports(int caller, int callerMedia, int agent, int agentMedia, int capture) {
        static Ports next() {
            int b = NEXT_BLOCK.getAndAdd(20);
            return new Ports(b, b + 4, b + 8, b + 12, b + 16);
        }
    }

    @BeforeAll
    static void startToneGuard(@TempDir Path cfgDir) throws Exception {
        DebianPackages.ensure("sip-tester");
        Path cfg = cfgDir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  drainSeconds: 0\n  rtpTimeoutSeconds: " + RTP_TIMEOUT_SECONDS
                + "\nmedia:\n  portMin: 36400\n  portMax: 36999\napi:\n  port: 0\nrecording:\n  folder: \"" + cfgDir.resolve("recordings") + "\"\nrecords:\n  url: \"jdbc:h2:file:" + cfgDir.resolve("records") + "\"\n");
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    static void stopToneGuard() {
        toneGuard.close();
    }

    @AfterEach
    void noCallLeftBehind() throws InterruptedException {
        assertTrue(awaitCalls(toneGuard, 0, Duration.ofSeconds(5)), "calls left in the registry: " + toneGuard.calls().all());
    }

    /** Waits until {@code server} holds exactly {@code n} calls; false on timeout. */
    static boolean awaitCalls(ToneGuardServer server, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (server.calls().size() != n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static Sipp agent(String scenario, Ports p) {
        return Sipp.scenario(scenario).localPort(p.agent()).mediaPort(p.agentMedia())
                .key("agent_rtp_port", p.capture()).timeout(Duration.ofSeconds(15));
    }

    /** A caller whose Request-URI names the agent, sending through ToneGuard as its next hop. */
    static Sipp caller(String scenario, Ports p) {
        return Sipp.scenario(scenario).localPort(p.caller()).mediaPort(p.callerMedia())
                .remote("127.0.0.1", p.agent()).args("-rsa", "127.0.0.1:" + SIP_PORT).timeout(Duration.ofSeconds(15));
    }

    /** Speech, then keys as in-band tones and, at the same moments, as telephone-events; then speech. */
    private RtpPcapWriter.Summary keyedPcap(String name, RtpPcapWriter.Options options) throws Exception {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        Signal s = new Signal(7).silence(100).audio(speech).silence(100);
        List<KeyPress> presses = new ArrayList<>();
        for (DtmfDigit d : KEYS) {
            double at = s.length() * 1000.0 / Signal.RATE;
            s.tone(d, 100, -10).silence(100);
            presses.add(new KeyPress(d, at, 100));
        }
        s.audio(SpeechCorpus.read("please-try-again.wav")).silence(200);
        return RtpPcapWriter.write(dir.resolve(name), s.pcm(), presses, options);
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short v : pcm) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, pcm.length));
    }

    @Test
    void theAgentHearsTheSpeechAndNoDigitsWhileTheCaptureGetsEveryDigit() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("both.pcap", RtpPcapWriter.Options.DEFAULT);
        long inbandBefore = toneGuard.digits().total(DigitSource.INBAND);
        long eventsBefore = toneGuard.digits().total(DigitSource.RFC4733);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent.xml", p), caller("caller.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 400));
            capture.awaitQuiet(pcap.audioPackets() - 5, Duration.ofMillis(200), Duration.ofSeconds(3));
            assertEquals(0, capture.count(101), "no telephone-event reaches the agent");
            assertTrue(capture.count(0) >= pcap.audioPackets() - 3,
                    "the caller's audio reaches the agent: " + capture.count(0) + " of " + pcap.audioPackets());
            assertTrue(capture.isSequenceContinuous(), "sequence numbers continuous at the agent");
            short[] heard = capture.audio();
            assertTrue(rms(Arrays.copyOfRange(heard, 1600, 8000)) > 300, "the speech arrives");
            LeakOracles.assertNothingDecodable(heard);
        }
        long keyed = KEYS.length;
        long digits = toneGuard.digits().total(DigitSource.INBAND) - inbandBefore
                + toneGuard.digits().total(DigitSource.RFC4733) - eventsBefore;
        assertEquals(keyed, digits, "each key reaches the capture exactly once (in-band and events merged)");
    }

    @Test
    void eventsWithoutAudioBecomeReplacementAudio() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("events.pcap",
                RtpPcapWriter.Options.DEFAULT.withAudioDuringEvents(RtpPcapWriter.AudioDuringEvents.PAUSE));
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent.xml", p), caller("caller.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 400));
            capture.awaitQuiet(pcap.audioPackets() - 5, Duration.ofMillis(200), Duration.ofSeconds(3));
            assertEquals(0, capture.count(101));
            assertTrue(capture.isSequenceContinuous(), "removed and converted events leave no sequence gap");
            LeakOracles.assertNothingDecodable(capture.audio());
        }
    }

    @Test
    void theAgentSideHangsUp() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("hangup.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent-hangup.xml", p).key("hangup_ms", 1500), caller("caller-hangup-by-callee.xml", p)
                    .key("pcap", pcap.file().toString()));
            assertTrue(capture.awaitPackets(1, Duration.ofSeconds(2)), "media flowed before the hang-up");
        }
    }

    @Test
    void cancelBeforeAnswerReachesTheAgentSide() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent-no-answer.xml", p), caller("caller-cancel.xml", p).key("ring_ms", 500));
    }

    @Test
    void busyAndDeclineArePassedBack() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent-busy.xml", p), caller("caller-expect-busy.xml", p));
        Ports q = Ports.next();
        SippCalls.call(agent("agent-decline.xml", q), caller("caller-expect-reject.xml", q));
    }

    @Test
    void holdAndResumeFromTheCaller() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent.xml", p), caller("caller-hold-resume.xml", p).key("hold_ms", 300));
    }

    @Test
    void aHoldLongerThanTheRtpTimeoutDoesNotEndTheCall() throws Exception {
        Ports p = Ports.next();
        long holdMillis = RTP_TIMEOUT_SECONDS * 1000L + 1500; // silence on hold is expected
        SippCalls.call(agent("agent.xml", p), caller("caller-long-hold.xml", p).key("hold_ms", holdMillis));
    }

    @Test
    void holdAndResumeFromTheAgentSide() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("held.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent-hold-resume.xml", p).key("hold_ms", 300), caller("caller-hangup-by-callee.xml", p)
                    .key("pcap", pcap.file().toString()));
            assertTrue(capture.awaitPackets(1, Duration.ofSeconds(2)), "media flowed around the hold");
        }
    }

    @Test
    void lateOfferCallsCarryMaskedMedia() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("late.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent.xml", p), caller("caller-late-offer.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 400));
            capture.awaitQuiet(pcap.audioPackets() / 2, Duration.ofMillis(200), Duration.ofSeconds(3));
            assertTrue(capture.count(0) > pcap.audioPackets() / 2, "media flows after a late offer: " + capture.count(0));
            assertEquals(0, capture.count(101));
            LeakOracles.assertNothingDecodable(capture.audio());
        }
    }

    @Test
    void reliableEarlyMediaFromTheAgentSideIsPracked() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("prack.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent-100rel.xml", p), caller("caller.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", 1000));
            assertTrue(capture.awaitPackets(1, Duration.ofSeconds(2)), "media flowed after the reliable 183");
        }
    }

    @Test
    void sessionTimersAreHonoured() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent.xml", p), caller("caller-session-timer.xml", p));
    }

    @Test
    void anUpdateWithANewOfferIsAnsweredWithSdp() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent.xml", p), caller("caller-update.xml", p));
    }

    @Test
    void aCallOverTcpWorksToo() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("tcp.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent.xml", p), caller("caller.xml", p).args("-t", "t1")
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 400));
            capture.awaitQuiet(pcap.audioPackets() / 2, Duration.ofMillis(200), Duration.ofSeconds(3));
            assertTrue(capture.count(0) > pcap.audioPackets() / 2, "media flows: " + capture.count(0));
            LeakOracles.assertNothingDecodable(capture.audio());
        }
    }

    @Test
    void deadMediaEndsTheCallOnBothLegs() throws Exception {
        Ports p = Ports.next();
        Signal s = new Signal(3).audio(SpeechCorpus.read("you-entered.wav"));
        RtpPcapWriter.Summary pcap = RtpPcapWriter.write(dir.resolve("short.pcap"),
                Arrays.copyOf(s.pcm(), 2400), List.of(), RtpPcapWriter.Options.DEFAULT);
        long start = System.nanoTime();
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            // the caller plays 0.3 s and then falls silent; it waits for the BYE, as does the agent
            SippCalls.call(agent("agent.xml", p), caller("caller-hangup-by-callee.xml", p).key("pcap", pcap.file().toString()));
            assertTrue(capture.count(0) > 0, "the caller's 0.3 s of audio arrived before the silence");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= RTP_TIMEOUT_SECONDS && seconds < RTP_TIMEOUT_SECONDS + 8, "ended after " + seconds + " s");
    }

    @Test
    void shutdownEndsActiveCallsWithByeOnBothLegs(@TempDir Path cfgDir) throws Exception {
        Path cfg = cfgDir.resolve("drain.yaml");
        int sipPort = SIP_PORT + 1;
        Files.writeString(cfg, "sip:\n  port: " + sipPort + "\n  drainSeconds: 1\nmedia:\n  portMin: 38000\n  portMax: 38099\napi:\n  port: 0\nrecording:\n  folder: \"" + cfgDir.resolve("recordings") + "\"\nrecords:\n  url: \"jdbc:h2:file:" + cfgDir.resolve("records") + "\"\n");
        ToneGuardServer second = ToneGuardServer.start(new ConfigLoader().load(cfg));
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("long.pcap", RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture());
                SippProcess a = agent("agent.xml", p).start()) {
            assertTrue(a.awaitListening(Duration.ofSeconds(5)));
            try (SippProcess c = Sipp.scenario("caller-hangup-by-callee.xml").localPort(p.caller()).mediaPort(p.callerMedia())
                    .remote("127.0.0.1", p.agent()).args("-rsa", "127.0.0.1:" + sipPort)
                    .key("pcap", pcap.file().toString()).timeout(Duration.ofSeconds(15)).start()) {
                assertTrue(awaitCalls(second, 1, Duration.ofSeconds(5)), "the call is up");
                assertTrue(capture.awaitPackets(10, Duration.ofSeconds(5)), "media flows before the shutdown");
                second.close(); // drain 1 s, then BYE both legs
                SippResult callerResult = c.await(WAIT);
                SippResult agentResult = a.await(WAIT);
                assertTrue(capture.count(0) > 0, "media flowed until the shutdown");
                assertEquals(0, callerResult.exitCode(), "caller: " + callerResult.describe());
                assertEquals(0, agentResult.exitCode(), "agent: " + agentResult.describe());
            }
        } finally {
            second.close();
        }
    }

    @Test
    void infoDigitsAreConsumedAndNeverForwarded() throws Exception {
        Ports p = Ports.next();
        long before = toneGuard.digits().total(DigitSource.SIP_INFO);
        SippResult[] results = SippCalls.call(agent("agent.xml", p), caller("caller-info-digits.xml", p).key("info_digit", "5"));
        assertEquals(2, toneGuard.digits().total(DigitSource.SIP_INFO) - before, "both INFO digits were consumed");
        assertFalse(results[0].messages().contains("INFO sip:"), "an INFO reached the agent side");
    }
}
