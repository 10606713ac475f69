package io.toneguard.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.testing.UdpPeer;
import io.toneguard.media.transport.MediaEndpoint;
import io.toneguard.media.transport.MediaTransport;
import io.toneguard.media.transport.MediaTransportConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DTLS-SRTP on a real media endpoint: a BouncyCastle DTLS client (the caller, a=setup:active)
 * handshakes with ToneGuard's endpoint (passive, cookie first), then talks SRTP through the relay
 * to a plain RTP agent.
 */
class SrtpDtlsRelayTest {
    private static MediaTransport transport;

    @BeforeAll
    static void start() {
        transport = MediaTransport.start(MediaTransportConfig.defaults().withPorts(31600, 31799).withIoThreads(1));
    }

    @AfterAll
    static void stop() {
        transport.close();
        NettyLeakGuard.assertNoLeaks();
    }

    @Test
    void dtlsSrtpCallerToPlainAgentThroughTheRelay() throws Exception {
        DtlsCertificate callerCert = DtlsCertificate.generate();
        DtlsCertificate ourCert = DtlsCertificate.generate();
        EventLoop loop = transport.nextEventLoop();
        MediaEndpoint a = transport.openEndpoint(loop, "caller", false);
        MediaEndpoint b = transport.openEndpoint(loop, "agent", false);
        try (DatagramSocket callerSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                UdpPeer agent = new UdpPeer()) {
            callerSocket.connect(a.localRtpAddress());
            a.expectPeer((InetSocketAddress) callerSocket.getLocalSocketAddress(), null, true);
            b.expectPeer(agent.address(), null, true);

            DtlsEndpointTransport dtls = new DtlsEndpointTransport(a);
            a.inbound(dtls.handshakePipeline(), null);
            byte[] peerId = callerSocket.getLocalSocketAddress().toString().getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<SrtpSession> ours = CompletableFuture.supplyAsync(() -> {
                try {
                    return DtlsSrtpHandshake.run(DtlsRole.SERVER, dtls, peerId, ourCert, callerCert.fingerprint(),
                            DtlsSrtpPolicy.DEFAULT, "leg-a");
                } catch (DtlsHandshakeException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            SrtpSession caller = DtlsSrtpHandshake.run(DtlsRole.CLIENT, new UDPTransport(callerSocket, 1500), null,
                    callerCert, ourCert.fingerprint(), DtlsSrtpPolicy.DEFAULT, "caller");
            SrtpSession legA = ours.get(20, TimeUnit.SECONDS);

            RtpRelay relay = RtpRelay.builder("dtls-srtp", a, b).aDtls(dtls).aSrtp(legA).start();
            callerSocket.setSoTimeout(2000);
            for (int i = 0; i < 50; i++) {
                byte[] plain = RtpPackets.rtp(0, false, 100 + i, 160L * i, 0xCA11, payload(i));
                ByteBuf out = Unpooled.buffer(256).writeBytes(plain);
                assertEquals(DropReason.NONE, caller.protectRtp(out));
                byte[] wire = ByteBufUtil.getBytes(out);
                out.release();
                callerSocket.send(new DatagramPacket(wire, wire.length));
                byte[] atAgent = agent.receive(2000);
                assertNotNull(atAgent, "packet " + i);
                assertArrayEquals(payload(i), Arrays.copyOfRange(atAgent, 12, atAgent.length));

                agent.send(RtpPackets.rtp(0, false, 7 + i, 160L * i, 0xA6E7, payload(1000 + i)), b.localRtpAddress());
                byte[] back = receive(callerSocket);
                ByteBuf in = Unpooled.buffer(back.length).writeBytes(back);
                assertEquals(DropReason.NONE, caller.unprotectRtp(in), "caller decrypts packet " + i);
                assertArrayEquals(payload(1000 + i), Arrays.copyOfRange(ByteBufUtil.getBytes(in), 12, in.readableBytes()));
                in.release();
            }
            byte[] strayDtls = {23, (byte) 0xFE, (byte) 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 2, 1, 2};
            callerSocket.send(new DatagramPacket(strayDtls, strayDtls.length));
            assertNull(agent.receive(200), "a DTLS record never reaches the agent");
            assertEquals(1L, (long) loop.submit(() -> relay.aToB().stages().get(0).stats().dropped(DropReason.DTLS))
                    .get(5, TimeUnit.SECONDS));
            relay.close();
            caller.close();
            legA.close();
            dtls.close();
        } finally {
            a.close();
            b.close();
        }
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing came back to the caller", e);
        }
        return Arrays.copyOf(buf, p.getLength());
    }

    private static byte[] payload(int i) {
        byte[] p = new byte[160];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (i * 13 + k);
        }
        return p;
    }
}
