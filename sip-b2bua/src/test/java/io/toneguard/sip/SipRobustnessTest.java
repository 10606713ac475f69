package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.testing.UdpPeer;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad and unexpected SIP gets the right error, and the B2BUA keeps answering. */
@IntegrationTest
class SipRobustnessTest {
    private static final int PORT = 35160;
    private static final InetSocketAddress TG = new InetSocketAddress("127.0.0.1", PORT);
    private static final AtomicInteger N = new AtomicInteger();
    private static MediaTransport media;
    private static SipB2bua b2bua;

    @BeforeAll
    static void start() {
        media = MediaTransport.start(MediaTransportConfig.defaults().withPorts(36100, 36199).withIoThreads(1));
        SipSettings s = new SipSettings("127.0.0.1", PORT, List.of("udp"), 65536, Duration.ofSeconds(60),
                Duration.ZERO, "ToneGuard-test");
        b2bua = SipB2bua.start(s, new Router(List.of(), true), media, MediaCapabilities.DEFAULT,
                CallStages.NONE, CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        b2bua.close();
        media.close();
    }

    private static String request(String method, String ruri, String extraHeaders, String body, boolean toTag, UdpPeer from) {
        int n = N.incrementAndGet();
        String b = body == null ? "" : body;
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from.address().getPort() + ";branch=z9hG4bK-test-" + n + "\r\n"
                + "From: <sip:caller@127.0.0.1>;tag=from" + n + "\r\n"
                + "To: <" + ruri + ">" + (toTag ? ";tag=nosuchtag" : "") + "\r\n"
                + "Call-ID: robust-" + n + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + from.address().getPort() + ">\r\n"
                + extraHeaders
                + (body == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b;
    }

    /** Sends and returns the first final response's status line (skipping 100 Trying). */
    private static String exchange(UdpPeer peer, String message) {
        peer.send(message.getBytes(StandardCharsets.UTF_8), TG);
        for (int i = 0; i < 5; i++) {
            byte[] got = peer.receive(3000);
            if (got == null) {
                return null;
            }
            String text = new String(got, StandardCharsets.UTF_8);
            if (!text.startsWith("SIP/2.0 100")) {
                return text;
            }
        }
        return null;
    }

    private static String sdp(String codecs, String rtpmaps) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP " + codecs + "\r\n" + rtpmaps;
    }

    private static void assertStillAlive(UdpPeer peer) {
        String r = exchange(peer, request("OPTIONS", "sip:toneguard@127.0.0.1:" + PORT, "Max-Forwards: 70\r\n", null, false, peer));
        assertNotNull(r, "the B2BUA stopped answering");
        assertTrue(r.startsWith("SIP/2.0 200"), r);
    }

    @Test
    void optionsIsAnsweredWithWhatWeAllow() {
        try (UdpPeer peer = new UdpPeer()) {
            String r = exchange(peer, request("OPTIONS", "sip:toneguard@127.0.0.1:" + PORT, "Max-Forwards: 70\r\n", null, false, peer));
            assertTrue(r.startsWith("SIP/2.0 200"), r);
            assertTrue(r.contains("INVITE"), r);
        }
    }

    @Test
    void unknownMethodsGet405WithAllow() {
        try (UdpPeer peer = new UdpPeer()) {
            String r = exchange(peer, request("PUBLISH", "sip:x@127.0.0.1:" + PORT, "Max-Forwards: 70\r\n", null, false, peer));
            assertTrue(r.startsWith("SIP/2.0 405"), r);
            assertTrue(r.toLowerCase().contains("allow:"), r);
        }
    }

    @Test
    void requestsForDialogsThatDoNotExistGet481() {
        try (UdpPeer peer = new UdpPeer()) {
            for (String m : new String[] {"BYE", "INFO", "UPDATE"}) {
                String r = exchange(peer, request(m, "sip:x@127.0.0.1:" + PORT, "Max-Forwards: 70\r\n", null, true, peer));
                assertTrue(r.startsWith("SIP/2.0 481"), m + ": " + r);
            }
        }
    }

    @Test
    void badInvitesGetTheRightErrors() {
        try (UdpPeer peer = new UdpPeer()) {
            String pcmu = sdp("0", "a=rtpmap:0 PCMU/8000\r\n");
            String toUs = "sip:agent@127.0.0.1:" + PORT;
            String elsewhere = "sip:agent@127.0.0.1:35999";
            assertTrue(exchange(peer, request("INVITE", toUs, "Max-Forwards: 70\r\n", pcmu, false, peer)).startsWith("SIP/2.0 404"));
            assertTrue(exchange(peer, request("INVITE", elsewhere, "Max-Forwards: 0\r\n", pcmu, false, peer)).startsWith("SIP/2.0 483"));
            String r = exchange(peer, request("INVITE", elsewhere, "Max-Forwards: 70\r\nRequire: precondition\r\n", pcmu, false, peer));
            assertTrue(r.startsWith("SIP/2.0 420") && r.contains("precondition"), r);
            r = exchange(peer, request("INVITE", elsewhere, "Max-Forwards: 70\r\n", "v=0\r\nthis is not SDP\r\n", false, peer));
            assertTrue(r.startsWith("SIP/2.0 400") && r.contains("Bad SDP"), r);
            r = exchange(peer, request("INVITE", elsewhere, "Max-Forwards: 70\r\n", sdp("18", "a=rtpmap:18 G729/8000\r\n"), false, peer));
            assertTrue(r.startsWith("SIP/2.0 488") && r.contains("no common codec"), r);
            r = exchange(peer, request("INVITE", "tel:+441234", "Max-Forwards: 70\r\n", pcmu, false, peer));
            assertTrue(r == null || r.startsWith("SIP/2.0 416") || r.startsWith("SIP/2.0 400"), String.valueOf(r));
            assertStillAlive(peer);
        }
    }

    @Test
    void garbageAndOversizeMessagesDoNotHurt() {
        try (UdpPeer peer = new UdpPeer()) {
            peer.send(new byte[] {1, 2, 3, 4, 5}, TG);
            peer.send("INVITE\r\n\r\n".getBytes(StandardCharsets.UTF_8), TG);
            peer.send("SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n".getBytes(StandardCharsets.UTF_8), TG);
            String huge = request("OPTIONS", "sip:toneguard@127.0.0.1:" + PORT, "Max-Forwards: 70\r\nX-Pad: " + "a".repeat(60_000) + "\r\n", null, false, peer);
            peer.send(huge.getBytes(StandardCharsets.UTF_8), TG);
            byte[] junk = new byte[1400];
            new java.util.Random(7).nextBytes(junk);
            for (int i = 0; i < 50; i++) {
                peer.send(junk, TG);
            }
            while (peer.receive(300) != null) {
                // whatever came back for the bad messages
            }
            assertStillAlive(peer);
            assertEquals(0, b2bua.calls().size());
        }
    }
}
