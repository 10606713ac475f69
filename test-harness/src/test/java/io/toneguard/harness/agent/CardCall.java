package io.toneguard.harness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.dtmf.testing.Signal;
import io.toneguard.dtmf.testing.SpeechCorpus;
import io.toneguard.harness.rtp.RtpCapture;
import io.toneguard.harness.rtp.RtpPcapWriter;
import io.toneguard.harness.rtp.RtpPcapWriter.KeyPress;
import io.toneguard.harness.sipp.Sipp;
import io.toneguard.harness.sipp.Sipp.SippProcess;
import io.toneguard.harness.sipp.Sipp.SippResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real call through ToneGuard in which the caller keys a card: sipp as the caller (to agent
 * "alice") and as the agent side, whose received audio is captured. After a lead-in of speech
 * the caller keys the card number as in-band tones with telephone-events at the same moments,
 * then the expiry as in-band tones only, then the security code as telephone-events only.
 */
final class CardCall implements AutoCloseable {
    static final String PAN = "4111111111111111";
    static final String EXPIRY = "1230";
    static final String CVC = "123";

    final RtpPcapWriter.Summary pcap;
    final RtpCapture heard;
    private final SippProcess agent;
    private final SippProcess caller;

    private CardCall(RtpPcapWriter.Summary pcap, RtpCapture heard, SippProcess agent, SippProcess caller) {
        this.pcap = pcap;
        this.heard = heard;
        this.agent = agent;
        this.caller = caller;
    }

    /**
     * Places the call.
     *
     * @param firstPort the first of 16 ports the call's peers use
     * @param leadInMillis speech and silence before the first key (time for the agent to start the capture)
     */
    static CardCall place(Path dir, int toneGuardSipPort, int firstPort, long leadInMillis) throws Exception {
        RtpPcapWriter.Summary pcap = pcap(dir.resolve("card-" + firstPort + ".pcap"), leadInMillis);
        RtpCapture heard = RtpCapture.open(firstPort + 8);
        SippProcess agent = null;
        try {
            agent = Sipp.scenario("agent.xml").localPort(firstPort).mediaPort(firstPort + 4)
                    .key("agent_rtp_port", firstPort + 8).timeout(Duration.ofSeconds(60)).start();
            assertTrue(agent.awaitListening(Duration.ofSeconds(5)), "the agent sipp listens");
            SippProcess caller = Sipp.scenario("caller.xml").localPort(firstPort + 10).mediaPort(firstPort + 12)
                    .remote("127.0.0.1", firstPort).args("-rsa", "127.0.0.1:" + toneGuardSipPort, "-s", "alice")
                    .key("pcap", pcap.file().toString()).key("pause_ms", pcap.durationMillis() + 300)
                    .timeout(Duration.ofSeconds(60)).start();
            return new CardCall(pcap, heard, agent, caller);
        } catch (Exception | AssertionError e) {
            if (agent != null) {
                agent.close();
            }
            heard.close();
            throw e;
        }
    }

    private static RtpPcapWriter.Summary pcap(Path file, long leadInMillis) throws Exception {
        Signal s = new Signal(11).silence(300).audio(SpeechCorpus.read("you-entered.wav"));
        s.silence(Math.max(100, leadInMillis - s.length() * 1000L / Signal.RATE));
        List<KeyPress> presses = new ArrayList<>();
        for (char c : PAN.toCharArray()) {
            presses.add(new KeyPress(DtmfDigit.ofKey(c), millis(s), 90));
            s.tone(DtmfDigit.ofKey(c), 90, -12).silence(90);
        }
        s.silence(700);
        for (char c : EXPIRY.toCharArray()) {
            s.tone(DtmfDigit.ofKey(c), 90, -12).silence(90);
        }
        s.silence(700);
        for (char c : CVC.toCharArray()) {
            presses.add(new KeyPress(DtmfDigit.ofKey(c), millis(s), 90));
            s.silence(180);
        }
        s.silence(300).audio(SpeechCorpus.read("please-try-again.wav")).silence(300);
        return RtpPcapWriter.write(file, s.pcm(), presses, RtpPcapWriter.Options.DEFAULT);
    }

    private static double millis(Signal s) {
        return s.length() * 1000.0 / Signal.RATE;
    }

    /** Waits for both sipp peers to end the call successfully and for the agent's audio to settle. */
    void awaitEnd() throws Exception {
        SippResult c = caller.await(Duration.ofSeconds(60));
        assertEquals(0, c.exitCode(), "caller: " + c.describe());
        SippResult a = agent.await(Duration.ofSeconds(30));
        assertEquals(0, a.exitCode(), "agent: " + a.describe());
        heard.awaitQuiet(pcap.audioPackets() - 5, Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    @Override
    public void close() {
        caller.close();
        agent.close();
        heard.close();
    }
}
