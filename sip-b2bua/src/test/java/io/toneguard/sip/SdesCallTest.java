package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import io.toneguard.sip.testing.RawSipPeer;
import io.toneguard.sip.testing.SrtpMediaPeer;
import io.toneguard.media.sdp.MediaCapabilities;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SDES-SRTP per leg through the B2BUA over UDP signalling (allowed here by
 * {@code allowSdesWithoutTls}): our own key per leg and direction, media decrypted and
 * re-encrypted, plain and SRTP legs mixed by route, re-INVITE with the same or a new key, and
 * offers without a usable crypto line refused with 488.
 */
@IntegrationTest
class SdesCallTest {
    static final int PORT = 35260;
    static final int AGENT_PORT = 35271;
    static final InetSocketAddress TG = new InetSocketAddress("127.0.0.1", PORT);
    private static final AtomicInteger N = new AtomicInteger();
    private static MediaTransport media;
    private static SipB2bua b2bua;

    @BeforeAll
    static void start() {
        media = MediaTransport.start(MediaTransportConfig.defaults().withPorts(36200, 36299).withIoThreads(1));
        SipSettings s = new SipSettings("127.0.0.1", PORT, List.of("udp"), 65536, Duration.ofSeconds(60),
                Duration.ZERO, "ToneGuard-test").withMedia(AgentMedia.SAME_AS_CALLER, true);
        String agent = "sip:%s@127.0.0.1:" + AGENT_PORT;
        Router router = new Router(List.of(
                new RouteRule("plain", null, null, null, null, null, agent.formatted("plain"), null, null, AgentMedia.PLAIN),
                new RouteRule("sdes", null, null, null, null, null, agent.formatted("sdes"), null, null, AgentMedia.SDES)),
                true);
        b2bua = SipB2bua.start(s, router, media, MediaCapabilities.DEFAULT, CallStages.NONE, CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        b2bua.close();
        media.close();
    }

    /** One established call: the messages both phones saw, for the checks. */
    record Call(String callId, String fromTag, String okToCaller, String inviteToAgent, String agentToTag,
                InetSocketAddress tgCallerMedia, InetSocketAddress tgAgentMedia) {
    }

    static Call call(RawSipPeer caller, RawSipPeer agent, String user, String callerSdp, SrtpMediaPeer agentPhone,
            int agentTag) {
        int n = N.incrementAndGet();
        String callId = "sdes-" + n + "@test";
        String fromTag = "f" + n;
        String ruri = "sip:" + user + "@127.0.0.1:" + AGENT_PORT;
        caller.send(caller.request("INVITE", ruri, callId, fromTag, null, 1, callerSdp));
        String invite = agent.await("INVITE ", 5000);
        assertNotNull(invite, "the agent side got no INVITE");
        String toTag = "a" + n;
        agent.send(agent.response(invite, 200, "OK", toTag, agentPhone.sdp(agentTag)));
        assertNotNull(agent.await("ACK ", 5000), "no ACK to the agent side");
        String ok = caller.await("SIP/2.0 200", 5000);
        assertNotNull(ok, "no 200 to the caller");
        caller.send(caller.request("ACK", ruri, callId, fromTag, ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 1, null));
        return new Call(callId, fromTag, ok, invite, toTag, mediaOf(RawSipPeer.body(ok)), mediaOf(RawSipPeer.body(invite)));
    }

    static InetSocketAddress mediaOf(String sdp) {
        return new InetSocketAddress("127.0.0.1", SrtpMediaPeer.audio(sdp).port());
    }

    static void hangUp(RawSipPeer caller, RawSipPeer agent, Call c) {
        hangUp(caller, agent, c, 3);
    }

    static void hangUp(RawSipPeer caller, RawSipPeer agent, Call c, int cseq) {
        String ruri = "sip:toneguard@127.0.0.1:" + PORT;
        String toTag = RawSipPeer.tag(RawSipPeer.header(c.okToCaller(), "To"));
        caller.send(caller.request("BYE", ruri, c.callId(), c.fromTag(), ";tag=" + toTag, cseq, null));
        String ok;
        do {
            ok = caller.await("SIP/2.0 200", 5000);
        } while (ok != null && !ok.contains(cseq + " BYE"));
        assertNotNull(ok, "BYE not answered");
        String bye = agent.await("BYE ", 5000);
        assertNotNull(bye, "no BYE toward the agent side");
        agent.send(agent.response(bye, 200, "OK", null, null));
    }

    /** Speech-like bytes that differ per packet. */
    static byte[] payload(int i) {
        byte[] p = new byte[160];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (0x40 + (i * 7 + k) % 60);
        }
        return p;
    }

