package io.toneguard.media.srtp;

import java.util.Arrays;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * An SRTP peer built straight on jitsi-srtp with policies written out here from the RFCs (not
 * from {@link SrtpSuite}), to check ToneGuard's session against an independent configuration.
 */
final class JitsiPeer {
    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private SrtpCryptoContext rtpOut;
    private SrtpCryptoContext rtpIn;
    private SrtcpCryptoContext rtcpOut;
    private SrtcpCryptoContext rtcpIn;

    /** {@code sendKey} protects what this peer sends; {@code receiveKey} what it receives (key||salt). */
    JitsiPeer(SrtpSuite suite, byte[] sendKey, byte[] receiveKey) {
        SrtpCrypto.init(); // jitsi caches its AES provider choice per JVM: make it the production one
        SrtpPolicy rtp = policy(suite, false);
        SrtpPolicy rtcp = policy(suite, true);
        int k = keyLength(suite);
        this.sender = new SrtpContextFactory(true, Arrays.copyOf(sendKey, k), Arrays.copyOfRange(sendKey, k,
                sendKey.length), rtp, rtcp, new LoggerImpl("test-peer"));
        this.receiver = new SrtpContextFactory(false, Arrays.copyOf(receiveKey, k), Arrays.copyOfRange(receiveKey, k,
                receiveKey.length), rtp, rtcp, new LoggerImpl("test-peer"));
    }

    static int keyLength(SrtpSuite suite) {
        return switch (suite) {
            case AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM -> 16;
            case AES_192_CM_HMAC_SHA1_80, AES_192_CM_HMAC_SHA1_32 -> 24;
            case AES_256_CM_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_32, AEAD_AES_256_GCM -> 32;
        };
    }

    /** RFC 3711 §8.2, RFC 4568 §6.2, RFC 6188, RFC 7714 §12. */
    static SrtpPolicy policy(SrtpSuite suite, boolean rtcp) {
        int k = keyLength(suite);
        return switch (suite) {
            case AES_CM_128_HMAC_SHA1_80, AES_192_CM_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_80 ->
                    new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, k, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
            case AES_CM_128_HMAC_SHA1_32, AES_192_CM_HMAC_SHA1_32, AES_256_CM_HMAC_SHA1_32 ->
                    new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, k, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                            rtcp ? 10 : 4, 14);
            case AEAD_AES_128_GCM, AEAD_AES_256_GCM ->
                    new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, k, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
        };
    }

    byte[] protectRtp(byte[] plain) throws Exception {
        int ssrc = java.nio.ByteBuffer.wrap(plain, 8, 4).getInt();
        if (rtpOut == null) {
            rtpOut = sender.deriveContext(ssrc, 0);
        }
        ArrayBuf b = new ArrayBuf(plain);
        check(rtpOut.transformPacket(b));
        return b.bytes();
    }

    byte[] unprotectRtp(byte[] cipher) throws Exception {
        int ssrc = java.nio.ByteBuffer.wrap(cipher, 8, 4).getInt();
        if (rtpIn == null) {
            rtpIn = receiver.deriveContext(ssrc, 0);
        }
        ArrayBuf b = new ArrayBuf(cipher);
        check(rtpIn.reverseTransformPacket(b, false));
        return b.bytes();
    }

    byte[] protectRtcp(byte[] plain) throws Exception {
        int ssrc = java.nio.ByteBuffer.wrap(plain, 4, 4).getInt();
        if (rtcpOut == null) {
            rtcpOut = sender.deriveControlContext(ssrc);
        }
        ArrayBuf b = new ArrayBuf(plain);
        check(rtcpOut.transformPacket(b));
        return b.bytes();
    }

    byte[] unprotectRtcp(byte[] cipher) throws Exception {
        int ssrc = java.nio.ByteBuffer.wrap(cipher, 4, 4).getInt();
        if (rtcpIn == null) {
            rtcpIn = receiver.deriveControlContext(ssrc);
        }
        ArrayBuf b = new ArrayBuf(cipher);
        check(rtcpIn.reverseTransformPacket(b));
        return b.bytes();
    }

    private static void check(SrtpErrorStatus s) {
        if (s != SrtpErrorStatus.OK) {
            throw new AssertionError("jitsi peer: " + s);
        }
    }

    /** A plain growable byte-array buffer, independent of ToneGuard's {@code SrtpBuffer}. */
    static final class ArrayBuf implements ByteArrayBuffer {
        private byte[] data;
        private int offset;
        private int length;

        ArrayBuf(byte[] packet) {
            this.data = Arrays.copyOf(packet, packet.length + 64);
            this.length = packet.length;
        }

        byte[] bytes() {
            return Arrays.copyOfRange(data, offset, offset + length);
        }

        @Override
        public byte[] getBuffer() {
            return data;
        }

        @Override
        public int getOffset() {
            return offset;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int len) {
            length = len;
        }

        @Override
        public void setOffset(int off) {
            offset = off;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(data, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > data.length) {
                data = Arrays.copyOf(data, offset + length + howMuch);
            }
        }

        @Override
        public void append(byte[] src, int len) {
            grow(len);
            System.arraycopy(src, 0, data, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length -= len;
        }
    }
}
