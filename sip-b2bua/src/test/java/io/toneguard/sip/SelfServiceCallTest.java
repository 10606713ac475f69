package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toneguard.media.testing.IntegrationTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.toneguard.media.dtls.DtlsRole;
import io.toneguard.media.pipeline.ObserverStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SetupRole;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import io.toneguard.sip.testing.DtlsMediaPeer;
import io.toneguard.sip.testing.RawSipPeer;
import io.toneguard.sip.testing.SrtpMediaPeer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Self-service calls (a route to {@code self-service:<name>}, answered by ToneGuard with no leg B)
 * take the caller's media as offered: plain RTP, SDES-SRTP with a key of our own, or DTLS-SRTP;
 * what ToneGuard plays reaches the caller encrypted, the caller's packets reach the call's stages
 * decrypted; and a caller whose media stops is hung up on even while prompts are being generated.
 */
@IntegrationTest
class SelfServiceCallTest {
    private static final int PORT = 35560;
    private static final InetSocketAddress TG = new InetSocketAddress("127.0.0.1", PORT);
    private static final AtomicInteger N = new AtomicInteger();
    private static MediaTransport media;
    private static SipB2bua b2bua;
    /** What the last call's caller -> agent stages saw (decrypted payloads). */
    private static final LinkedBlockingQueue<byte[]> FROM_CALLER = new LinkedBlockingQueue<>();
    private static final AtomicReference<RtpRelay> RELAY = new AtomicReference<>();
    private static final AtomicReference<EventLoop> LOOP = new AtomicReference<>();

    @BeforeAll
    static void start() {
        media = MediaTransport.start(MediaTransportConfig.defaults().withPorts(36700, 36799).withIoThreads(1));
        SipSettings s = new SipSettings("127.0.0.1", PORT, List.of("udp"), 65536, Duration.ofSeconds(2),
                Duration.ZERO, "ToneGuard-test").withMedia(AgentMedia.SAME_AS_CALLER, true);
        Router router = new Router(List.of(new RouteRule("pay", null, null, null, null, null, "self-service:pay", null, null,
                AgentMedia.PLAIN)), true);
        CallStages stages = (call, pt) -> new CallStages.Stages(List.of(new ObserverStage("test-tap") {
            @Override
            protected void observe(PacketContext p) {
                if (!p.generated()) {
                    byte[] payload = new byte[p.rtp().payloadLength()];
                    p.buffer().getBytes(p.rtp().payloadOffset(), payload);
                    FROM_CALLER.add(payload);
                }
            }
        }), List.of(), (relay, loop) -> {
            RELAY.set(relay);
            LOOP.set(loop);
        });
        b2bua = SipB2bua.start(s, router, media, MediaCapabilities.DEFAULT, stages, CallObserver.NONE);
    }

    @AfterAll
    static void stop() {
        b2bua.close();
        media.close();
    }

    /** Dials the self-service number; returns ToneGuard's 200 OK (acknowledged). */
    private static String dial(RawSipPeer caller, String callId, String sdp) {
        FROM_CALLER.clear();
        RELAY.set(null);
        caller.send(caller.request("INVITE", "sip:pay@127.0.0.1:" + PORT, callId, "f" + callId, null, 1, sdp));
        String ok = caller.await("SIP/2.0 200", 5000);
        assertNotNull(ok, "no 200 to the caller");
        caller.send(caller.request("ACK", "sip:pay@127.0.0.1:" + PORT, callId, "f" + callId,
                ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 1, null));
        return ok;
    }

    private static void bye(RawSipPeer caller, String callId, String ok) {
        caller.send(caller.request("BYE", "sip:pay@127.0.0.1:" + PORT, callId, "f" + callId,
                ";tag=" + RawSipPeer.tag(RawSipPeer.header(ok, "To")), 2, null));
        assertNotNull(caller.await("SIP/2.0 200", 5000), "BYE answered");
    }

    /** ToneGuard plays a packet toward the caller, as the IVR's prompt generator does. */
    private static void play(byte[] payload, int seq) throws Exception {
        RtpRelay relay = awaitRelay();
        LOOP.get().submit(() -> relay.injectBToA(Unpooled.wrappedBuffer(RtpPackets.rtp(0, false, seq, seq * 160L, 0x5e1f, payload)),
                System.nanoTime())).get(2, TimeUnit.SECONDS);
    }