    /** The caller's packets reach the agent phone intact, and the agent's reach the caller. */
    static void assertMediaBothWays(SrtpMediaPeer callerPhone, SrtpMediaPeer agentPhone, Call c) {
        for (int i = 0; i < 10; i++) {
            callerPhone.send(payload(i), c.tgCallerMedia());
            byte[] got = agentPhone.receivePayload(2000);
            assertNotNull(got, "packet " + i + " caller -> agent did not arrive or did not decrypt");
            assertArrayEquals(payload(i), got, "caller -> agent payload " + i);
        }
        for (int i = 0; i < 10; i++) {
            agentPhone.send(payload(100 + i), c.tgAgentMedia());
            byte[] got = callerPhone.receivePayload(2000);
            assertNotNull(got, "packet " + i + " agent -> caller did not arrive or did not decrypt");
            assertArrayEquals(payload(100 + i), got, "agent -> caller payload " + i);
        }
    }

    private static String inline(MediaDescription m, int tag) {
        Crypto c = m.crypto().stream().filter(x -> x.tag() == tag).findFirst().orElseThrow();
        return c.keys().get(0).keySalt();
    }

    @Test
    void sdesCallerAndSdesAgentEachGetOurOwnKeys() {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             SrtpMediaPeer callerPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
             SrtpMediaPeer agentPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            String callerSdp = callerPhone.sdp(1);
            Call c = call(caller, agent, "agent", callerSdp, agentPhone, 1);
            MediaDescription toCaller = SrtpMediaPeer.audio(RawSipPeer.body(c.okToCaller()));
            MediaDescription toAgent = SrtpMediaPeer.audio(RawSipPeer.body(c.inviteToAgent()));
            assertEquals("RTP/SAVP", toCaller.proto());
            assertEquals("RTP/SAVP", toAgent.proto());
            assertEquals(1, toCaller.crypto().size(), "the answer carries one a=crypto");
            assertEquals(2, toAgent.crypto().size(), "the offer to the agent side carries the default suites");
            String callerKey = inline(SrtpMediaPeer.audio(callerSdp), 1);
            assertNotEquals(callerKey, inline(toCaller, 1), "our answer has a key of our own");
            assertFalse(c.inviteToAgent().contains(callerKey), "the caller's key never reaches the agent side");
            assertNotEquals(inline(toCaller, 1), inline(toAgent, 1), "each leg has its own key");
            callerPhone.peerKeyFrom(RawSipPeer.body(c.okToCaller()), 1);
            agentPhone.peerKeyFrom(RawSipPeer.body(c.inviteToAgent()), 1);
            assertMediaBothWays(callerPhone, agentPhone, c);
            hangUp(caller, agent, c);
        }
    }

    @Test
    void sdesCallerToPlainAgentByRoute() {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             SrtpMediaPeer callerPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
             SrtpMediaPeer agentPhone = SrtpMediaPeer.plain()) {
            Call c = call(caller, agent, "plain", callerPhone.sdp(7), agentPhone, 0);
            MediaDescription toAgent = SrtpMediaPeer.audio(RawSipPeer.body(c.inviteToAgent()));
            assertEquals("RTP/AVP", toAgent.proto());
            assertTrue(toAgent.crypto().isEmpty());
            MediaDescription toCaller = SrtpMediaPeer.audio(RawSipPeer.body(c.okToCaller()));
            assertEquals("RTP/SAVP", toCaller.proto());
            assertEquals(7, toCaller.crypto().get(0).tag(), "answered under the caller's tag");
            assertEquals("AES_CM_128_HMAC_SHA1_32", toCaller.crypto().get(0).suite());
            callerPhone.peerKeyFrom(RawSipPeer.body(c.okToCaller()), 7);
            assertMediaBothWays(callerPhone, agentPhone, c);
            hangUp(caller, agent, c);
        }
    }

    @Test
    void plainCallerToSdesAgentByRoute() {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             SrtpMediaPeer callerPhone = SrtpMediaPeer.plain();
             SrtpMediaPeer agentPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            Call c = call(caller, agent, "sdes", callerPhone.sdp(0), agentPhone, 1);
            assertEquals("RTP/SAVP", SrtpMediaPeer.audio(RawSipPeer.body(c.inviteToAgent())).proto());
            assertEquals("RTP/AVP", SrtpMediaPeer.audio(RawSipPeer.body(c.okToCaller())).proto());
            agentPhone.peerKeyFrom(RawSipPeer.body(c.inviteToAgent()), 1);
            assertMediaBothWays(callerPhone, agentPhone, c);
            hangUp(caller, agent, c);
        }
    }

    @Test
    void reInviteWithTheSameCryptoKeepsTheKeysAndANewKeyRekeys() {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             SrtpMediaPeer callerPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
             SrtpMediaPeer agentPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            Call c = call(caller, agent, "agent", callerPhone.sdp(1), agentPhone, 1);
            String ourKeyToCaller = inline(SrtpMediaPeer.audio(RawSipPeer.body(c.okToCaller())), 1);
            String ourKeyToAgent = inline(SrtpMediaPeer.audio(RawSipPeer.body(c.inviteToAgent())), 1);
            callerPhone.peerKeyFrom(RawSipPeer.body(c.okToCaller()), 1);
            agentPhone.peerKeyFrom(RawSipPeer.body(c.inviteToAgent()), 1);
            assertMediaBothWays(callerPhone, agentPhone, c);

            // hold and resume with the same crypto: every key stays
            String ok = reInvite(caller, agent, c, callerPhone.sdp(1).replace("a=sendrecv", "a=sendonly"), agentPhone, 4);
            assertEquals(ourKeyToCaller, inline(SrtpMediaPeer.audio(RawSipPeer.body(ok)), 1), "same crypto keeps our key");
            ok = reInvite(caller, agent, c, callerPhone.sdp(1), agentPhone, 5);
            assertEquals(ourKeyToCaller, inline(SrtpMediaPeer.audio(RawSipPeer.body(ok)), 1));
            assertMediaBothWays(callerPhone, agentPhone, c);

            // the caller re-keys: a new key of ours toward it; the agent leg keeps its keys
            callerPhone.newOwnKey();
            ok = reInvite(caller, agent, c, callerPhone.sdp(1), agentPhone, 6);
            String newKey = inline(SrtpMediaPeer.audio(RawSipPeer.body(ok)), 1);
            assertNotEquals(ourKeyToCaller, newKey, "a new key from the caller gets a new key of ours");
            callerPhone.peerKeyFrom(RawSipPeer.body(ok), 1);
            assertMediaBothWays(callerPhone, agentPhone, c);
            hangUp(caller, agent, c, 10);
        }
    }

    /** A caller re-INVITE with {@code sdp}; the agent phone answers; returns the 200 the caller got. */
    private static String reInvite(RawSipPeer caller, RawSipPeer agent, Call c, String sdp, SrtpMediaPeer agentPhone,
            int cseq) {
        String ruri = "sip:toneguard@127.0.0.1:" + PORT;
        String toTag = RawSipPeer.tag(RawSipPeer.header(c.okToCaller(), "To"));
        caller.send(caller.request("INVITE", ruri, c.callId(), c.fromTag(), ";tag=" + toTag, cseq, sdp));
        String onward = agent.await("INVITE ", 5000);
        assertNotNull(onward, "the re-INVITE was not passed on");
        MediaDescription offered = SrtpMediaPeer.audio(RawSipPeer.body(onward));
        assertEquals(1, offered.crypto().size(), "the re-offer toward the agent side keeps our key and tag");
        assertEquals(SrtpMediaPeer.audio(RawSipPeer.body(c.inviteToAgent())).crypto().get(0).keys().get(0).keySalt(),
                offered.crypto().get(0).keys().get(0).keySalt(), "no re-key toward the agent side");
        String answer = agentPhone.sdp(1);
        if (offered.direction().isPresent() && offered.direction().get() == io.toneguard.media.sdp.Direction.SENDONLY) {
            answer = answer.replace("a=sendrecv", "a=recvonly");
        }
        agent.send(agent.response(onward, 200, "OK", null, answer));
        assertNotNull(agent.await("ACK ", 5000));
        String ok = caller.awaitFinal(cseq, "INVITE", 5000);
        assertNotNull(ok, "re-INVITE not answered");
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        caller.send(caller.request("ACK", ruri, c.callId(), c.fromTag(), ";tag=" + toTag, cseq, null));
        return ok;
    }

    @Test
    void offersWithoutAUsableCryptoLineGet488AndNoCall() {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             SrtpMediaPeer phone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            String good = phone.sdp(1);
            String goodLine = "a=crypto:" + phone.crypto(1) + "\r\n";
            String[] bad = {
                good.replace(goodLine, ""), // RTP/SAVP without a=crypto
                good.replace(goodLine, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:not*base64!\r\n"), // malformed
                good.replace(goodLine, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\r\n"), // wrong length
                good.replace(goodLine, goodLine.replace("AES_CM_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80")), // unsupported
                good.replace(goodLine, goodLine.replace("\r\n", "|2^20|1:4\r\n")), // MKI
                good.replace("RTP/SAVP", "UDP/TLS/RTP/SAVP"), // DTLS-SRTP without a=fingerprint
                good.replace("RTP/SAVP", "RTP/SAVPX"), // a profile nobody knows
            };
            for (String sdp : bad) {
                int n = N.incrementAndGet();
                caller.send(caller.request("INVITE", "sip:agent@127.0.0.1:" + AGENT_PORT, "bad-" + n + "@test", "f" + n,
                        null, 1, sdp));
                String r = caller.await("SIP/2.0 4", 5000);
                assertNotNull(r, "no error for " + sdp);
                assertTrue(r.startsWith("SIP/2.0 488"), r);
                assertFalse(r.contains("inline:"), "no key text in the response");
            }
            assertNull(agent.receive(300), "nothing reached the agent side");
            assertEquals(0, b2bua.calls().size());
        }
    }
}
