package io.toneguard.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.EventLoop;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.MediaPipeline;
import io.toneguard.media.pipeline.MediaStage;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.testing.UdpPeer;
import io.toneguard.media.transport.MediaEndpoint;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay over real UDP on loopback with SRTP on one or both legs: the caller and agent are
 * independently configured jitsi-srtp peers; ToneGuard decrypts, lets stages see plaintext, and
 * re-encrypts with the other leg's own keys.
 */
class SrtpRelayTest {
    private static final int WINDOW = 32;
    private static MediaTransport transport;

    private UdpPeer caller;
    private UdpPeer agent;
    private MediaEndpoint a;
    private MediaEndpoint b;
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    @BeforeAll
    static void startTransport() {
        transport = MediaTransport.start(MediaTransportConfig.defaults().withPorts(31400, 31599).withIoThreads(1));
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
        NettyLeakGuard.assertNoLeaks();
    }

    @BeforeEach
    void open() {
        caller = new UdpPeer();
        agent = new UdpPeer();
        EventLoop loop = transport.nextEventLoop();
        a = transport.openEndpoint(loop, "caller", false);
        b = transport.openEndpoint(loop, "agent", false);
        a.expectPeer(caller.address(), null, true);
        b.expectPeer(agent.address(), null, true);
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        caller.close();
        agent.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** One SRTP leg: the peer's key, ToneGuard's key for that leg, the session and the peer itself. */
    private record Leg(SrtpSession session, JitsiPeer peer, byte[] peerKey, byte[] ourKey) {
    }

    private Leg leg(SrtpSuite suite, String name) {
        byte[] peerKey;
        byte[] ourKey;
        try (SrtpMasterKey p = SrtpMasterKey.generate(suite); SrtpMasterKey o = SrtpMasterKey.generate(suite)) {
            peerKey = p.keyThenSalt();
            ourKey = o.keyThenSalt();
            SrtpSession s = SrtpSession.open(name, p, o);
            toClose.add(s);
            return new Leg(s, new JitsiPeer(suite, peerKey, ourKey), peerKey, ourKey);
        }
    }

    private static byte[] payload(int stream, int i) {
        byte[] p = new byte[160];
        long x = (stream * 1_000_003L + i) * 0x9E3779B97F4A7C15L + 1;
        for (int k = 0; k < p.length; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            p[k] = (byte) x;
        }
        return p;
    }

    private static byte[] body(byte[] rtp) {
        return Arrays.copyOfRange(rtp, 12, rtp.length);
    }

    private static List<String> names(MediaPipeline p) {
        return p.stages().stream().map(MediaStage::name).toList();
    }

    @Test
    void callerSpeaksSrtpAgentPlainRtp() throws Exception {
        Leg la = leg(SrtpSuite.AES_CM_128_HMAC_SHA1_80, "leg-a");
        RtpRelay relay = RtpRelay.builder("srtp-plain", a, b).aSrtp(la.session()).start();
        assertEquals(List.of("srtp-decrypt", "parse-rtp", "admit-rtp-source", "rewrite-stream", "send-agent"),
                names(relay.aToB()));
        assertEquals(List.of("parse-rtp", "admit-rtp-source", "rewrite-stream", "srtp-encrypt", "send-caller"),
                names(relay.bToA()));
        assertEquals(List.of("srtcp-decrypt", "admit-rtcp-source", "parse-rtcp", "rewrite-rtcp", "send-agent"),
                names(relay.aToBRtcp()));
        int packets = 1000;
        for (int base = 0; base < packets; base += WINDOW) {
            for (int i = base; i < base + WINDOW; i++) {
                byte[] srtp = la.peer().protectRtp(RtpPackets.rtp(0, false, (65_000 + i) & 0xFFFF, 160L * i, 0xA,
                        payload(0, i)));
                caller.send(srtp, a.localRtpAddress());
                agent.send(RtpPackets.rtp(0, false, i, 160L * i, 0xB, payload(1, i)), b.localRtpAddress());
            }
            for (int i = base; i < base + WINDOW; i++) {
                byte[] atAgent = agent.receive(2000);
                assertNotNull(atAgent, "caller->agent " + i);
                assertArrayEquals(payload(0, i), body(atAgent), "agent hears plaintext, bit-exact " + i);
                byte[] atCaller = caller.receive(2000);
                assertNotNull(atCaller, "agent->caller " + i);
                assertEquals(172 + 10, atCaller.length, "SRTP toward the caller carries the 80-bit tag");
                assertFalse(Arrays.equals(payload(1, i), Arrays.copyOfRange(atCaller, 12, 172)), "encrypted on the wire");
                assertArrayEquals(payload(1, i), body(la.peer().unprotectRtp(atCaller)), "caller decrypts " + i);
            }
        }
        assertNull(agent.receive(50));
        assertEquals(0L, onLoop(() -> relay.aToB().stages().get(0).stats().droppedTotal()));
        relay.close();
    }

    @Test
    void bothLegsSrtpWithTheirOwnKeysAndStagesSeePlaintext() throws Exception {
        Leg la = leg(SrtpSuite.AEAD_AES_128_GCM, "leg-a");
        Leg lb = leg(SrtpSuite.AES_CM_128_HMAC_SHA1_32, "leg-b");
        assertFalse(Arrays.equals(la.ourKey(), lb.ourKey()));
        assertFalse(Arrays.equals(la.peerKey(), lb.ourKey()), "the caller's key never goes to the agent leg");
        int[] seenPlain = {0};
        TransformStage maskEveryThird = new TransformStage("mask") {
            @Override
            protected DropReason transform(PacketContext p) {
                int seq = p.rtp().sequenceNumber();
                if (Arrays.equals(payload(2, seq), readPayload(p))) {
                    seenPlain[0]++;
                }
                if (seq % 3 == 0) {
                    p.buffer().setZero(p.buffer().readerIndex() + 12, 160);
                }
                return seq % 5 == 4 ? DropReason.REMOVED : DropReason.NONE;
            }
        };
        RtpRelay relay = RtpRelay.builder("srtp-srtp", a, b).aSrtp(la.session()).bSrtp(lb.session())
                .aToB(maskEveryThird).start();
        assertEquals(List.of("srtp-decrypt", "parse-rtp", "admit-rtp-source", "mask", "rewrite-stream",
                "srtp-encrypt", "send-agent"), names(relay.aToB()));
        int packets = 600;
        int lastSeq = -1;
        for (int base = 0; base < packets; base += 30) {
            int expect = 0;
            for (int i = base; i < base + 30; i++) {
                caller.send(la.peer().protectRtp(RtpPackets.rtp(0, false, i, 160L * i, 0xA, payload(2, i))),
                        a.localRtpAddress());
                expect += i % 5 == 4 ? 0 : 1;
            }
            int i = base;
            for (int k = 0; k < expect; k++, i++) {
                while (i % 5 == 4) {
                    i++;
                }
                byte[] atAgent = agent.receive(2000);
                assertNotNull(atAgent, "packet " + i);
                assertEquals(172 + 4, atAgent.length, "leg b's suite: 32-bit tag");
                byte[] plain = lb.peer().unprotectRtp(atAgent);
                int seq = RtpPackets.seq(plain);
                if (lastSeq >= 0) {
                    assertEquals((lastSeq + 1) & 0xFFFF, seq, "no gap where packets were removed");
                }
                lastSeq = seq;
                assertArrayEquals(i % 3 == 0 ? new byte[160] : payload(2, i), body(plain), "packet " + i);
            }
        }
        assertEquals(packets, seenPlain[0], "the stage between decrypt and encrypt saw every packet in the clear");
        relay.close();
    }

    private static byte[] readPayload(PacketContext p) {
        byte[] out = new byte[p.buffer().readableBytes() - 12];
        p.buffer().getBytes(p.buffer().readerIndex() + 12, out);
        return out;
    }

    @Test
    void wrongKeyTamperedAndReplayedPacketsAreDroppedCountedAndTheStreamGoesOn() throws Exception {
        Leg la = leg(SrtpSuite.AES_CM_128_HMAC_SHA1_80, "leg-a");
        byte[] otherKey;
        try (SrtpMasterKey k = SrtpMasterKey.generate(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            otherKey = k.keyThenSalt();
        }
        JitsiPeer impostor = new JitsiPeer(SrtpSuite.AES_CM_128_HMAC_SHA1_80, otherKey, otherKey);
        RtpRelay relay = RtpRelay.builder("bad-srtp", a, b).aSrtp(la.session()).start();
        int rounds = 40;
        for (int i = 0; i < rounds; i++) {
            byte[] good = la.peer().protectRtp(RtpPackets.rtp(0, false, 2 * i, 160L * i, 0xA, payload(3, i)));
            caller.send(good, a.localRtpAddress());
            caller.send(good, a.localRtpAddress()); // replayed
            byte[] tampered = la.peer().protectRtp(RtpPackets.rtp(0, false, 2 * i + 1, 160L * i + 80, 0xA,
                    payload(4, i)));
            tampered[30] ^= 0x01;
            caller.send(tampered, a.localRtpAddress());
            caller.send(impostor.protectRtp(RtpPackets.rtp(0, false, 5000 + i, 0, 0xA, payload(5, i))),
                    a.localRtpAddress()); // wrong key, same SSRC
            caller.send(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0}, a.localRtpAddress()); // not even a header
            byte[] got = agent.receive(2000);
            assertNotNull(got, "good packet " + i);
            assertArrayEquals(payload(3, i), body(got));
        }
        assertNull(agent.receive(100), "nothing bad got through");
        MediaStage decrypt = relay.aToB().stages().get(0);
        assertEquals((long) rounds, onLoop(() -> decrypt.stats().dropped(DropReason.SRTP_REPLAY)));
        assertEquals(2L * rounds, onLoop(() -> decrypt.stats().dropped(DropReason.SRTP_AUTH_FAILED)));
        assertEquals((long) rounds, onLoop(() -> decrypt.stats().dropped(DropReason.SRTP_INVALID)));
        assertEquals((long) rounds, onLoop(() -> decrypt.stats().packetsOut()));
        assertEquals(1, (int) onLoop(la.session()::inboundStreams));
        relay.close();
    }

    @Test
    void srtcpIsDecryptedRewrittenAndReEncrypted() throws Exception {
        Leg la = leg(SrtpSuite.AES_CM_128_HMAC_SHA1_32, "leg-a");
        RtpRelay relay = RtpRelay.builder("srtcp", a, b).aSrtp(la.session()).start();
        for (int i = 0; i < 4; i++) {
            caller.send(la.peer().protectRtp(RtpPackets.rtp(0, false, i, 160L * i, 0x1111, payload(6, i))),
                    a.localRtpAddress());
            assertNotNull(agent.receive(2000));
            agent.send(RtpPackets.rtp(0, false, 100 + i, 160L * i, 0x2222, payload(7, i)), b.localRtpAddress());
            assertNotNull(caller.receive(2000));
        }
        int agentSees = onLoop(() -> relay.aToBStream().outputSsrc());
        int callerSees = onLoop(() -> relay.bToAStream().outputSsrc());
        // the caller's receiver report, protected (80-bit SRTCP tag even for the _32 suite)
        ByteBuffer rr = ByteBuffer.allocate(8 + 24).put((byte) 0x81).put((byte) 201).putShort((short) 7)
                .putInt(0x1111).putInt(callerSees).putInt(0).putInt(3).putInt(0).putInt(0).putInt(0);
        byte[] srtcp = la.peer().protectRtcp(rr.array());
        assertEquals(32 + 4 + 10, srtcp.length);
        caller.send(srtcp, a.localRtpAddress());
        caller.send(srtcp, a.localRtpAddress()); // replayed SRTCP
        byte[] atAgent = agent.receive(2000);
        assertNotNull(atAgent, "SRTCP arrives at the plain agent as RTCP");
        assertEquals(32, atAgent.length);
        assertEquals(201, atAgent[1] & 0xFF);
        assertEquals(agentSees, ByteBuffer.wrap(atAgent).getInt(4), "sender SSRC rewritten to the agent's view");
        assertNull(agent.receive(100), "the replay was dropped");
        assertEquals(1L, onLoop(() -> relay.aToBRtcp().stages().get(0).stats().dropped(DropReason.SRTP_REPLAY)));

        ByteBuffer agentRr = ByteBuffer.allocate(8 + 24).put((byte) 0x81).put((byte) 201).putShort((short) 7)
                .putInt(0x2222).putInt(agentSees).putInt(0).putInt(3).putInt(0)
                .putInt(0).putInt(0);
        agent.send(agentRr.array(), b.localRtpAddress());
        byte[] atCaller = caller.receive(2000);
        assertNotNull(atCaller, "RTCP toward the caller is protected");
        assertEquals(32 + 4 + 10, atCaller.length);
        byte[] plain = la.peer().unprotectRtcp(atCaller);
        assertEquals(32, plain.length);
        assertEquals(201, plain[1] & 0xFF);
        assertEquals(callerSees, ByteBuffer.wrap(plain).getInt(4), "sender SSRC as the caller knows the agent");
        assertEquals(0x1111, ByteBuffer.wrap(plain).getInt(8), "report block names the caller's own SSRC");
        relay.close();
    }

    private <T> T onLoop(Callable<T> c) throws Exception {
        return a.eventLoop().submit(c).get(5, TimeUnit.SECONDS);
    }
}
