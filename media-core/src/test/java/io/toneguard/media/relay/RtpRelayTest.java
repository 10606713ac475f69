package io.toneguard.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.pipeline.PacketContext;
import io.toneguard.media.pipeline.TransformStage;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.testing.UdpPeer;
import io.toneguard.media.transport.MediaEndpoint;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two real UDP peers talk through two endpoints and a relay on loopback. */
class RtpRelayTest {
    private static final int PACKETS = 10_000;
    private static final int WINDOW = 64;
    private static MediaTransport transport;

    private UdpPeer caller;
    private UdpPeer agent;
    private MediaEndpoint a;
    private MediaEndpoint b;

    @BeforeAll
    static void startTransport() {
        transport = MediaTransport.start(MediaTransportConfig.defaults().withPorts(31000, 31199).withIoThreads(1));
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
        a.expectPeer(caller.address(), null, false);
        b.expectPeer(agent.address(), null, false);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        caller.close();
        agent.close();
    }

    private InetSocketAddress rtpOf(MediaEndpoint e) {
        return e.localRtpAddress();
    }

    private static byte[] payload(int stream, int i) {
        byte[] p = new byte[160];
        long x = (stream * 1_000_003L + i) * 0x9E3779B97F4A7C15L;
        for (int k = 0; k < p.length; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            p[k] = (byte) x;
        }
        return p;
    }

    @Test
    void tenThousandPacketsEachWayArriveBitExactInOrderWithContinuousNumbering() {
        RtpRelay relay = RtpRelay.builder("relay-test", a, b).start();
        int[] lastSeq = {-1, -1};
        int[] ssrc = new int[2];
        for (int base = 0; base < PACKETS; base += WINDOW) {
            int n = Math.min(WINDOW, PACKETS - base);
            for (int i = base; i < base + n; i++) {
                caller.send(RtpPackets.rtp(0, i == 0, (60_000 + i) & 0xFFFF, 160L * i, 0x1111, payload(0, i)), rtpOf(a));
                agent.send(RtpPackets.rtp(8, i == 0, (5 + i) & 0xFFFF, 3_000_000_000L + 160L * i, 0x2222, payload(1, i)), rtpOf(b));
            }
            for (int i = base; i < base + n; i++) {
                byte[] atAgent = agent.receive(2000);
                byte[] atCaller = caller.receive(2000);
                assertNotNull(atAgent, "packet " + i + " caller->agent lost");
                assertNotNull(atCaller, "packet " + i + " agent->caller lost");
                check(atAgent, 0, i, lastSeq, ssrc, 0);
                check(atCaller, 1, i, lastSeq, ssrc, 8);
            }
        }
        assertNull(agent.receive(50));
        assertEquals(PACKETS, relay.aToB().stages().get(0).stats().packetsIn());
        assertEquals(PACKETS, relay.aToBStream().packetCount());
        assertEquals(0, relay.aToB().errors());
        relay.close();
    }

    private static void check(byte[] got, int stream, int i, int[] lastSeq, int[] ssrc, int pt) {
        assertEquals(pt, RtpPackets.payloadType(got));
        assertArrayEquals(payload(stream, i), Arrays.copyOfRange(got, 12, got.length), "payload of packet " + i);
        int seq = RtpPackets.seq(got);
        if (lastSeq[stream] >= 0) {
            assertEquals((lastSeq[stream] + 1) & 0xFFFF, seq, "sequence after packet " + i);
            assertEquals(ssrc[stream], RtpPackets.ssrc(got));
        } else {
            ssrc[stream] = RtpPackets.ssrc(got);
        }
        lastSeq[stream] = seq;
    }

    @Test
    void packetsRemovedByAStageLeaveNoSequenceGap() {
        TransformStage removeEveryFifth = new TransformStage("remove-every-fifth") {
            @Override
            protected DropReason transform(PacketContext p) {
                return p.rtp().sequenceNumber() % 5 == 4 ? DropReason.REMOVED : DropReason.NONE;
            }
        };
        RtpRelay relay = RtpRelay.builder("removal", a, b).aToB(removeEveryFifth).start();
        int sent = 2000;
        int expected = 0;
        int lastSeq = -1;
        for (int base = 0; base < sent; base += WINDOW) {
            int inWindow = 0;
            for (int i = base; i < Math.min(sent, base + WINDOW); i++) {
                caller.send(RtpPackets.rtp(0, false, i, 160L * i, 0x3333, payload(2, i)), rtpOf(a));
                if (i % 5 != 4) {
                    inWindow++;
                }
            }
            for (int k = 0; k < inWindow; k++) {
                byte[] got = agent.receive(2000);
                assertNotNull(got);
                int seq = RtpPackets.seq(got);
                if (lastSeq >= 0) {
                    assertEquals(lastSeq + 1, seq);
                }
                lastSeq = seq;
                expected++;
            }
        }
        assertEquals(1600, expected);
        assertEquals(400, removeEveryFifth.stats().dropped(DropReason.REMOVED));
        relay.close();
    }

