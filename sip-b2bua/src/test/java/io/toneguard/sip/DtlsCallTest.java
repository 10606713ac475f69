package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.media.dtls.DtlsRole;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SetupRole;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import io.toneguard.sip.testing.DtlsMediaPeer;
import io.toneguard.sip.testing.RawSipPeer;
import io.toneguard.sip.testing.SrtpMediaPeer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DTLS-SRTP per leg through the B2BUA: BouncyCastle DTLS phones on either side, ToneGuard's own
 * certificate and role per leg, the handshakes off the event loop, the relay started with the
 * exported keys, a plain agent behind a DTLS caller, and a caller whose certificate does not match
 * its fingerprint (the call ends on both legs and is counted).
 */
@IntegrationTest
class DtlsCallTest {
    private static final int PORT = 35460;
    private static final int AGENT_PORT = 35471;
    private static final InetSocketAddress TG = new InetSocketAddress("127.0.0.1", PORT);
    private static final AtomicInteger N = new AtomicInteger();
    private static MediaTransport media;
    private static SipB2bua b2bua;

    @BeforeAll
    static void start() {
        media = MediaTransport.start(MediaTransportConfig.defaults().withPorts(36500, 36599).withIoThreads(1));
        SipSettings s = new SipSettings("127.0.0.1", PORT, List.of("udp"), 65536, Duration.ofSeconds(60),
                Duration.ZERO, "ToneGuard-test");
        Router router = new Router(List.of(new RouteRule("plain", null, null, null, null, null,
                "sip:plain@127.0.0.1:" + AGENT_PORT, null, null, AgentMedia.PLAIN)), true);
        b2bua = SipB2bua.start(s, router, media, MediaCapabilities.DEFAULT, CallStages.NONE, CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        b2bua.close();
        media.close();
    }

    private record Setup(String callId, String fromTag, String ok, String invite) {
    }

    /** INVITE through ToneGuard; the agent side answers with {@code agentSdp}; returns both ends' SDP. */
    private static Setup establish(RawSipPeer caller, RawSipPeer agent, String user, String callerSdp,
            java.util.function.Function<String, String> agentSdp) {
        int n = N.incrementAndGet();
        String callId = "dtls-" + n + "@test";
        String ruri = "sip:" + user + "@127.0.0.1:" + AGENT_PORT;
        caller.send(caller.request("INVITE", ruri, callId, "f" + n, null, 1, callerSdp));
        String invite = agent.await("INVITE ", 5000);
        assertNotNull(invite, "no INVITE toward the agent side");
        agent.send(agent.response(invite, 200, "OK", "a" + n, agentSdp.apply(RawSipPeer.body(invite))));
        assertNotNull(agent.await("ACK ", 5000));
        String ok = caller.await("SIP/2.0 200", 5000);
        assertNotNull(ok, "no 200 to the caller");
        caller.send(caller.request("ACK", ruri, callId, "f" + n, ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 1, null));
        return new Setup(callId, "f" + n, ok, invite);
    }

    private static InetSocketAddress mediaOf(String sdp) {
        return new InetSocketAddress("127.0.0.1", SrtpMediaPeer.audio(sdp).port());
    }

    private static void bye(RawSipPeer caller, RawSipPeer agent, Setup c) {
        bye(caller, agent, c, 2);
    }

    private static void bye(RawSipPeer caller, RawSipPeer agent, Setup c, int cseq) {
        caller.send(caller.request("BYE", "sip:toneguard@127.0.0.1:" + PORT, c.callId(), c.fromTag(),
                ";tag=" + RawSipPeer.tag(RawSipPeer.header(c.ok(), "To")), cseq, null));
        String bye = agent.await("BYE ", 5000);
        assertNotNull(bye, "no BYE toward the agent side");
        agent.send(agent.response(bye, 200, "OK", null, null));
    }

    @Test
    void dtlsCallerAndDtlsAgentEachHandshakeWithToneGuard() throws Exception {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             DtlsMediaPeer callerPhone = DtlsMediaPeer.honest(); DtlsMediaPeer agentPhone = DtlsMediaPeer.honest()) {
            Setup c = establish(caller, agent, "agent", callerPhone.sdp("actpass"), invite -> agentPhone.sdp("active"));
            MediaDescription toCaller = SrtpMediaPeer.audio(RawSipPeer.body(c.ok()));
            MediaDescription toAgent = SrtpMediaPeer.audio(RawSipPeer.body(c.invite()));
            assertEquals("UDP/TLS/RTP/SAVP", toCaller.proto());
            assertEquals(SetupRole.ACTIVE, toCaller.setup().orElseThrow(), "we answer actpass with active");
            assertEquals("UDP/TLS/RTP/SAVP", toAgent.proto());
            assertEquals(SetupRole.ACTPASS, toAgent.setup().orElseThrow());
            assertTrue(toAgent.crypto().isEmpty() && toCaller.crypto().isEmpty(), "no SDES keys with DTLS-SRTP");
            // ToneGuard is the client toward the caller and the server toward the agent (it answered active)
            CompletableFuture<SrtpSession> callerKeys = callerPhone.handshake(DtlsRole.SERVER, RawSipPeer.body(c.ok()),
                    mediaOf(RawSipPeer.body(c.ok())));
            CompletableFuture<SrtpSession> agentKeys = agentPhone.handshake(DtlsRole.CLIENT, RawSipPeer.body(c.invite()),
                    mediaOf(RawSipPeer.body(c.invite())));
            callerKeys.get(15, TimeUnit.SECONDS);
            agentKeys.get(15, TimeUnit.SECONDS);
            Thread.sleep(200); // the relay starts when ToneGuard's side of both handshakes is done
            for (int i = 0; i < 10; i++) {
                callerPhone.send(SdesCallTest.payload(i));
                byte[] got = agentPhone.receivePayload(2000);
                assertNotNull(got, "caller -> agent packet " + i);
                assertArrayEquals(SdesCallTest.payload(i), got);
                agentPhone.send(SdesCallTest.payload(50 + i));
                got = callerPhone.receivePayload(2000);
                assertNotNull(got, "agent -> caller packet " + i);
                assertArrayEquals(SdesCallTest.payload(50 + i), got);
            }

            // hold and resume with the same fingerprint: the DTLS association and its keys stay
            String ok = reInvite(caller, agent, c, callerPhone.sdp("actpass").replace("a=sendrecv", "a=sendonly"),
                    agentPhone.sdp("active").replace("a=sendrecv", "a=recvonly"), 3);
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
            MediaDescription held = SrtpMediaPeer.audio(RawSipPeer.body(ok));
            assertEquals(toCaller.fingerprints(), held.fingerprints());
            assertEquals(SetupRole.ACTIVE, held.setup().orElseThrow(), "our role toward the caller is kept");
            ok = reInvite(caller, agent, c, callerPhone.sdp("actpass"), agentPhone.sdp("active"), 4);
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
            for (int i = 0; i < 5; i++) {
                callerPhone.send(SdesCallTest.payload(200 + i));
                assertArrayEquals(SdesCallTest.payload(200 + i), agentPhone.receivePayload(2000), "after resume " + i);
            }
            // another certificate mid-call: refused, the call goes on
            try (DtlsMediaPeer other = DtlsMediaPeer.honest()) {
                String otherSdp = other.sdp("actpass").replace("m=audio " + other.port(), "m=audio " + callerPhone.port());
                String ruri = "sip:toneguard@127.0.0.1:" + PORT;
                caller.send(caller.request("INVITE", ruri, c.callId(), c.fromTag(),
                        ";tag=" + RawSipPeer.tag(RawSipPeer.header(c.ok(), "To")), 5, otherSdp));
                String r = caller.awaitFinal(5, "INVITE", 5000);
                assertNotNull(r);
                assertTrue(r.startsWith("SIP/2.0 488"), r);
                caller.send(caller.request("ACK", ruri, c.callId(), c.fromTag(),
                        ";tag=" + RawSipPeer.tag(RawSipPeer.header(c.ok(), "To")), 5, null));
            }
            callerPhone.send(SdesCallTest.payload(300));
            assertArrayEquals(SdesCallTest.payload(300), agentPhone.receivePayload(2000), "still relaying");
            bye(caller, agent, c, 6);
        }
    }

