package io.toneguard.sip.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.SdpParseException;
import io.toneguard.media.sdp.SdpParser;
import io.toneguard.media.srtp.Sdes;
import io.toneguard.media.srtp.SrtpMasterKey;
import io.toneguard.media.srtp.SrtpSession;
import io.toneguard.media.srtp.SrtpSuite;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.testing.UdpPeer;
import java.net.InetSocketAddress;
import java.util.Base64;

/**
 * A phone's media in B2BUA tests: a UDP socket that sends and receives RTP, or SRTP with the
 * phone's own SDES key (its {@code a=crypto} line) and ToneGuard's key read from the SDP it got.
 */
public final class SrtpMediaPeer implements AutoCloseable {
    private final UdpPeer socket = new UdpPeer();
    private SrtpMasterKey ownKey;
    private SrtpSession session;
    private final int ssrc = 0x1234_0000 + (int) (Math.random() * 0xffff);
    private int seq = 100;
    private long timestamp = 8000;

    /** A plain RTP phone. */
    public static SrtpMediaPeer plain() {
        return new SrtpMediaPeer(null);
    }

    /** An SDES phone with a fresh key of its own. */
    public static SrtpMediaPeer sdes(SrtpSuite suite) {
        return new SrtpMediaPeer(SrtpMasterKey.generate(suite));
    }

    private SrtpMediaPeer(SrtpMasterKey ownKey) {
        this.ownKey = ownKey;
    }

    /** Replaces this phone's own key (a re-key); call {@link #peerKeyFrom} with the answer next. */
    public void newOwnKey() {
        SrtpMasterKey next = SrtpMasterKey.generate(ownKey.suite());
        ownKey.close();
        ownKey = next;
    }

    public int port() {
        return socket.address().getPort();
    }

    /** This phone's {@code a=crypto} attribute value under {@code tag}. */
    public String crypto(int tag) {
        byte[] ks = ownKey.keyThenSalt();
        try {
            return tag + " " + ownKey.suite().sdesName() + " inline:" + Base64.getEncoder().encodeToString(ks);
        } finally {
            java.util.Arrays.fill(ks, (byte) 0);
        }
    }

    /** An SDP offer or answer for this phone: PCMU and telephone-event, RTP/SAVP with its crypto if SRTP. */
    public String sdp(int tag) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " " + (ownKey == null ? "RTP/AVP" : "RTP/SAVP") + " 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                + (ownKey == null ? "" : "a=crypto:" + crypto(tag) + "\r\n") + "a=sendrecv\r\n";
    }

    /** The first audio line of an SDP body. */
    public static MediaDescription audio(String sdpBody) {
        try {
            return SdpParser.parse(sdpBody).media().stream().filter(m -> m.media().equals("audio")).findFirst().orElseThrow();
        } catch (SdpParseException e) {
            throw new AssertionError("unparsable SDP: " + e.getMessage());
        }
    }

    /**
     * Takes ToneGuard's key from the SDP this phone received (the line with {@code tag}), so that
     * what ToneGuard sends decrypts and what this phone sends is encrypted with its own key.
     */
    public void peerKeyFrom(String sdpBody, int tag) {
        Crypto c = audio(sdpBody).crypto().stream().filter(x -> x.tag() == tag).findFirst()
                .orElseThrow(() -> new AssertionError("no a=crypto tag " + tag));
        try (SrtpMasterKey theirs = Sdes.key(c)) {
            if (session != null) {
                session.close();
            }
            session = SrtpSession.open("test-phone", theirs, ownKey);
        }
    }

    /** Sends one 20 ms PCMU packet with this payload to {@code to}. */
    public void send(byte[] payload, InetSocketAddress to) {
        byte[] rtp = RtpPackets.rtp(0, false, seq++ & 0xffff, timestamp, ssrc, payload);
        timestamp += 160;
        if (session == null) {
            socket.send(rtp, to);
            return;
        }
        ByteBuf b = Unpooled.buffer(rtp.length + 32);
        try {
            b.writeBytes(rtp);
            DropReason r = session.protectRtp(b);
            if (r != DropReason.NONE) {
                throw new AssertionError("protect failed: " + r);
            }
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            socket.send(out, to);
        } finally {
            b.release();
        }
    }

    /**
     * The payload of the next RTP packet (decrypted for SRTP), or null if none arrives or none
     * authenticates within the time.
     */
    public byte[] receivePayload(int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            byte[] p = socket.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (p == null) {
                return null;
            }
            if (p.length < 12 || (p[1] & 0x7f) >= 72 && (p[1] & 0x7f) <= 76) {
                continue; // RTCP
            }
            byte[] plain = p;
            if (session != null) {
                ByteBuf b = Unpooled.copiedBuffer(p);
                try {
                    if (session.unprotectRtp(b) != DropReason.NONE) {
                        continue;
                    }
                    plain = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), plain);
                } finally {
                    b.release();
                }
            }
            return java.util.Arrays.copyOfRange(plain, 12, plain.length);
        }
        return null;
    }

    /** Raw datagrams received within the time (as they came, encrypted or not). */
    public byte[] receiveRaw(int timeoutMillis) {
        return socket.receive(timeoutMillis);
    }

    @Override
    public void close() {
        socket.close();
        if (session != null) {
            session.close();
        }
        if (ownKey != null) {
            ownKey.close();
        }
    }
}
