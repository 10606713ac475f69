package io.toneguard.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.toneguard.media.pipeline.DropReason;
import io.toneguard.media.testing.RtpPackets;
import java.util.Arrays;
import java.util.HexFormat;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ToneGuard's {@link SrtpSession} against published vectors and an independently configured jitsi peer. */
class SrtpSessionTest {
    private static final HexFormat HEX = HexFormat.of();
    /** libsrtp's test vectors (AES_CM_128_HMAC_SHA1_80, SSRC 0xcafebabe, seq 0x1234, ROC 0). */
    private static final byte[] KAT_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139" + "0ec675ad498afeebb6960b3aabe6");
    private static final byte[] KAT_RTP = HEX.parseHex("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final byte[] KAT_SRTP = HEX.parseHex(
            "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
    private static final byte[] KAT_RTCP = HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16));
    private static final byte[] KAT_SRTCP = HEX.parseHex(
            "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");

    private static ByteBuf heap(byte[] b) {
        return Unpooled.buffer(b.length).writeBytes(b);
    }

    private static ByteBuf direct(byte[] b) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(b.length).writeBytes(b);
    }

    private static byte[] drain(ByteBuf b) {
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static SrtpSession session(SrtpSuite suite, byte[] in, byte[] out) {
        try (SrtpMasterKey i = SrtpMasterKey.of(suite, in); SrtpMasterKey o = SrtpMasterKey.of(suite, out)) {
            return SrtpSession.open("test", i, o);
        }
    }

    private static byte[] random(SrtpSuite suite) {
        try (SrtpMasterKey k = SrtpMasterKey.generate(suite)) {
            return k.keyThenSalt();
        }
    }

    private static byte[] payload(int i) {
        byte[] p = new byte[160];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (i * 31 + k * 7);
        }
        return p;
    }

    @Test
    void aesIsPureJavaSunJce() {
        SrtpCrypto.init();
        assertEquals("SunJCE", Aes.createCipher("AES/CTR/NoPadding").getProvider().getName());
    }

    @Test
    void knownAnswerRtpProtectAndUnprotect() {
        try (SrtpSession s = session(SrtpSuite.AES_CM_128_HMAC_SHA1_80, KAT_KEY, KAT_KEY)) {
            ByteBuf out = heap(KAT_RTP);
            assertEquals(DropReason.NONE, s.protectRtp(out));
            assertArrayEquals(KAT_SRTP, drain(out));
            ByteBuf in = direct(KAT_SRTP);
            assertEquals(DropReason.NONE, s.unprotectRtp(in));
            assertArrayEquals(KAT_RTP, drain(in));
        }
    }

    @Test
    void knownAnswerSha1_32TruncatesTheTag() {
        try (SrtpSession s = session(SrtpSuite.AES_CM_128_HMAC_SHA1_32, KAT_KEY, KAT_KEY)) {
            ByteBuf out = direct(KAT_RTP);
            assertEquals(DropReason.NONE, s.protectRtp(out));
            assertArrayEquals(Arrays.copyOf(KAT_SRTP, 32), drain(out));
        }
    }

    @Test
    void knownAnswerSrtcpUnprotect() {
        try (SrtpSession s = session(SrtpSuite.AES_CM_128_HMAC_SHA1_80, KAT_KEY, KAT_KEY)) {
            ByteBuf in = heap(KAT_SRTCP);
            assertEquals(DropReason.NONE, s.unprotectRtcp(in));
            assertArrayEquals(KAT_RTCP, drain(in));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void roundTripsWithAnIndependentJitsiPeer(SrtpSuite suite) throws Exception {
        byte[] ours = random(suite);
        byte[] theirs = random(suite);
        JitsiPeer peer = new JitsiPeer(suite, theirs, ours);
        try (SrtpSession s = session(suite, theirs, ours)) {
            for (int i = 0; i < 50; i++) {
                boolean useDirect = i % 2 == 0;
                byte[] plain = RtpPackets.rtp(0, i == 0, 1000 + i, 160L * i, 0x11223344, payload(i));
                // peer -> ToneGuard
                byte[] cipher = peer.protectRtp(plain);
                assertEquals(plain.length + suite.rtpTagLength(), cipher.length);
                assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 12, plain.length),
                        Arrays.copyOfRange(cipher, 12, plain.length)), "payload is encrypted");
                ByteBuf in = useDirect ? direct(cipher) : heap(cipher);
                assertEquals(DropReason.NONE, s.unprotectRtp(in));
                assertArrayEquals(plain, drain(in));
                // ToneGuard -> peer
                byte[] back = RtpPackets.rtp(0, false, 5000 + i, 4000L + 160L * i, 0x55667788, payload(i + 1));
                ByteBuf out = useDirect ? direct(back) : heap(back);
                assertEquals(DropReason.NONE, s.protectRtp(out));
                assertArrayEquals(back, peer.unprotectRtp(drain(out)));
            }
            byte[] sr = HEX.parseHex("80c80006112233440000000100000002000000030000000400000005");
            ByteBuf in = direct(peer.protectRtcp(sr));
            assertEquals(DropReason.NONE, s.unprotectRtcp(in));
            assertArrayEquals(sr, drain(in));
            byte[] rr = HEX.parseHex("80c9000155667788");
            ByteBuf out = heap(rr);
            assertEquals(DropReason.NONE, s.protectRtcp(out));
            byte[] srtcp = drain(out);
            assertEquals(rr.length + 4 + suite.rtcpTagLength(), srtcp.length);
            assertArrayEquals(rr, peer.unprotectRtcp(srtcp));
        }
    }

    @Test
    void rolloverCounterFollowsTheSequenceWrap() throws Exception {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        byte[] ours = random(suite);
        JitsiPeer peer = new JitsiPeer(suite, random(suite), ours);
        try (SrtpSession s = session(suite, random(suite), ours)) {
            for (int i = 0; i < 70_000; i += 7) { // crosses 65535 -> 0 once, ROC 0 -> 1
                int seq = (65_000 + i) & 0xFFFF;
                byte[] plain = RtpPackets.rtp(0, false, seq, 160L * i, 42, payload(i));
                ByteBuf out = heap(plain);
                assertEquals(DropReason.NONE, s.protectRtp(out));
                assertArrayEquals(plain, peer.unprotectRtp(drain(out)), "seq " + seq);
            }
        }
    }

    @Test
    void failuresAreReportedByReasonAndTheStreamGoesOn() throws Exception {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        byte[] theirs = random(suite);
        JitsiPeer peer = new JitsiPeer(suite, theirs, random(suite));
        try (SrtpSession s = session(suite, theirs, random(suite));
                SrtpSession wrongKey = session(suite, random(suite), random(suite))) {
            byte[] first = peer.protectRtp(RtpPackets.rtp(0, false, 1, 0, 7, payload(1)));
            assertEquals(DropReason.NONE, s.unprotectRtp(heap(first).retain()) , "first");

            assertEquals(DropReason.SRTP_REPLAY, unprotect(s, first), "replayed");
            assertEquals(DropReason.SRTP_AUTH_FAILED, unprotect(wrongKey, first), "wrong key");
            assertEquals(0, wrongKey.inboundStreams(), "a context that never authenticated is not kept");

            byte[] second = peer.protectRtp(RtpPackets.rtp(0, false, 2, 160, 7, payload(2)));
            byte[] tampered = second.clone();
            tampered[20] ^= 1;
            assertEquals(DropReason.SRTP_AUTH_FAILED, unprotect(s, tampered), "tampered payload");
            byte[] tamperedHeader = second.clone();
            tamperedHeader[1] ^= 0x7F;
            assertEquals(DropReason.SRTP_AUTH_FAILED, unprotect(s, tamperedHeader), "tampered header");
            assertEquals(DropReason.SRTP_INVALID, unprotect(s, new byte[] {(byte) 0x80, 0, 0, 1}), "short");
            assertEquals(DropReason.SRTP_INVALID, unprotect(s, Arrays.copyOf(second, 20)), "shorter than the tag");

            assertEquals(DropReason.NONE, unprotect(s, second), "the stream goes on after bad packets");
            assertEquals(1, s.inboundStreams());

            byte[] rtcp = peer.protectRtcp(HEX.parseHex("80c9000100000007"));
            ByteBuf r = heap(rtcp);
            assertEquals(DropReason.NONE, s.unprotectRtcp(r));
            r.release();
            assertEquals(DropReason.SRTP_REPLAY, unprotectRtcp(s, rtcp));
            byte[] badRtcp = peer.protectRtcp(HEX.parseHex("80c9000100000007"));
            badRtcp[5] ^= 1; // the sender SSRC, so another (fresh) context must reject it
            assertEquals(DropReason.SRTP_AUTH_FAILED, unprotectRtcp(s, badRtcp));
        }
    }

    private static DropReason unprotect(SrtpSession s, byte[] packet) {
        ByteBuf b = direct(packet);
        byte[] before = ByteBufUtil.getBytes(b);
        try {
            DropReason r = s.unprotectRtp(b);
            if (r != DropReason.NONE) {
                assertArrayEquals(before, ByteBufUtil.getBytes(b), "a dropped packet's buffer is untouched");
            }
            return r;
        } finally {
            b.release();
        }
    }

    private static DropReason unprotectRtcp(SrtpSession s, byte[] packet) {
        ByteBuf b = heap(packet);
        try {
            return s.unprotectRtcp(b);
        } finally {
            b.release();
        }
    }

    @Test
    void encryptedPacketsGrowInPlaceInPooledHeapBuffers() throws Exception {
        SrtpSuite suite = SrtpSuite.AEAD_AES_128_GCM;
        byte[] ours = random(suite);
        JitsiPeer peer = new JitsiPeer(suite, random(suite), ours);
        try (SrtpSession s = session(suite, random(suite), ours)) {
            byte[] plain = RtpPackets.rtp(0, false, 9, 9, 9, payload(9));
            ByteBuf exact = PooledByteBufAllocator.DEFAULT.heapBuffer(plain.length, plain.length + 64).writeBytes(plain);
            assertEquals(DropReason.NONE, s.protectRtp(exact));
            assertArrayEquals(plain, peer.unprotectRtp(drain(exact)));
        }
    }

    @Test
    void packetsLargerThanTheScratchArrayStillRoundTrip() throws Exception {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        byte[] ours = random(suite);
        byte[] theirs = random(suite);
        JitsiPeer peer = new JitsiPeer(suite, theirs, ours);
        try (SrtpSession s = session(suite, theirs, ours)) {
            byte[] big = RtpPackets.rtp(0, false, 1, 0, 3, new byte[4000]);
            big[3000] = 42;
            ByteBuf in = direct(peer.protectRtp(big));
            assertEquals(DropReason.NONE, s.unprotectRtp(in));
            assertArrayEquals(big, drain(in));
            ByteBuf out = direct(big);
            assertEquals(DropReason.NONE, s.protectRtp(out));
            assertArrayEquals(big, peer.unprotectRtp(drain(out)));
        }
    }

    @Test
    void aFixedSizeBufferThatCannotTakeTheTagIsDroppedNotOverrun() {
        try (SrtpSession s = session(SrtpSuite.AES_CM_128_HMAC_SHA1_80, KAT_KEY, KAT_KEY)) {
            ByteBuf fixed = Unpooled.wrappedBuffer(KAT_RTP.clone());
            assertEquals(DropReason.SRTP_INVALID, s.protectRtp(fixed));
            assertEquals(KAT_RTP.length, fixed.readableBytes());
            fixed.release();
        }
    }

    @Test
    void closedSessionRefusesAndKeysAreRedacted() {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey key = SrtpMasterKey.of(suite, KAT_KEY);
        String text = key.toString() + SrtpSession.open("leg-a", key, key);
        assertFalse(text.contains(java.util.Base64.getEncoder().encodeToString(KAT_KEY)));
        assertFalse(text.toLowerCase().contains("e1f97a0d"));
        SrtpSession s = SrtpSession.open("leg-a", key, key);
        key.close();
        assertTrue(key.isClosed());
        s.close();
        ByteBuf b = heap(KAT_RTP);
        assertEquals(DropReason.SRTP_CLOSED, s.protectRtp(b));
        assertArrayEquals(KAT_RTP, drain(b), "never sent in the clear by mistake: the caller drops it");
        assertNotEquals(0, SrtpSession.MAX_SSRCS);
    }
}
