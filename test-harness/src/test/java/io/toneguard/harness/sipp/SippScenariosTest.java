package io.toneguard.harness.sipp;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.harness.SippCalls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.Multimon;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario in {@code /sipp/} against its sipp counterpart directly on loopback, without
 * ToneGuard: proves the scenarios, the pcap files and the capture before they are put in front of
 * the B2BUA. The basic call is also the positive control of the leak tests: with nothing masking,
 * the agent side receives the telephone-events and multimon-ng finds the keyed tones.
 */
@IntegrationTest
class SippScenariosTest {
    /** Each test takes a block of ports from 35000 up (the harness's range is 35000-35999). */
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger(35000);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @BeforeAll
    static void sippInstalled() {
        DebianPackages.ensure("sip-tester");
    }

    /** Ports of one test: caller SIP and media, agent SIP and media, and the capture. */
    record Ports(int caller, int callerMedia, int agent, int agentMedia, int capture) {
        static Ports next() {
            int b = NEXT_BLOCK.getAndAdd(20);
            return new Ports(b, b + 4, b + 8, b + 12, b + 16);
        }
    }

    private static Sipp agent(String scenario, Ports p) {
        return Sipp.scenario(scenario).localPort(p.agent()).mediaPort(p.agentMedia())
                .key("agent_rtp_port", p.capture()).timeout(Duration.ofSeconds(10));
    }

    private static Sipp caller(String scenario, Ports p) {
        return Sipp.scenario(scenario).localPort(p.caller()).mediaPort(p.callerMedia())
                .remote("127.0.0.1", p.agent()).timeout(Duration.ofSeconds(10));
    }

    /** Runs an agent and a caller against each other; both must succeed. Returns {agent, caller}. */
    private static final DtmfDigit[] KEYS = {DtmfDigit.D4, DtmfDigit.D1, DtmfDigit.D5, DtmfDigit.HASH};

    /** Speech, then four keys as in-band tones and, at the same moments, as telephone-events. */
    private RtpPcapWriter.Summary keyedPcap(String name) throws Exception {
        short[] speech = SpeechCorpus.read("you-entered.wav");
        Signal s = new Signal(7).silence(100).audio(Arrays.copyOf(speech, Math.min(speech.length, 4000))).silence(100);
        List<KeyPress> presses = new ArrayList<>();
        for (DtmfDigit d : KEYS) {
            double at = s.length() * 1000.0 / Signal.RATE;
            s.tone(d, 100, -10).silence(100);
            presses.add(new KeyPress(d, at, 100));
        }
        return RtpPcapWriter.write(dir.resolve(name), s.pcm(), presses, RtpPcapWriter.Options.DEFAULT);
    }

    private static char[] keys(DtmfDigit... digits) {
        char[] out = new char[digits.length];
        for (int i = 0; i < digits.length; i++) {
            out[i] = digits[i].key();
        }
        return out;
    }

    @Test
    void basicCallPlaysThePcapToTheAgentsMediaAddress() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = keyedPcap("keys.pcap");
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippCalls.call(agent("agent.xml", p), caller("caller.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 300));
            assertTrue(capture.awaitQuiet(pcap.packets(), Duration.ofMillis(100), Duration.ofSeconds(2)),
                    "received " + capture.packets().size() + " of " + pcap.packets());
            assertEquals(pcap.audioPackets(), capture.count(0));
            assertEquals(pcap.eventPackets(), capture.count(101));
            assertEquals(pcap.packets(), capture.packets().size());
            assertTrue(capture.isSequenceContinuous());
            assertEquals(p.callerMedia(), capture.packets().get(0).source().getPort(), "sipp sends from its -mp port");
            assertEquals(Arrays.asList(KEYS), capture.telephoneEvents(101), "events pass: nothing masks them here");
            assertArrayEquals(keys(KEYS), Multimon.dtmf(capture.audio()), "the oracle hears the tones");
        }
    }

    @Test
    void callerCancelsWhileRinging() throws Exception {
        Ports p = Ports.next();
        SippResult[] r = SippCalls.call(agent("agent-no-answer.xml", p), caller("caller-cancel.xml", p).key("ring_ms", 100));
        assertTrue(r[0].messages().contains("CANCEL sip:"), r[0].describe());
        assertTrue(r[1].messages().contains("SIP/2.0 487"), r[1].describe());
    }

    @Test
    void busyAgent() throws Exception {
        Ports p = Ports.next();
        SippCalls.call(agent("agent-busy.xml", p), caller("caller-expect-busy.xml", p));
    }