    @Test
    void malformedAndForeignDatagramsAreDroppedAndTheStreamGoesOn() throws Exception {
        RtpRelay relay = RtpRelay.builder("bad-input", a, b).start();
        try (UdpPeer intruder = new UdpPeer()) {
            for (int i = 0; i < 50; i++) {
                caller.send(RtpPackets.rtp(0, false, i, 160L * i, 0x4444, payload(3, i)), rtpOf(a));
                caller.send(new byte[] {(byte) 0x80, 0, 0}, rtpOf(a)); // truncated
                caller.send(new byte[] {0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, rtpOf(a)); // version 1
                caller.send(new byte[] {(byte) 0x8F, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0}, rtpOf(a)); // CSRCs past the end
                intruder.send(RtpPackets.rtp(0, false, 1000 + i, 0, 0x6666, payload(9, i)), rtpOf(a));
                byte[] got = agent.receive(2000);
                assertNotNull(got, "packet " + i);
                assertArrayEquals(payload(3, i), Arrays.copyOfRange(got, 12, got.length));
            }
        }
        assertNull(agent.receive(100));
        ParseRtpStage parse = (ParseRtpStage) relay.aToB().stages().get(0);
        long malformed = onLoop(() -> parse.stats().dropped(DropReason.MALFORMED_RTP));
        long foreign = onLoop(() -> relay.aToB().stages().get(1).stats().dropped(DropReason.UNEXPECTED_SOURCE));
        assertEquals(150, malformed);
        assertEquals(50, foreign);
        relay.close();
    }

    @Test
    void latchesToTheRealSourceWhenSdpAddressIsWrong() {
        a.expectPeer(new InetSocketAddress("127.0.0.1", 9), null, false); // what a NATed caller signals
        RtpRelay relay = RtpRelay.builder("nat", a, b).start();
        for (int i = 0; i < 10; i++) {
            caller.send(RtpPackets.rtp(0, false, i, 160L * i, 0x5555, payload(4, i)), rtpOf(a));
        }
        int received = 0;
        while (agent.receive(300) != null) {
            received++;
        }
        assertEquals(9, received); // the first packet was on probation
        agent.send(RtpPackets.rtp(0, false, 1, 0, 0x7777, payload(5, 1)), rtpOf(b));
        assertNotNull(caller.receive(2000), "media goes back to the latched address, not the signalled one");
        assertTrue(a.rtpLatch().latched().equals(caller.address()));
        relay.close();
    }

    @Test
    void rtcpFollowsTheRewrittenStreamsUnderRtcpMux() {
        a.expectPeer(caller.address(), null, true);
        b.expectPeer(agent.address(), null, true);
        TransformStage removeEveryFifth = new TransformStage("remove-every-fifth") {
            @Override
            protected DropReason transform(PacketContext p) {
                return p.rtp().sequenceNumber() % 5 == 4 ? DropReason.REMOVED : DropReason.NONE;
            }
        };
        RtpRelay relay = RtpRelay.builder("rtcp", a, b).aToB(removeEveryFifth).start();
        for (int i = 0; i < 10; i++) {
            caller.send(RtpPackets.rtp(0, false, 100 + i, 160L * i, 0x1111, payload(6, i)), rtpOf(a));
        }
        int agentSawSsrc = 0;
        for (int i = 0; i < 8; i++) {
            byte[] got = agent.receive(2000);
            assertNotNull(got);
            agentSawSsrc = RtpPackets.ssrc(got);
        }
        int callerSawSeq = -1;
        int callerSawSsrc = 0;
        for (int i = 0; i < 5; i++) {
            agent.send(RtpPackets.rtp(0, false, 7000 + i, 160L * i, 0x2222, payload(7, i)), rtpOf(b));
            byte[] got = caller.receive(2000);
            assertNotNull(got);
            callerSawSeq = RtpPackets.seq(got);
            callerSawSsrc = RtpPackets.ssrc(got);
        }
        // the caller reports: SR about its own stream, one report block about what it received, then SDES
        java.nio.ByteBuffer sr = java.nio.ByteBuffer.allocate(28 + 24 + 12);
        sr.put((byte) 0x81).put((byte) 200).putShort((short) 12).putInt(0x1111)
                .putLong(0x0102030405060708L).putInt(160 * 9).putInt(10).putInt(1600)
                .putInt(callerSawSsrc).putInt(0).putInt(callerSawSeq).putInt(0).putInt(0).putInt(0);
        sr.put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt(0x1111).put((byte) 0).put((byte) 0).putShort((short) 0);
        caller.send(sr.array(), rtpOf(a));
        byte[] report = agent.receive(2000);
        assertNotNull(report, "RTCP relayed");
        java.nio.ByteBuffer r = java.nio.ByteBuffer.wrap(report);
        assertEquals(200, report[1] & 0xFF);
        assertEquals(agentSawSsrc, r.getInt(4), "SR sender SSRC matches the RTP the agent receives");
        assertEquals(0x0102030405060708L, r.getLong(8), "NTP untouched");
        assertEquals(8, r.getInt(20), "packet count = packets really sent onward");
        assertEquals(8 * 160, r.getInt(24), "octet count = payload octets really sent onward");
        assertEquals(0x2222, r.getInt(28), "report block names the agent's own SSRC");
        assertEquals(7004, r.getInt(36), "extended highest sequence in the agent's numbering");
        assertEquals(agentSawSsrc, r.getInt(56), "SDES chunk SSRC");
        relay.close();
    }

    @Test
    void injectedPacketsReachTheCallerBetweenRelayedOnesWithContinuousNumbering() throws Exception {
        RtpRelay relay = RtpRelay.builder("inject", a, b).start();
        int lastSeq = -1;
        long lastTs = -1;
        int ssrc = 0;
        for (int i = 0; i < 5; i++) { // the agent talks...
            agent.send(RtpPackets.rtp(0, false, 100 + i, 8000L + 160L * i, 0x2222, payload(6, i)), rtpOf(b));
            byte[] got = caller.receive(2000);
            assertNotNull(got);
            lastSeq = RtpPackets.seq(got);
            lastTs = RtpPackets.timestamp(got);
            ssrc = RtpPackets.ssrc(got);
        }
        for (int i = 0; i < 5; i++) { // ...goes quiet, and the server fills in
            byte[] made = RtpPackets.rtp(0, false, 7 + i, 50_000L + 160L * i, 0x0BAD, payload(7, i));
            onLoop(() -> {
                relay.injectBToA(io.netty.buffer.Unpooled.wrappedBuffer(made), System.nanoTime());
                return null;
            });
        }
        for (int i = 5; i < 10; i++) { // ...and talks again
            agent.send(RtpPackets.rtp(0, false, 100 + i, 8000L + 160L * i, 0x2222, payload(6, i)), rtpOf(b));
        }
        for (int k = 0; k < 10; k++) {
            byte[] got = caller.receive(2000);
            assertNotNull(got, "packet " + k);
            byte[] expected = k < 5 ? payload(7, k) : payload(6, k);
            assertArrayEquals(expected, Arrays.copyOfRange(got, 12, got.length), "payload of packet " + k);
            assertEquals((lastSeq + 1) & 0xFFFF, RtpPackets.seq(got), "sequence at packet " + k);
            assertEquals(ssrc, RtpPackets.ssrc(got), "one SSRC toward the caller");
            long step = (RtpPackets.timestamp(got) - lastTs) & 0xFFFF_FFFFL;
            if (k == 0 || k == 5) { // a change of source: advanced by the real time elapsed
                assertTrue(step > 0 && step < 8000, "timestamp advances at " + k + " by " + step);
            } else {
                assertEquals(160, step, "timestamp step at " + k);
            }
            assertEquals(k == 0 || k == 5, RtpPackets.marker(got), "marker only where the source changes, at " + k);
            lastSeq = RtpPackets.seq(got);
            lastTs = RtpPackets.timestamp(got);
        }
        assertEquals(2, (long) onLoop(() -> relay.bToAStream().sourceSwitches()));
        assertEquals(15, (long) onLoop(() -> relay.bToAStream().packetCount()));
        relay.close();
    }

    @Test
    void injectOffTheEventLoopIsRefusedAndReleasesThePacket() {
        RtpRelay relay = RtpRelay.builder("inject-off-loop", a, b).start();
        io.netty.buffer.ByteBuf made = io.netty.buffer.Unpooled.wrappedBuffer(RtpPackets.rtp(0, false, 1, 0, 9, new byte[160]));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> relay.injectBToA(made, System.nanoTime()));
        assertEquals(0, made.refCnt());
        relay.close();
    }

    private <T> T onLoop(Callable<T> c) throws Exception {
        return a.eventLoop().submit(c).get(5, TimeUnit.SECONDS);
    }
}
