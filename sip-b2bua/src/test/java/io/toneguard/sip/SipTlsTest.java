package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import io.toneguard.sip.testing.RawSipPeer;
import io.toneguard.sip.testing.SrtpMediaPeer;
import io.toneguard.sip.testing.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIP over TLS with real TLS peers (JDK sockets) on both legs: TLS 1.3, mutual TLS with the
 * trunk's client certificate, SDES keys only over TLS, untrusted certificates and weak suites
 * refused in the handshake.
 */
@IntegrationTest
class SipTlsTest {
    private static final int PORT = 35360;
    private static final int TLS_PORT = 35361;
    private static final InetSocketAddress TG_UDP = new InetSocketAddress("127.0.0.1", PORT);
    private static final InetSocketAddress TG_TLS = new InetSocketAddress("127.0.0.1", TLS_PORT);
    private static final AtomicInteger N = new AtomicInteger();
    private static final TestPki TG_CA = TestPki.ca("toneguard");
    private static final TestPki PEERS_CA = TestPki.ca("trunks");
    private static final TestPki ROGUE_CA = TestPki.ca("rogue");
    private static MediaTransport media;
    private static SipB2bua b2bua;

    @BeforeAll
    static void start() {
        media = MediaTransport.start(MediaTransportConfig.defaults().withPorts(36300, 36399).withIoThreads(1));
        SSLContext ctx = TlsMaterial.context(TG_CA.issue("toneguard").keyStore(), new char[0], PEERS_CA.trustStore());
        SipSettings s = new SipSettings("127.0.0.1", PORT, List.of("udp"), 65536, Duration.ofSeconds(60),
                Duration.ZERO, "ToneGuard-test").withTls(TLS_PORT, new SipTls(ctx, true));
        b2bua = SipB2bua.start(s, new Router(List.of(), true), media, MediaCapabilities.DEFAULT, CallStages.NONE,
                CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        b2bua.close();
        media.close();
    }

    /** A trunk or phone: trusts ToneGuard's CA, presents a certificate of {@code ca} (none if null). */
    private static SSLContext peer(TestPki ca, TestPki trusts) {
        return TlsMaterial.context(ca == null ? null : ca.issue("peer").keyStore(), new char[0], trusts.trustStore());
    }

    @Test
    void sdesCallOverTlsOnBothLegs() throws Exception {
        try (RawSipPeer caller = RawSipPeer.tlsClient(peer(PEERS_CA, TG_CA), TG_TLS);
             RawSipPeer agent = RawSipPeer.tlsServer(peer(PEERS_CA, TG_CA), false);
             SrtpMediaPeer callerPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
             SrtpMediaPeer agentPhone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            assertEquals("TLSv1.3", caller.tlsProtocol());
            int n = N.incrementAndGet();
            String ruri = "sip:agent@127.0.0.1:" + agent.port() + ";transport=tls";
            String callId = "tls-" + n + "@test";
            caller.send(caller.request("INVITE", ruri, callId, "f" + n, null, 1, callerPhone.sdp(1)));
            String invite = agent.await("INVITE ", 8000);
            assertNotNull(invite, "no INVITE over TLS toward the agent side: " + agent.failure());
            assertEquals("TLSv1.3", agent.tlsProtocol());
            assertTrue(RawSipPeer.header(invite, "Via").startsWith("SIP/2.0/TLS 127.0.0.1:" + TLS_PORT), invite);
            assertTrue(RawSipPeer.header(invite, "Contact").contains(":" + TLS_PORT + ";transport=tls"), invite);
            agent.send(agent.response(invite, 200, "OK", "a" + n, agentPhone.sdp(1)));
            assertNotNull(agent.await("ACK ", 5000));
            String ok = caller.await("SIP/2.0 200", 5000);
            assertNotNull(ok);
            caller.send(caller.request("ACK", ruri, callId, "f" + n, ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 1, null));
            callerPhone.peerKeyFrom(RawSipPeer.body(ok), 1);
            agentPhone.peerKeyFrom(RawSipPeer.body(invite), 1);
            SdesCallTest.Call c = new SdesCallTest.Call(callId, "f" + n, ok, invite, "a" + n,
                    SdesCallTest.mediaOf(RawSipPeer.body(ok)), SdesCallTest.mediaOf(RawSipPeer.body(invite)));
            SdesCallTest.assertMediaBothWays(callerPhone, agentPhone, c);
            caller.send(caller.request("BYE", "sip:toneguard@127.0.0.1:" + TLS_PORT + ";transport=tls", callId, "f" + n,
                    ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 2, null));
            String bye = agent.await("BYE ", 5000);
            assertNotNull(bye);
            agent.send(agent.response(bye, 200, "OK", null, null));
        }
    }

    @Test
    void sdesKeysAreNotSentOverUdp() throws Exception {
        try (RawSipPeer udpCaller = RawSipPeer.udp(TG_UDP);
             RawSipPeer tlsCaller = RawSipPeer.tlsClient(peer(PEERS_CA, TG_CA), TG_TLS);
             RawSipPeer udpAgent = RawSipPeer.udp(TG_UDP);
             SrtpMediaPeer phone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            int n = N.incrementAndGet();
            udpCaller.send(udpCaller.request("INVITE", "sip:agent@127.0.0.1:" + udpAgent.port(), "nokeys-" + n, "f" + n,
                    null, 1, phone.sdp(1)));
            String r = udpCaller.await("SIP/2.0 4", 5000);
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 488"), r);
            // over TLS from the caller, but the agent side is UDP: our key would travel in the clear
            tlsCaller.send(tlsCaller.request("INVITE", "sip:agent@127.0.0.1:" + udpAgent.port(), "nokeys-b-" + n, "g" + n,
                    null, 1, phone.sdp(1)));
            r = tlsCaller.await("SIP/2.0 4", 5000);
            assertNotNull(r);
            assertTrue(r.startsWith("SIP/2.0 488"), r);
            assertNull(udpAgent.receive(300), "nothing reached the agent side");
            assertEquals(0, b2bua.calls().size());
        }
    }

    @Test
    void untrustedOrMissingClientCertificatesAndWeakSuitesFailTheHandshake() {
        assertRefused(peer(ROGUE_CA, TG_CA), "a trunk certificate from an unknown CA");
        assertRefused(peer(null, TG_CA), "no client certificate where mutual TLS is required");
        assertThrows(IOException.class, () -> RawSipPeer.tlsClient(peer(PEERS_CA, ROGUE_CA), TG_TLS).close(),
                "the client does not trust ToneGuard's certificate");
        assertThrows(IOException.class, () -> {
            SSLSocket s = (SSLSocket) peer(PEERS_CA, TG_CA).getSocketFactory().createSocket("127.0.0.1", TLS_PORT);
            try (s) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
                s.setSoTimeout(5000);
                s.startHandshake();
            }
        }, "no RSA key exchange, no CBC");
        try (SSLSocket s = (SSLSocket) peer(PEERS_CA, TG_CA).getSocketFactory().createSocket("127.0.0.1", TLS_PORT)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(5000);
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            assertTrue(s.getSession().getCipherSuite().startsWith("TLS_ECDHE_ECDSA_WITH_AES_"), s.getSession().getCipherSuite());
        } catch (IOException e) {
            throw new AssertionError("TLS 1.2 with ECDHE should work", e);
        }
    }