    @Test
    void rejectAcceptsBusyAndDecline() throws Exception {
        Ports p = Ports.next();
        SippResult[] r = SippCalls.call(agent("agent-decline.xml", p), caller("caller-expect-reject.xml", p));
        assertTrue(r[1].messages().contains("SIP/2.0 603"), r[1].describe());
        Ports q = Ports.next();
        SippCalls.call(agent("agent-busy.xml", q), caller("caller-expect-reject.xml", q));
    }

    @Test
    void expectingBusyFailsWhenTheCallIsAnswered() throws Exception {
        Ports p = Ports.next();
        try (SippProcess a = agent("agent.xml", p).start()) {
            assertTrue(a.awaitListening(Duration.ofSeconds(5)));
            SippResult c = caller("caller-expect-busy.xml", p).timeout(Duration.ofSeconds(2)).run(WAIT);
            assertNotEquals(0, c.exitCode(), c.describe());
            assertTrue(!c.errors().isBlank() || !c.screen().isBlank(), c.describe());
        }
    }

    @Test
    void callerHoldsAndResumes() throws Exception {
        Ports p = Ports.next();
        SippResult[] r = SippCalls.call(agent("agent.xml", p), caller("caller-hold-resume.xml", p).key("hold_ms", 150));
        String m = r[0].messages();
        int hold = m.indexOf("a=sendonly");
        int answer = m.indexOf("a=recvonly", hold);
        int resume = m.indexOf("CSeq: 3 INVITE");
        assertTrue(hold > 0 && answer > hold && resume > answer, r[0].describe());
        assertTrue(m.indexOf("a=sendrecv", resume) > resume, r[0].describe());
    }

    @Test
    void agentHoldsResumesAndHangsUp() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = RtpPcapWriter.write(dir.resolve("s.pcap"), new Signal(1).silence(400).pcm(),
                RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippResult[] r = SippCalls.call(agent("agent-hold-resume.xml", p).key("hold_ms", 150),
                    caller("caller-hangup-by-callee.xml", p).key("pcap", pcap.file().toString()));
            String m = r[1].messages();
            assertTrue(m.indexOf("a=recvonly") > m.indexOf("a=sendonly"), r[1].describe());
            assertTrue(m.contains("BYE sip:caller@"), r[1].describe());
            assertTrue(capture.awaitPackets(1, Duration.ofSeconds(1)), "media flowed during the call");
        }
    }

    @Test
    void agentHangsUp() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = RtpPcapWriter.write(dir.resolve("s.pcap"), new Signal(1).silence(200).pcm(),
                RtpPcapWriter.Options.DEFAULT);
        SippResult[] r = SippCalls.call(agent("agent-hangup.xml", p).key("hangup_ms", 300),
                caller("caller-hangup-by-callee.xml", p).key("pcap", pcap.file().toString()));
        assertTrue(r[0].messages().contains("BYE sip:caller@127.0.0.1:" + p.caller()), r[0].describe());
    }

    @Test
    void lateOfferPlaysTowardTheAddressOfferedInTheAnswer() throws Exception {
        Ports p = Ports.next();
        RtpPcapWriter.Summary pcap = RtpPcapWriter.write(dir.resolve("s.pcap"), new Signal(1).silence(300).pcm(),
                RtpPcapWriter.Options.DEFAULT);
        try (RtpCapture capture = RtpCapture.open(p.capture())) {
            SippResult[] r = SippCalls.call(agent("agent.xml", p), caller("caller-late-offer.xml", p)
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 300));
            String m = r[0].messages();
            int invite = m.indexOf("INVITE sip:");
            int ack = m.indexOf("ACK sip:");
            assertTrue(invite >= 0 && !m.substring(invite, m.indexOf("SIP/2.0 180")).contains("m=audio"),
                    "INVITE without SDP\n" + r[0].describe());
            assertTrue(m.substring(ack).contains("m=audio " + p.callerMedia() + " RTP/AVP 0 101"),
                    "answer in the ACK\n" + r[0].describe());
            assertTrue(capture.awaitQuiet(pcap.packets(), Duration.ofMillis(100), Duration.ofSeconds(2)));
            assertEquals(pcap.audioPackets(), capture.count(0));
        }
    }

    @Test
    void infoDigitsAreAnswered() throws Exception {
        Ports p = Ports.next();
        SippResult[] r = SippCalls.call(agent("agent.xml", p), caller("caller-info-digits.xml", p).key("info_digit", "5"));
        String m = r[0].messages();
        assertTrue(m.contains("Content-Type: application/dtmf-relay"), r[0].describe());
        assertTrue(m.contains("Signal=5\r\nDuration=160"), r[0].describe());
        assertTrue(m.contains("Content-Type: application/dtmf\r\n"), r[0].describe());
    }
}
