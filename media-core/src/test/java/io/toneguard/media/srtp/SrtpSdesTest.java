package io.toneguard.media.srtp;

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
import io.toneguard.media.sdp.Attribute;
import io.toneguard.media.sdp.Connection;
import io.toneguard.media.sdp.Crypto;
import io.toneguard.media.sdp.LocalPorts;
import io.toneguard.media.sdp.MediaCapabilities;
import io.toneguard.media.sdp.MediaDescription;
import io.toneguard.media.sdp.OfferAnswer;
import io.toneguard.media.sdp.SdpNegotiationException;
import io.toneguard.media.sdp.SdpParser;
import io.toneguard.media.sdp.SdpWriter;
import io.toneguard.media.sdp.SessionDescription;
import io.toneguard.media.testing.RtpPackets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SDES (RFC 4568): a=crypto lines to keys and back, rejections, and offer/answer between two ToneGuard ends. */
class SrtpSdesTest {
    /** 30 bytes "0123456789abcdefghijklmnopqrst" in base64: a recognisable key. */
    private static final String KEY30 = Base64.getEncoder().encodeToString("0123456789abcdefghijklmnopqrst".getBytes());
    private static final Connection LOCAL = Connection.ip4("192.0.2.1");

    private static Crypto line(String value) {
        return (Crypto) Attribute.of("crypto", value);
    }

    private static void assertKeyFree(String message) {
        assertFalse(message.contains(KEY30), message);
        assertFalse(message.contains(KEY30.substring(0, 12)), message);
        assertFalse(message.contains("0123456789abcdef"), message);
    }