    /**
     * The server refuses the client's certificate: in TLS 1.3 the client's handshake may finish
     * first, so the refusal shows as an alert or a closed connection on the first read.
     */
    private static void assertRefused(SSLContext client, String what) {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", TLS_PORT)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            s.getOutputStream().write(("OPTIONS sip:toneguard@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:1;branch=z9hG4bK-x\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:toneguard@127.0.0.1>\r\nCall-ID: refused@test\r\n"
                    + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            int b = s.getInputStream().read();
            assertEquals(-1, b, what + ": the connection was not refused");
        } catch (IOException expected) {
            // alert from the server: refused
        }
    }

    @Test
    void anAgentSideWithAnUntrustedCertificateFailsTheCallCleanly() throws Exception {
        try (RawSipPeer caller = RawSipPeer.tlsClient(peer(PEERS_CA, TG_CA), TG_TLS);
             RawSipPeer agent = RawSipPeer.tlsServer(peer(ROGUE_CA, TG_CA), false);
             SrtpMediaPeer phone = SrtpMediaPeer.plain()) {
            int n = N.incrementAndGet();
            caller.send(caller.request("INVITE", "sip:agent@127.0.0.1:" + agent.port() + ";transport=tls", "rogue-" + n,
                    "f" + n, null, 1, phone.sdp(0)));
            String r = caller.await("SIP/2.0 ", 40_000);
            while (r != null && r.startsWith("SIP/2.0 1")) {
                r = caller.await("SIP/2.0 ", 40_000);
            }
            assertNotNull(r, "the caller got no final response");
            assertTrue(r.startsWith("SIP/2.0 4") || r.startsWith("SIP/2.0 5"), r);
            assertNull(agent.receive(200), "the rogue agent side got no SIP");
            long deadline = System.currentTimeMillis() + 5000;
            while (b2bua.calls().size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, b2bua.calls().size());
        }
    }
}
