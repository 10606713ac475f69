package io.toneguard.harness.baresip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.DebianPackages;
import io.toneguard.dtmf.testing.LeakOracles;
import io.toneguard.dtmf.testing.Multimon;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.media.wav.WavAudio;
import io.toneguard.media.wav.WavEncoding;
import io.toneguard.media.wav.WavReader;
import io.toneguard.media.wav.WavWriter;
import io.toneguard.server.ToneGuardServer;
import io.toneguard.server.config.ConfigLoader;
import io.toneguard.sip.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Encrypted calls with a real softphone on both sides: baresip (Debian) as the caller and as the
 * agent, SDES-SRTP and DTLS-SRTP over SIP TLS, and mixed plain/SDES/DTLS legs. The caller's microphone is real
 * speech with keypad tones in the middle; the agent's baresip decrypts what it gets and dumps it to
 * WAV, which must carry the speech and no decodable DTMF. ToneGuard's log never shows a key.
 */
@IntegrationTest
class BaresipSrtpCallsTest {
    static final int SIP_PORT = 35800;
    static final int TLS_PORT = 35801;
    static final int CALLER_SIP = 35810;
    static final int AGENT_SIP = 35820;
    static final int PLAIN_AGENT_SIP = 35830;
    static final int SECURE_AGENT_SIP = 35840;
    static final int DTLS_AGENT_SIP = 35850;
    private static final DtmfDigit[] KEYS = {DtmfDigit.D4, DtmfDigit.D1, DtmfDigit.D1, DtmfDigit.D1, DtmfDigit.HASH};

    private static ToneGuardServer toneGuard;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static Path dir;
    private static Path ca;
    private static Path callerBundle;
    private static Path agentBundle;
    private static Path callerMic;
    private static Path agentMic;
    private static short[] callerAudio;
    private static Path payerMic;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        DebianPackages.ensure("baresip");
        DebianPackages.ensure("multimon-ng");
        dir = tmp;
        TestPki pki = TestPki.ca("baresip-test");
        ca = pki.writeCaPem(dir.resolve("ca.pem"));
        TestPki.Identity tg = pki.issue("toneguard");
        Path tgCert = tg.writeChainPem(dir.resolve("tg.pem"));
        Path tgKey = tg.writeKeyPem(dir.resolve("tg.key"));
        callerBundle = bundle(pki.issue("caller"), "caller");
        agentBundle = bundle(pki.issue("agent"), "agent");

        Signal s = new Signal(11).silence(200).audio(SpeechCorpus.read("you-entered.wav")).silence(150);
        for (DtmfDigit d : KEYS) {
            s.tone(d, 120, -8).silence(120);
        }
        s.audio(SpeechCorpus.read("please-try-again.wav")).silence(300);
        callerAudio = s.pcm();
        // a self-service caller: listens to the amount, presses 2 (cancel) into the prompt, then stays silent
        payerMic = dir.resolve("payer-mic.wav");
        WavWriter.write(payerMic, new WavAudio(WavEncoding.PCM16, 8000,
                new Signal(13).silence(3000).tone(DtmfDigit.D2, 150, -8).silence(22_000).pcm()));
        callerMic = dir.resolve("caller-mic.wav");
        WavWriter.write(callerMic, new WavAudio(WavEncoding.PCM16, 8000, callerAudio));
        agentMic = dir.resolve("agent-mic.wav");
        WavWriter.write(agentMic, new WavAudio(WavEncoding.PCM16, 8000,
                new Signal(12).audio(SpeechCorpus.read("please-try-again.wav")).silence(8000).pcm()));