    @Test
    void parsesAnInlineKeyIntoKeyAndSalt() {
        try (SrtpMasterKey k = Sdes.key(line("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20 WSH=64"))) {
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, k.suite());
            assertArrayEquals("0123456789abcdefghijklmnopqrst".getBytes(), k.keyThenSalt());
            assertEquals("0123456789abcdef", new String(k.key()));
            assertEquals("ghijklmnopqrst", new String(k.salt()));
            assertKeyFree(k.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpSuite.class)
    void writesAndReadsBackEverySuite(SrtpSuite suite) {
        try (SrtpMasterKey k = SrtpMasterKey.generate(suite)) {
            Crypto c = Sdes.crypto(5, k);
            String text = c.encode();
            assertTrue(text.startsWith("crypto:5 " + suite.sdesName() + " inline:"), text);
            assertFalse(c.toString().contains(c.keys().get(0).keySalt()), "record toString redacts the key");
            try (SrtpMasterKey back = Sdes.key(line(c.value().orElseThrow()))) {
                assertArrayEquals(k.keyThenSalt(), back.keyThenSalt());
                assertEquals(suite, back.suite());
            }
        }
    }

    @Test
    void freshKeysDiffer() {
        try (SrtpMasterKey a = SrtpMasterKey.generate(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
                SrtpMasterKey b = SrtpMasterKey.generate(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
            assertFalse(java.util.Arrays.equals(a.keyThenSalt(), b.keyThenSalt()));
        }
    }

    @Test
    void rejectsWhatJitsiCannotDoWithKeyFreeMessages() {
        List<String> bad = List.of(
                "1 F8_128_HMAC_SHA1_80 inline:" + KEY30,
                "1 FUTURE_SUITE inline:" + KEY30,
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20|1:4",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1:4;inline:" + KEY30 + "|2:4",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " UNENCRYPTED_SRTP",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " KDR=3",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " FEC_ORDER=SRTP_FEC");
        List<String> why = List.of("suite F8_128_HMAC_SHA1_80 is not supported", "suite FUTURE_SUITE is not supported",
                "MKI is not supported", "several keys", "UNENCRYPTED_SRTP is not supported",
                "parameter KDR is not supported", "parameter FEC_ORDER is not supported");
        for (int i = 0; i < bad.size(); i++) {
            Crypto c = line(bad.get(i));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdes.key(c), bad.get(i));
            assertTrue(e.getMessage().contains(why.get(i)), e.getMessage());
            assertKeyFree(e.getMessage());
        }
        try (SrtpMasterKey k = Sdes.key(line("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY30 + " KDR=0 WSH=128"))) {
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, k.suite());
        }
    }

    @Test
    void rejectsWrongLengthsAndBadBase64WithoutQuotingThem() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> line("1 AEAD_AES_256_GCM inline:" + KEY30));
        assertTrue(len.getMessage().contains("key length"), len.getMessage());
        assertKeyFree(len.getMessage());
        IllegalArgumentException b64 = assertThrows(IllegalArgumentException.class,
                () -> line("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30.substring(0, 20) + "!!" + KEY30.substring(22)));
        assertTrue(b64.getMessage().contains("base64"), b64.getMessage());
        assertKeyFree(b64.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> SrtpMasterKey.of(SrtpSuite.AEAD_AES_128_GCM, "0123456789abcdefghijklmnopqrst".getBytes()));
        assertEquals("master key and salt for AEAD_AES_128_GCM must be 28 bytes, got 30", direct.getMessage());
    }

    @Test
    void answerPicksTheFirstUsableOfferedLineAndAnswersWithItsOwnKey() throws Exception {
        MediaDescription offered = MediaDescription.builder("audio", 4000, "RTP/SAVP").format("0")
                .attribute(line("1 F8_128_HMAC_SHA1_80 inline:" + KEY30))
                .attribute(line("2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20|1:4"))
                .attribute(line("3 AES_CM_128_HMAC_SHA1_32 inline:" + KEY30))
                .attribute(line("4 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30))
                .build();
        try (SdesKeys keys = Sdes.answer(offered, SdesPolicy.DEFAULT)) {
            assertEquals(3, keys.tag());
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, keys.suite());
            Crypto mine = keys.localCrypto();
            assertEquals(3, mine.tag());
            assertEquals("AES_CM_128_HMAC_SHA1_32", mine.suite());
            assertNotEquals(KEY30, mine.keys().get(0).keySalt(), "never echoes the peer's key");
            MediaDescription answered = keys.applyTo(MediaDescription.builder("audio", 5000, "RTP/SAVP").format("0").build());
            assertEquals(List.of(mine), answered.crypto());
            assertKeyFree(keys.toString());
        }
        SdesPolicy only128gcm = SdesPolicy.of(SrtpSuite.AEAD_AES_128_GCM);
        SdpNegotiationException none = assertThrows(SdpNegotiationException.class, () -> Sdes.answer(offered, only128gcm));
        assertTrue(none.getMessage().startsWith("no usable a=crypto: tag 1: suite F8_128_HMAC_SHA1_80 not accepted"),
                none.getMessage());
        assertKeyFree(none.getMessage());
        assertThrows(SdpNegotiationException.class, () -> Sdes.answer(
                MediaDescription.builder("audio", 4000, "RTP/SAVP").format("0").build(), SdesPolicy.DEFAULT));
    }

    @Test
    void offerAndAnswerBetweenTwoEndsGiveWorkingSessions() throws Exception {
        SessionDescription plainOffer = OfferAnswer.createOffer(MediaCapabilities.DEFAULT, LOCAL, 4000);
        try (SdesOffer offer = Sdes.offer(SdesPolicy.DEFAULT)) {
            MediaDescription offeredLine = offer.applyTo(plainOffer.media().get(0));
            assertEquals("RTP/SAVP", offeredLine.proto());
            assertTrue(offeredLine.isSecureRtp());
            assertEquals(2, offeredLine.crypto().size());
            SessionDescription offerSdp = SdpParser.parse(SdpWriter.write(
                    plainOffer.toBuilder().media(List.of(offeredLine)).build()));

            // the answering end: plain offer/answer accepts RTP/SAVP, SDES adds the keys
            MediaCapabilities savp = MediaCapabilities.DEFAULT.withProtocols(List.of("RTP/AVP", "RTP/SAVP"));
            SessionDescription plainAnswer = OfferAnswer.answer(offerSdp, savp, Connection.ip4("192.0.2.2"),
                    LocalPorts.of(5000));
            try (SdesKeys answerer = Sdes.answer(offerSdp.media().get(0), SdesPolicy.DEFAULT)) {
                MediaDescription answeredLine = answerer.applyTo(plainAnswer.media().get(0));
                SessionDescription answerSdp = SdpParser.parse(SdpWriter.write(
                        plainAnswer.toBuilder().media(List.of(answeredLine)).build()));
                assertEquals(1, OfferAnswer.negotiate(offerSdp, answerSdp,
                        io.toneguard.media.sdp.LocalRole.OFFERER).size());
                assertFalse(SdpWriter.write(answerSdp, true).contains(answeredLine.crypto().get(0).keys().get(0).keySalt()),
                        "the redacted SDP hides keys");

                try (SdesKeys offerer = offer.accept(answerSdp.media().get(0));
                        SrtpSession a = offerer.openSession("offerer");
                        SrtpSession b = answerer.openSession("answerer")) {
                    assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_80, offerer.suite());
                    assertEquals(1, offerer.tag());
                    byte[] plain = RtpPackets.rtp(0, true, 1, 160, 99, new byte[160]);
                    ByteBuf p = Unpooled.buffer(plain.length).writeBytes(plain);
                    assertEquals(DropReason.NONE, a.protectRtp(p));
                    assertEquals(DropReason.NONE, b.unprotectRtp(p));
                    assertArrayEquals(plain, ByteBufUtil.getBytes(p));
                    ByteBuf q = Unpooled.buffer(plain.length).writeBytes(plain);
                    assertEquals(DropReason.NONE, b.protectRtp(q));
                    assertEquals(DropReason.NONE, a.unprotectRtp(q));
                    assertArrayEquals(plain, ByteBufUtil.getBytes(q));
                    p.release();
                    q.release();
                }
            }
        }
    }

    @Test
    void offererRefusesAnswersThatDoNotFit() {
        try (SdesOffer offer = Sdes.offer(SdesPolicy.DEFAULT)) {
            MediaDescription base = MediaDescription.builder("audio", 5000, "RTP/SAVP").format("0").build();
            assertThrows(SdpNegotiationException.class, () -> offer.accept(base), "no crypto");
            SdpNegotiationException tag = assertThrows(SdpNegotiationException.class, () -> offer.accept(
                    base.withAttribute(line("9 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30))));
            assertEquals("answer a=crypto tag 9 was not offered", tag.getMessage());
            SdpNegotiationException suite = assertThrows(SdpNegotiationException.class, () -> offer.accept(
                    base.withAttribute(line("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY30))));
            assertTrue(suite.getMessage().contains("has suite AES_CM_128_HMAC_SHA1_32"), suite.getMessage());
            assertThrows(SdpNegotiationException.class, () -> offer.accept(base
                    .withAttribute(line("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30))
                    .withAttribute(line("2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY30))), "two answers");
            assertKeyFree(suite.getMessage());
        }
    }

    @Test
    void secureProfileMapping() {
        assertEquals("RTP/SAVP", Sdes.secureProfile("RTP/AVP"));
        assertEquals("RTP/SAVPF", Sdes.secureProfile("RTP/AVPF"));
        assertEquals("RTP/SAVP", Sdes.secureProfile("RTP/SAVP"));
    }
}
