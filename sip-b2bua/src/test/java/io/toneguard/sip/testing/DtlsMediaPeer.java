package io.toneguard.sip.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.dtls.DtlsCertificate;
import io.toneguard.media.dtls.DtlsRole;
import io.toneguard.media.dtls.DtlsSrtpHandshake;
import io.toneguard.media.dtls.DtlsSrtpPolicy;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.sdp.Fingerprint;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.testing.RtpPackets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bouncycastle.tls.UDPTransport;

/**
 * A DTLS-SRTP phone's media in B2BUA tests: its own certificate (its fingerprint goes in its SDP),
 * a UDP socket, the handshake with BouncyCastle in the role the SDP decided, then SRTP with the
 * exported keys. {@link #lying()} makes a phone whose SDP fingerprint is not its certificate's.
 */
public final class DtlsMediaPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final Fingerprint announced;
    private SrtpSession session;
    private final int ssrc = 0x0D71_5000 + (int) (Math.random() * 0xfff);
    private int seq = 1;
    private long timestamp;

    private DtlsMediaPeer(boolean lie) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        announced = lie ? DtlsCertificate.generate().fingerprint() : certificate.fingerprint();
    }

    public static DtlsMediaPeer honest() {
        return new DtlsMediaPeer(false);
    }

    /** A phone announcing another certificate's fingerprint. */
    public static DtlsMediaPeer lying() {
        return new DtlsMediaPeer(true);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Its SDP: UDP/TLS/RTP/SAVP, PCMU and telephone-event, its fingerprint and {@code a=setup:<setup>}. */
    public String sdp(String setup) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " UDP/TLS/RTP/SAVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                + "a=fingerprint:" + announced.hashFunction() + " " + announced.fingerprint() + "\r\n"
                + "a=setup:" + setup + "\r\na=sendrecv\r\n";
    }

    /**
     * Starts the handshake with ToneGuard's media port in {@code role}, checking ToneGuard's
     * certificate against the fingerprint of {@code sdpFromToneGuard}.
     */
    public CompletableFuture<SrtpSession> handshake(DtlsRole role, String sdpFromToneGuard, InetSocketAddress toneGuard) {
        Fingerprint theirs = SrtpMediaPeer.audio(sdpFromToneGuard).fingerprints().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no a=fingerprint from ToneGuard"));
        try {
            socket.connect(toneGuard);
        } catch (java.net.SocketException e) {
            throw new UncheckedIOException(e);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                SrtpSession s = DtlsSrtpHandshake.run(role, new UDPTransport(socket, 1500),
                        toneGuard.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), certificate, theirs,
                        DtlsSrtpPolicy.DEFAULT, "test-phone");
                session = s;
                return s;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    public void send(byte[] payload) {
        byte[] rtp = RtpPackets.rtp(0, false, seq++, timestamp, ssrc, payload);
        timestamp += 160;
        ByteBuf b = Unpooled.buffer(rtp.length + 32).writeBytes(rtp);
        try {
            if (session.protectRtp(b) != DropReason.NONE) {
                throw new AssertionError("protect failed");
            }
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            socket.send(new DatagramPacket(out, out.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            b.release();
        }
    }

    /** The payload of the next RTP packet that decrypts, or null within the time. */
    public byte[] receivePayload(int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        byte[] buf = new byte[2048];
        while (System.currentTimeMillis() < deadline) {
            try {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                int first = buf[0] & 0xff;
                int pt = buf[1] & 0x7f;
                if (p.getLength() < 12 || first < 128 || first > 191 || pt >= 72 && pt <= 76) {
                    continue; // DTLS retransmission or RTCP
                }
                ByteBuf b = Unpooled.copiedBuffer(buf, 0, p.getLength());
                try {
                    if (session.unprotectRtp(b) != DropReason.NONE) {
                        continue;
                    }
                    byte[] plain = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), plain);
                    return Arrays.copyOfRange(plain, 12, plain.length);
                } finally {
                    b.release();
                }
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
        if (session != null) {
            session.close();
        }
    }
}