        Path cfg = dir.resolve("toneguard.yaml");
        Files.writeString(cfg, "sip:\n  port: " + SIP_PORT + "\n  tlsPort: " + TLS_PORT + "\n  transports: [udp, tls]\n"
                + "  drainSeconds: 0\n  tls:\n    certificate: " + tgCert + "\n    key: " + tgKey + "\n    truststore: " + ca + "\n"
                + "routing:\n  rules:\n"
                + "    - userExact: plain\n      target: \"sip:plain@127.0.0.1:" + PLAIN_AGENT_SIP + "\"\n      transport: udp\n"
                + "      agentMedia: plain\n"
                + "    - userExact: secure\n      target: \"sip:secure@127.0.0.1:" + (SECURE_AGENT_SIP + 1) + ";transport=tls\"\n"
                + "      agentMedia: sdes\n"
                + "    - userExact: sdesagent\n      target: \"sip:sdesagent@127.0.0.1:" + (SECURE_AGENT_SIP + 1) + ";transport=tls\"\n"
                + "      agentMedia: sdes\n"
                + "    - userExact: pay\n      target: \"self-service:bill\"\n"
                + "ivr:\n  noInputTimeoutSeconds: 5\n  selfService:\n"
                + "    bill: {kind: card, amount: \"12.00\", currency: GBP, description: Bill}\n"
                + "media:\n  portMin: 33400\n  portMax: 33499\napi:\n  enabled: false\nrecording:\n  mode: \"off\"\n"
                + "records:\n  url: \"jdbc:h2:file:" + dir.resolve("records") + "\"\n");
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        toneGuard = ToneGuardServer.start(new ConfigLoader().load(cfg));
    }

    @AfterAll
    static void stop() {
        if (toneGuard != null) {
            toneGuard.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        for (ILoggingEvent e : LOG.list) {
            String line = e.getFormattedMessage();
            assertFalse(line.contains("inline:") || line.contains("a=crypto:"), "a log line shows SDES key material: " + line);
        }
    }

    private static Path bundle(TestPki.Identity id, String name) throws Exception {
        Path chain = id.writeChainPem(dir.resolve(name + ".pem"));
        Path key = id.writeKeyPem(dir.resolve(name + ".key"));
        Path bundle = dir.resolve(name + "-bundle.pem");
        Files.writeString(bundle, Files.readString(chain) + Files.readString(key));
        return bundle;
    }

    /** Runs one call: the agent phone answers, the caller dials and hangs up when its speech ends; returns what the agent heard. */
    private static short[] call(Baresip agent, Baresip caller) throws Exception {
        long before = toneGuard.digits().total(DigitSource.INBAND);
        short[] heard = runCall(agent, caller);
        long detected = toneGuard.digits().total(DigitSource.INBAND) - before;
        assertTrue(detected >= KEYS.length - 1, "ToneGuard decoded the caller's keys inside the call: " + detected);
        return heard;
    }

    private static short[] runCall(Baresip agent, Baresip caller) throws Exception {
        try (Baresip.Phone a = agent.microphone(agentMic).quitAfter(Duration.ofSeconds(40)).start()) {
            Thread.sleep(1000); // listening
            try (Baresip.Phone c = caller.microphone(callerMic).quitAfter(Duration.ofSeconds(30)).start()) {
                assertTrue(c.awaitOutput("Call established", Duration.ofSeconds(15)), "caller:\n" + c.output() + "\nagent:\n" + a.output());
                assertTrue(c.awaitOutput("terminated", Duration.ofSeconds(30)), "caller:\n" + c.output());
            }
            assertTrue(a.awaitOutput("terminated", Duration.ofSeconds(10)), "agent:\n" + a.output());
            Thread.sleep(300);
            List<Path> heard = a.heard();
            assertEquals(1, heard.size(), "one call dumped at the agent: " + heard + "\n" + a.output());
            return WavReader.read(heard.get(0)).samples();
        }
    }

    private static void assertSpeechAndNoDigits(short[] heard) {
        assertTrue(Multimon.dtmf(callerAudio).length >= 3, "positive control: multimon-ng decodes the caller's keys");
        double seconds = heard.length / 8000.0;
        double expected = callerAudio.length / 8000.0;
        // DTLS handshakes may cost a retransmission (1 s) before media flows
        assertTrue(seconds > expected - 2.5, "the agent heard " + seconds + " s of " + expected + " s");
        assertTrue(rms(heard) > 300, "the speech reaches the agent (rms " + rms(heard) + ")");
        LeakOracles.assertNothingDecodable(heard);
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short v : pcm) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, pcm.length));
    }

    private static Baresip tlsCaller() {
        return Baresip.phone("caller").sipPort(CALLER_SIP).rtpPorts(33100, 33149).tls(callerBundle, ca)
                .account("<sip:caller@127.0.0.1;transport=tls>;mediaenc=srtp-mand;outbound=\"sip:127.0.0.1:" + TLS_PORT
                        + ";transport=tls\"");
    }

    @Test
    void sdesOverTlsOnBothLegs() throws Exception {
        Baresip agent = Baresip.phone("agent").sipPort(AGENT_SIP).rtpPorts(33150, 33199).tls(agentBundle, ca)
                .account("<sip:agent@127.0.0.1;transport=tls>;mediaenc=srtp-mand;answermode=auto");
        short[] heard = call(agent, tlsCaller().dial("sip:agent@127.0.0.1:" + (AGENT_SIP + 1) + ";transport=tls"));
        assertSpeechAndNoDigits(heard);
    }

    @Test
    void sdesCallerOverTlsToAPlainAgentOverUdp() throws Exception {
        Baresip agent = Baresip.phone("plain").sipPort(PLAIN_AGENT_SIP).rtpPorts(33200, 33249)
                .account("<sip:plain@127.0.0.1>;answermode=auto");
        short[] heard = call(agent, tlsCaller().dial("sip:plain@127.0.0.1:" + PLAIN_AGENT_SIP));
        assertSpeechAndNoDigits(heard);
    }

    @Test
    void plainCallerOverUdpToAnSdesAgentOverTls() throws Exception {
        Baresip agent = Baresip.phone("secure").sipPort(SECURE_AGENT_SIP).rtpPorts(33250, 33299).tls(agentBundle, ca)
                .account("<sip:secure@127.0.0.1;transport=tls>;mediaenc=srtp-mand;answermode=auto");
        Baresip caller = Baresip.phone("plaincaller").sipPort(CALLER_SIP + 4).rtpPorts(33300, 33349)
                .account("<sip:caller@127.0.0.1>;outbound=\"sip:127.0.0.1:" + SIP_PORT + "\"")
                .dial("sip:secure@127.0.0.1:" + SECURE_AGENT_SIP);
        short[] heard = call(agent, caller);
        assertSpeechAndNoDigits(heard);
    }

    @Test
    void dtlsSrtpOnBothLegsOverTls() throws Exception {
        Baresip agent = Baresip.phone("dtlsagent").sipPort(DTLS_AGENT_SIP).rtpPorts(33350, 33399).tls(agentBundle, ca)
                .account("<sip:dtls@127.0.0.1;transport=tls>;mediaenc=dtls_srtp;answermode=auto");
        Baresip caller = Baresip.phone("dtlscaller").sipPort(CALLER_SIP + 6).rtpPorts(33100, 33149).tls(callerBundle, ca)
                .account("<sip:caller@127.0.0.1;transport=tls>;mediaenc=dtls_srtp;outbound=\"sip:127.0.0.1:" + TLS_PORT
                        + ";transport=tls\"")
                .dial("sip:dtls@127.0.0.1:" + (DTLS_AGENT_SIP + 1) + ";transport=tls");
        assertSpeechAndNoDigits(call(agent, caller));
    }

    @Test
    void dtlsCallerToAnSdesAgent() throws Exception {
        Baresip agent = Baresip.phone("sdesagent").sipPort(SECURE_AGENT_SIP).rtpPorts(33250, 33299).tls(agentBundle, ca)
                .account("<sip:sdesagent@127.0.0.1;transport=tls>;mediaenc=srtp-mand;answermode=auto");
        Baresip caller = Baresip.phone("dtlscaller").sipPort(CALLER_SIP + 6).rtpPorts(33100, 33149).tls(callerBundle, ca)
                .account("<sip:caller@127.0.0.1;transport=tls>;mediaenc=dtls_srtp;outbound=\"sip:127.0.0.1:" + TLS_PORT
                        + ";transport=tls\"")
                .dial("sip:sdesagent@127.0.0.1:" + SECURE_AGENT_SIP);
        assertSpeechAndNoDigits(call(agent, caller));
    }

    @Test
    void anSdesCallerOverTlsPaysBySelfServiceAndToneGuardHangsUp() throws Exception {
        selfService(Baresip.phone("payer").sipPort(CALLER_SIP + 8).rtpPorts(33100, 33149).tls(callerBundle, ca)
                .account("<sip:payer@127.0.0.1;transport=tls>;mediaenc=srtp-mand;outbound=\"sip:127.0.0.1:" + TLS_PORT
                        + ";transport=tls\""));
    }

    @Test
    void aDtlsSrtpCallerPaysBySelfServiceAndToneGuardHangsUp() throws Exception {
        selfService(Baresip.phone("dtlspayer").sipPort(CALLER_SIP + 8).rtpPorts(33100, 33149).tls(callerBundle, ca)
                .account("<sip:payer@127.0.0.1;transport=tls>;mediaenc=dtls_srtp;outbound=\"sip:127.0.0.1:" + TLS_PORT
                        + ";transport=tls\""));
    }

    /**
     * Dials the self-service number: ToneGuard answers with SRTP, the caller hears the amount
     * (decrypted by baresip), its key 2 reaches the flow (decrypted by ToneGuard) and cancels, and
     * ToneGuard hangs up after "goodbye".
     */
    private static void selfService(Baresip payer) throws Exception {
        int before = LOG.list.size();
        try (Baresip.Phone p = payer.dial("sip:pay@127.0.0.1").microphone(payerMic).quitAfter(Duration.ofSeconds(40)).start()) {
            assertTrue(p.awaitOutput("Call established", Duration.ofSeconds(15)), "payer:\n" + p.output());
            assertTrue(p.awaitOutput("terminated", Duration.ofSeconds(25)), "ToneGuard hangs up after the flow:\n" + p.output());
            Thread.sleep(300);
            List<Path> heard = p.heard();
            assertEquals(1, heard.size(), "one call dumped: " + heard + "\n" + p.output());
            short[] pcm = WavReader.read(heard.get(0)).samples();
            assertTrue(pcm.length / 8000.0 > 3, "the call lasted past the prompts: " + pcm.length / 8000.0 + " s");
            assertTrue(rms(pcm) > 300, "the prompts reach the caller through SRTP (rms " + rms(pcm) + ")");
        }
        List<String> lines = LOG.list.subList(before, LOG.list.size()).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("ended (cancelled)")), "the caller's 2 cancelled the flow: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("answered here (SRTP")), "answered with SRTP: " + lines);
    }
}