    private static RtpRelay awaitRelay() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RELAY.get() == null) {
            assertTrue(System.nanoTime() < deadline, "the relay started");
            Thread.sleep(10);
        }
        return RELAY.get();
    }

    @Test
    void anSdesCallerIsAnsweredWithAKeyOfOurOwnAndMediaFlowsBothWays() throws Exception {
        String callId = "self-sdes-" + N.incrementAndGet();
        try (RawSipPeer caller = RawSipPeer.udp(TG); SrtpMediaPeer phone = SrtpMediaPeer.sdes(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            String offer = phone.sdp(1);
            String ok = dial(caller, callId, offer);
            MediaDescription answer = SrtpMediaPeer.audio(RawSipPeer.body(ok));
            assertEquals("RTP/SAVP", answer.proto());
            assertEquals(1, answer.crypto().size());
            assertNotEquals(SrtpMediaPeer.audio(offer).crypto().get(0).keys().get(0).keySalt(),
                    answer.crypto().get(0).keys().get(0).keySalt(), "our own key, not the caller's");
            phone.peerKeyFrom(RawSipPeer.body(ok), 1);
            InetSocketAddress tg = new InetSocketAddress("127.0.0.1", answer.port());
            awaitRelay();
            for (int i = 0; i < 5; i++) {
                phone.send(SdesCallTest.payload(i), tg);
                assertArrayEquals(SdesCallTest.payload(i), FROM_CALLER.poll(2, TimeUnit.SECONDS), "caller packet " + i + " decrypted");
            }
            for (int i = 0; i < 5; i++) {
                play(SdesCallTest.payload(100 + i), i);
                assertArrayEquals(SdesCallTest.payload(100 + i), phone.receivePayload(2000), "prompt packet " + i + " encrypted to the caller");
            }
            bye(caller, callId, ok);
        }
    }

    @Test
    void aDtlsSrtpCallerHandshakesAndThenMediaFlowsBothWays() throws Exception {
        String callId = "self-dtls-" + N.incrementAndGet();
        try (RawSipPeer caller = RawSipPeer.udp(TG); DtlsMediaPeer phone = DtlsMediaPeer.honest()) {
            String ok = dial(caller, callId, phone.sdp("actpass"));
            MediaDescription answer = SrtpMediaPeer.audio(RawSipPeer.body(ok));
            assertEquals("UDP/TLS/RTP/SAVP", answer.proto());
            assertEquals(SetupRole.ACTIVE, answer.setup().orElseThrow());
            phone.handshake(DtlsRole.SERVER, RawSipPeer.body(ok), new InetSocketAddress("127.0.0.1", answer.port()))
                    .get(15, TimeUnit.SECONDS);
            awaitRelay();
            for (int i = 0; i < 5; i++) {
                phone.send(SdesCallTest.payload(i));
                assertArrayEquals(SdesCallTest.payload(i), FROM_CALLER.poll(2, TimeUnit.SECONDS), "caller packet " + i + " decrypted");
                play(SdesCallTest.payload(100 + i), i);
                assertArrayEquals(SdesCallTest.payload(100 + i), phone.receivePayload(2000), "prompt packet " + i + " encrypted to the caller");
            }
            bye(caller, callId, ok);
        }
    }

    @Test
    void aCallerWhoseMediaStopsIsHungUpOnEvenWhilePromptsPlay() throws Exception {
        String callId = "self-quiet-" + N.incrementAndGet();
        try (RawSipPeer caller = RawSipPeer.udp(TG); SrtpMediaPeer phone = SrtpMediaPeer.plain()) {
            dial(caller, callId, phone.sdp(1));
            RtpRelay relay = awaitRelay();
            AtomicInteger seq = new AtomicInteger();
            ScheduledFuture<?> prompts = LOOP.get().scheduleAtFixedRate(() -> relay.injectBToA(Unpooled.wrappedBuffer(
                    RtpPackets.rtp(0, false, seq.get(), seq.getAndIncrement() * 160L, 0x5e1f, new byte[160])), System.nanoTime()),
                    0, 20, TimeUnit.MILLISECONDS);
            try {
                String bye = caller.await("BYE ", 8000);
                assertNotNull(bye, "a caller silent for the RTP timeout (2 s) is hung up on, prompts or not");
                caller.send(caller.response(bye, 200, "OK", null, null));
            } finally {
                prompts.cancel(false);
            }
        }
    }

    @Test
    void anSdesOfferWithoutAUsableKeyIsRefusedWith488() {
        try (RawSipPeer caller = RawSipPeer.udp(TG)) {
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:tooShort\r\n";
            caller.send(caller.request("INVITE", "sip:pay@127.0.0.1:" + PORT, "self-bad", "fbad", null, 1, sdp));
            String answer = caller.await("SIP/2.0 488", 5000);
            assertNotNull(answer, "an unusable key is refused with 488");
            assertTrue(!answer.contains("tooShort"), "the key text is never echoed");
        }
    }
}
