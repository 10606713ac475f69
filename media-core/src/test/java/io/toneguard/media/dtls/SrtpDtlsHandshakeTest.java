package io.toneguard.media.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.sdp.Fingerprint;
import io.toneguard.media.sdp.SetupRole;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.testing.RtpPackets;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two DTLS-SRTP ends on loopback UDP: handshake, cookie exchange, fingerprint checks, then SRTP both ways. */
class SrtpDtlsHandshakeTest {
    private static final DtlsSrtpPolicy QUICK = DtlsSrtpPolicy.DEFAULT.withHandshakeTimeout(Duration.ofSeconds(4));

    private DatagramSocket clientSocket;
    private DatagramSocket serverSocket;
    private final DtlsCertificate clientCert = DtlsCertificate.generate();
    private final DtlsCertificate serverCert = DtlsCertificate.generate();
    private final AtomicInteger helloVerifyRequests = new AtomicInteger();

    @BeforeEach
    void sockets() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        clientSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
        serverSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
        clientSocket.connect(serverSocket.getLocalSocketAddress());
        serverSocket.connect(clientSocket.getLocalSocketAddress());
    }

    @AfterEach
    void close() {
        clientSocket.close();
        serverSocket.close();
    }

    /** Counts HelloVerifyRequests (handshake type 3) that the server sends. */
    private DatagramTransport countingServerTransport() throws IOException {
        UDPTransport udp = new UDPTransport(serverSocket, 1500);
        return new DatagramTransport() {
            @Override
            public int getReceiveLimit() {
                return udp.getReceiveLimit();
            }

            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                return udp.receive(buf, off, len, waitMillis);
            }

            @Override
            public int getSendLimit() {
                return udp.getSendLimit();
            }

            @Override
            public void send(byte[] buf, int off, int len) throws IOException {
                if (len > 13 && buf[off] == 22 && buf[off + 13] == 3) {
                    helloVerifyRequests.incrementAndGet();
                }
                udp.send(buf, off, len);
            }

            @Override
            public void close() throws IOException {
                udp.close();
            }
        };
    }

    private record Pair(CompletableFuture<SrtpSession> client, CompletableFuture<SrtpSession> server) {
    }

    private Pair handshake(Fingerprint clientExpects, Fingerprint serverExpects, DtlsSrtpPolicy clientPolicy,
            DtlsSrtpPolicy serverPolicy) throws IOException {
        DatagramTransport serverTransport = countingServerTransport();
        DatagramTransport clientTransport = new UDPTransport(clientSocket, 1500);
        byte[] clientId = clientSocket.getLocalSocketAddress().toString().getBytes();
        CompletableFuture<SrtpSession> server = CompletableFuture.supplyAsync(() -> run(() -> DtlsSrtpHandshake.run(
                DtlsRole.SERVER, serverTransport, clientId, serverCert, serverExpects, serverPolicy, "server")));
        CompletableFuture<SrtpSession> client = CompletableFuture.supplyAsync(() -> run(() -> DtlsSrtpHandshake.run(
                DtlsRole.CLIENT, clientTransport, null, clientCert, clientExpects, clientPolicy, "client")));
        return new Pair(client, server);
    }

    private interface Handshake {
        SrtpSession call() throws DtlsHandshakeException;
    }

    private static SrtpSession run(Handshake h) {
        try {
            return h.call();
        } catch (DtlsHandshakeException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private static DtlsHandshakeException failure(CompletableFuture<SrtpSession> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DtlsHandshakeException, String.valueOf(e.getCause()));
        return (DtlsHandshakeException) e.getCause();
    }

    @Test
    void handshakeWithCookieGivesMatchingSrtpKeysBothWays() throws Exception {
        Pair p = handshake(serverCert.fingerprint(), clientCert.fingerprint(), QUICK, QUICK);
        try (SrtpSession client = p.client().get(20, TimeUnit.SECONDS);
                SrtpSession server = p.server().get(20, TimeUnit.SECONDS)) {
            assertEquals(1, helloVerifyRequests.get(), "the server asked for a cookie first (DTLSVerifier)");
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, client.outboundSuite());
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, server.inboundSuite());
            for (int i = 0; i < 20; i++) {
                byte[] plain = RtpPackets.rtp(0, false, i, 160L * i, 0xC1, new byte[160]);
                plain[20] = (byte) i;
                ByteBuf b = Unpooled.buffer(256).writeBytes(plain);
                assertEquals(DropReason.NONE, client.protectRtp(b));
                assertNotEquals(plain.length, b.readableBytes());
                assertEquals(DropReason.NONE, server.unprotectRtp(b));
                assertArrayEquals(plain, ByteBufUtil.getBytes(b));
                assertEquals(DropReason.NONE, server.protectRtp(b.setByte(8, 0x55)));
                assertEquals(DropReason.NONE, client.unprotectRtp(b));
                b.release();
            }
            ByteBuf own = Unpooled.buffer(256).writeBytes(RtpPackets.rtp(0, false, 1, 1, 0xC2, new byte[160]));
            assertEquals(DropReason.NONE, client.protectRtp(own));
            assertEquals(DropReason.SRTP_AUTH_FAILED, client.unprotectRtp(own),
                    "client and server write keys differ: a node cannot decrypt its own packets");
            own.release();
        }
    }

    @Test
    void theThirtyTwoBitProfileIsNegotiatedWhenThatIsAllTheServerTakes() throws Exception {
        Pair p = handshake(serverCert.fingerprint(), clientCert.fingerprint(), QUICK,
                QUICK.withProfiles(SrtpSuite.AES_CM_128_HMAC_SHA1_32));
        try (SrtpSession client = p.client().get(20, TimeUnit.SECONDS);
                SrtpSession server = p.server().get(20, TimeUnit.SECONDS)) {
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, client.outboundSuite());
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, server.outboundSuite());
        }
    }

    @Test
    void aClientCertificateThatDoesNotMatchItsFingerprintFailsTheHandshake() throws Exception {
        Fingerprint someoneElse = DtlsCertificate.generate().fingerprint();
        Pair p = handshake(serverCert.fingerprint(), someoneElse, QUICK, QUICK);
        assertEquals("peer certificate does not match its a=fingerprint", failure(p.server()).getMessage());
        DtlsHandshakeException client = failure(p.client());
        assertFalse(client.getMessage().contains(someoneElse.fingerprint()));
    }

    @Test
    void aServerCertificateThatDoesNotMatchItsFingerprintFailsTheHandshake() throws Exception {
        Pair p = handshake(DtlsCertificate.generate().fingerprint(), clientCert.fingerprint(), QUICK, QUICK);
        assertEquals("peer certificate does not match its a=fingerprint", failure(p.client()).getMessage());
        failure(p.server());
    }

    @Test
    void noCommonProfileFailsCleanly() throws Exception {
        Pair p = handshake(serverCert.fingerprint(), clientCert.fingerprint(),
                QUICK.withProfiles(SrtpSuite.AES_CM_128_HMAC_SHA1_80), QUICK.withProfiles(SrtpSuite.AES_CM_128_HMAC_SHA1_32));
        assertEquals("no common SRTP protection profile", failure(p.server()).getMessage());
        failure(p.client());
    }

    @Test
    void aServerWithNoClientTimesOut() throws Exception {
        DtlsHandshakeException e = assertThrows(DtlsHandshakeException.class, () -> DtlsSrtpHandshake.run(
                DtlsRole.SERVER, new UDPTransport(serverSocket, 1500), new byte[4], serverCert, clientCert.fingerprint(),
                QUICK.withHandshakeTimeout(Duration.ofMillis(300)), "lonely"));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void fingerprintsAndRoles() {
        Fingerprint f = serverCert.fingerprint();
        assertEquals("sha-256", f.hashFunction());
        assertEquals(32, f.bytes().length);
        assertTrue(DtlsCertificate.matches(serverCert.encoded(), f));
        assertFalse(DtlsCertificate.matches(clientCert.encoded(), f));
        assertEquals(f, Fingerprint.parse(f.value().orElseThrow()), "SDP round trip");
        assertEquals(DtlsRole.CLIENT, DtlsRole.of(SetupRole.ACTIVE));
        assertEquals(DtlsRole.SERVER, DtlsRole.of(SetupRole.PASSIVE));
        assertEquals(SetupRole.ACTIVE, DtlsRole.answerTo(SetupRole.ACTPASS));
        assertEquals(SetupRole.PASSIVE, DtlsRole.answerTo(SetupRole.ACTIVE));
        assertThrows(IllegalArgumentException.class, () -> DtlsRole.of(SetupRole.ACTPASS));
        assertThrows(IllegalArgumentException.class, () -> new DtlsSrtpPolicy(
                java.util.List.of(SrtpSuite.AES_256_CM_HMAC_SHA1_80), Duration.ofSeconds(1)));
    }
}