    /** A caller re-INVITE with {@code sdp}; the agent answers {@code agentSdp}; returns the final response to the caller. */
    private static String reInvite(RawSipPeer caller, RawSipPeer agent, Setup c, String sdp, String agentSdp, int cseq) {
        String ruri = "sip:toneguard@127.0.0.1:" + PORT;
        String toTag = RawSipPeer.tag(RawSipPeer.header(c.ok(), "To"));
        caller.send(caller.request("INVITE", ruri, c.callId(), c.fromTag(), ";tag=" + toTag, cseq, sdp));
        String onward = agent.await("INVITE ", 5000);
        assertNotNull(onward, "the re-INVITE was not passed on");
        MediaDescription offered = SrtpMediaPeer.audio(RawSipPeer.body(onward));
        assertEquals(SetupRole.PASSIVE, offered.setup().orElseThrow(), "ToneGuard keeps its server role toward the agent");
        agent.send(agent.response(onward, 200, "OK", null, agentSdp));
        assertNotNull(agent.await("ACK ", 5000));
        String ok = caller.awaitFinal(cseq, "INVITE", 5000);
        assertNotNull(ok, "re-INVITE not answered");
        caller.send(caller.request("ACK", ruri, c.callId(), c.fromTag(), ";tag=" + toTag, cseq, null));
        return ok;
    }

    @Test
    void dtlsCallerToAPlainAgent() throws Exception {
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             DtlsMediaPeer callerPhone = DtlsMediaPeer.honest(); SrtpMediaPeer agentPhone = SrtpMediaPeer.plain()) {
            Setup c = establish(caller, agent, "plain", callerPhone.sdp("passive"), invite -> agentPhone.sdp(0));
            assertEquals("RTP/AVP", SrtpMediaPeer.audio(RawSipPeer.body(c.invite())).proto());
            assertEquals(SetupRole.ACTIVE, SrtpMediaPeer.audio(RawSipPeer.body(c.ok())).setup().orElseThrow());
            callerPhone.handshake(DtlsRole.SERVER, RawSipPeer.body(c.ok()), mediaOf(RawSipPeer.body(c.ok())))
                    .get(15, TimeUnit.SECONDS);
            Thread.sleep(200);
            InetSocketAddress tgAgentSide = mediaOf(RawSipPeer.body(c.invite()));
            for (int i = 0; i < 10; i++) {
                callerPhone.send(SdesCallTest.payload(i));
                byte[] got = agentPhone.receivePayload(2000);
                assertNotNull(got, "caller -> agent packet " + i);
                assertArrayEquals(SdesCallTest.payload(i), got);
                agentPhone.send(SdesCallTest.payload(70 + i), tgAgentSide);
                got = callerPhone.receivePayload(2000);
                assertNotNull(got, "agent -> caller packet " + i);
                assertArrayEquals(SdesCallTest.payload(70 + i), got);
            }
            bye(caller, agent, c);
        }
    }

    @Test
    void aCertificateThatDoesNotMatchItsFingerprintEndsTheCallOnBothLegs() throws Exception {
        long failuresBefore = b2bua.dtlsFailures();
        try (RawSipPeer caller = RawSipPeer.udp(TG); RawSipPeer agent = RawSipPeer.udp(TG, AGENT_PORT);
             DtlsMediaPeer callerPhone = DtlsMediaPeer.lying(); SrtpMediaPeer agentPhone = SrtpMediaPeer.plain()) {
            Setup c = establish(caller, agent, "plain", callerPhone.sdp("actpass"), invite -> agentPhone.sdp(0));
            callerPhone.handshake(DtlsRole.SERVER, RawSipPeer.body(c.ok()), mediaOf(RawSipPeer.body(c.ok())));
            String byeToCaller = caller.await("BYE ", 15_000);
            assertNotNull(byeToCaller, "ToneGuard ends the caller's leg");
            caller.send(caller.response(byeToCaller, 200, "OK", null, null));
            String byeToAgent = agent.await("BYE ", 5000);
            assertNotNull(byeToAgent, "ToneGuard ends the agent's leg");
            agent.send(agent.response(byeToAgent, 200, "OK", null, null));
            assertEquals(failuresBefore + 1, b2bua.dtlsFailures());
            long deadline = System.currentTimeMillis() + 3000;
            while (b2bua.calls().size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, b2bua.calls().size());
        }
    }
}
