package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {
    private static final Connection LOCAL = Connection.ip4("203.0.113.100");
    private static final MediaCapabilities CAPS = MediaCapabilities.DEFAULT;

    private static SessionDescription parse(String text) throws SdpParseException {
        return SdpParser.parse(text);
    }

    private static String offer(String mediaAndAttributes) {
        return "v=0\no=- 7 7 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n" + mediaAndAttributes;
    }

    private static SessionDescription answer(SessionDescription offer) throws SdpNegotiationException {
        return OfferAnswer.answer(offer, CAPS, LOCAL, LocalPorts.of(40000, 40002, 40004));
    }

    // ------------------------------------------------------------ answer

    @Test
    void answerKeepsOffererOrderAndPayloadTypesForCommonCodecs() throws Exception {
        SessionDescription offer = parse(SdpSamples.FREESWITCH);
        SessionDescription answer = answer(offer);
        MediaDescription m = answer.media().get(0);
        assertEquals(List.of("0", "8", "101"), m.formats(), "G722, opus and CN are not supported");
        assertEquals(40000, m.port());
        assertEquals("RTP/AVP", m.proto());
        assertEquals(Optional.of(LOCAL), answer.connection());
        assertEquals(List.of(new TelephoneEvent(101, 8000, EventSet.DTMF_AND_FLASH)), m.telephoneEvents());
        assertEquals(Optional.of(Direction.SENDRECV), m.direction());
        assertEquals(OptionalInt.of(20), m.ptime());
        assertFalse(m.rtcpMux(), "rtcp-mux was not offered");
        assertEquals(answer, parse(answer.encode()), "the answer is valid SDP");
    }

    @Test
    void answerPrefersTheOfferersOrder() throws Exception {
        SessionDescription answer = answer(parse(offer("m=audio 5000 RTP/AVP 8 0\n")));
        assertEquals(List.of("8", "0"), answer.media().get(0).formats());
    }

    @Test
    void dynamicPayloadTypeNumbersOfTheOffererAreKept() throws Exception {
        MediaCapabilities caps = CAPS.withCodecs(List.of(Codec.PCMU, new Codec("opus", 48000, 2)));
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 109 0 97\na=rtpmap:109 opus/48000/2\n"
                + "a=fmtp:109 useinbandfec=1\na=rtpmap:97 telephone-event/48000\na=fmtp:97 0-15\n"));
        MediaDescription m = OfferAnswer.answer(offer, caps, LOCAL, LocalPorts.of(40000)).media().get(0);
        assertEquals(List.of("109", "0", "97"), m.formats());
        assertEquals(new RtpMap(109, "opus", 48000, OptionalInt.of(2)), m.rtpMap(109).orElseThrow());
        assertEquals(Optional.of("useinbandfec=1"), m.fmtp(109), "codec parameters are echoed");
        assertEquals(List.of(new TelephoneEvent(97, 48000, EventSet.DTMF)), m.telephoneEvents(),
                "telephone-event at the clock rate of the first codec");
    }

    @Test
    void telephoneEventRangesAreIntersected() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0 96\na=rtpmap:96 telephone-event/8000\n"
                + "a=fmtp:96 0-15,66,70\n"));
        MediaDescription m = answer(offer).media().get(0);
        assertEquals(List.of(new TelephoneEvent(96, 8000, EventSet.DTMF)), m.telephoneEvents());
        assertEquals(Optional.of("0-15"), m.fmtp(96));

        MediaCapabilities flashOnly = CAPS.withTelephoneEvents(EventSet.parse("16"));
        MediaDescription none = OfferAnswer.answer(offer, flashOnly, LOCAL, LocalPorts.of(1)).media().get(0);
        assertEquals(List.of("0"), none.formats(), "no common event: telephone-event left out");
    }

    @Test
    void telephoneEventOmittedWhenNotSupported() throws Exception {
        MediaCapabilities caps = CAPS.withTelephoneEvents(null);
        MediaDescription m = OfferAnswer.answer(parse(SdpSamples.ASTERISK), caps, LOCAL, LocalPorts.of(4)).media().get(0);
        assertEquals(List.of("0", "8"), m.formats());
        assertEquals(List.of(), m.telephoneEvents());
    }

    @Test
    void telephoneEventAtAnotherClockRateIsNotAnswered() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0 110\na=rtpmap:110 telephone-event/48000\n"));
        assertEquals(List.of("0"), answer(offer).media().get(0).formats());
    }

    @Test
    void directionIsMirrored() throws Exception {
        for (Direction offered : Direction.values()) {
            SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0\na=" + offered.attributeName() + "\n"));
            assertEquals(Optional.of(offered.reverse()), answer(offer).media().get(0).direction(), offered.name());
        }
        assertEquals(Direction.RECVONLY, Direction.SENDONLY.reverse());
        assertEquals(Direction.SENDONLY, Direction.RECVONLY.reverse());
        assertEquals(Direction.INACTIVE, Direction.INACTIVE.reverse());
        assertEquals(Direction.SENDRECV, Direction.SENDRECV.reverse());
    }

    @Test
    void sessionLevelDirectionIsMirroredToo() throws Exception {
        SessionDescription offer = parse("v=0\no=- 7 7 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\n"
                + "m=audio 5000 RTP/AVP 0\n");
        assertEquals(Optional.of(Direction.RECVONLY), answer(offer).media().get(0).direction());
    }

    @Test
    void localDirectionConstrainsTheAnswer() throws Exception {
        MediaCapabilities recvOnly = CAPS.withDirection(Direction.RECVONLY);
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0\n"));
        assertEquals(Optional.of(Direction.RECVONLY),
                OfferAnswer.answer(offer, recvOnly, LOCAL, LocalPorts.of(1)).media().get(0).direction());
        SessionDescription sendOnlyOffer = parse(offer("m=audio 5000 RTP/AVP 0\na=sendonly\n"));
        assertEquals(Optional.of(Direction.RECVONLY),
                OfferAnswer.answer(sendOnlyOffer, recvOnly, LOCAL, LocalPorts.of(1)).media().get(0).direction());
        assertEquals(Optional.of(Direction.INACTIVE), OfferAnswer.answer(sendOnlyOffer,
                CAPS.withDirection(Direction.SENDONLY), LOCAL, LocalPorts.of(1)).media().get(0).direction());
    }

    @Test
    void rtcpMuxEchoedOnlyWhenOfferedAndSupported() throws Exception {
        SessionDescription muxOffer = parse(SdpSamples.BARESIP_IPV6);
        assertTrue(answer(muxOffer).media().get(0).rtcpMux());
        assertFalse(OfferAnswer.answer(muxOffer, CAPS.withRtcpMux(false), LOCAL, LocalPorts.of(1)).media().get(0).rtcpMux());
        assertFalse(answer(parse(SdpSamples.ASTERISK)).media().get(0).rtcpMux());
    }

    @Test
    void videoAndDataLinesAreRejectedWithPortZeroKeepingTheirFormats() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0\nm=video 5002 RTP/AVP 31 34\n"
                + "a=rtpmap:31 H261/90000\nm=application 5004 UDP/BFCP *\n"));
        SessionDescription answer = answer(offer);
        assertEquals(3, answer.media().size());
        MediaDescription video = answer.media().get(1);
        assertEquals("video", video.media());
        assertEquals(0, video.port());
        assertEquals(List.of("31", "34"), video.formats());
        assertEquals(List.of(), video.attributes());
        assertEquals(0, answer.media().get(2).port());
        assertEquals(List.of("*"), answer.media().get(2).formats());
        assertEquals(40000, answer.media().get(0).port());
        assertEquals(answer, parse(answer.encode()));
    }

    @Test
    void unsupportedProfileIsRejected() throws Exception {
        SessionDescription offer = parse(SdpSamples.SDES.replace("m=audio 4000", "m=audio 4000")
                + "m=audio 4010 RTP/AVP 8\n");
        SessionDescription answer = answer(offer);
        assertEquals(0, answer.media().get(0).port(), "RTP/SAVP not in the capabilities");
        assertEquals(40002, answer.media().get(1).port());
        assertEquals(List.of("8"), answer.media().get(1).formats());
    }

    @Test
    void portsAreAskedOnlyForAcceptedLines() throws Exception {
        SessionDescription offer = parse(offer("m=video 5002 RTP/AVP 31\nm=audio 5000 RTP/AVP 0\n"));
        List<Integer> asked = new java.util.ArrayList<>();
        OfferAnswer.answer(offer, CAPS, LOCAL, i -> {
            asked.add(i);
            return 50000;
        });
        assertEquals(List.of(1), asked);
    }

    @Test
    void noCommonCodecIsNotAcceptableWithAReason() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 18 101\na=rtpmap:18 G729/8000\n"
                + "a=rtpmap:101 telephone-event/8000\n"));
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> answer(offer));
        assertEquals("no common codec: offered [G729/8000, telephone-event/8000], supported [PCMU/8000, PCMA/8000]",
                e.getMessage());
    }

    @Test
    void noAcceptableLineListsEveryReason() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 18\nm=video 5002 RTP/AVP 31\nm=audio 0 RTP/AVP 0\n"));
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class, () -> answer(offer));
        assertEquals("m-line 0 (audio): no common codec: offered [G729/8000], supported [PCMU/8000, PCMA/8000]; "
                + "m-line 1 (video): media type video not supported; "
                + "m-line 2 (audio): stream disabled in the offer (port 0)", e.getMessage());
    }

    @Test
    void offerWithoutMediaIsNotAcceptable() throws Exception {
        SessionDescription offer = parse("v=0\no=- 7 7 IN IP4 192.0.2.1\ns=-\nt=0 0\n");
        assertEquals("offer has no media", assertThrows(SdpNegotiationException.class, () -> answer(offer)).getMessage());
    }

    @Test
    void comfortNoiseAloneIsNoCodec() throws Exception {
        MediaCapabilities caps = CAPS.withCodecs(List.of(Codec.PCMU, Codec.CN));
        SessionDescription cnOnly = parse(offer("m=audio 5000 RTP/AVP 13\n"));
        assertThrows(SdpNegotiationException.class, () -> OfferAnswer.answer(cnOnly, caps, LOCAL, LocalPorts.of(1)));
        SessionDescription withCn = parse(offer("m=audio 5000 RTP/AVP 13 0\n"));
        assertEquals(List.of("13", "0"), OfferAnswer.answer(withCn, caps, LOCAL, LocalPorts.of(1)).media().get(0).formats());
    }

    @Test
    void answersRealWorldOffers() throws Exception {
        for (String sample : List.of(SdpSamples.ASTERISK, SdpSamples.FREESWITCH, SdpSamples.CISCO_CUBE,
                SdpSamples.BARESIP_IPV6)) {
            SessionDescription offer = parse(sample);
            SessionDescription answer = answer(offer);
            assertEquals(offer.media().size(), answer.media().size());
            List<NegotiatedMedia> result = OfferAnswer.negotiate(offer, answer, LocalRole.ANSWERER);
            NegotiatedMedia.Accepted audio = assertInstanceOf(NegotiatedMedia.Accepted.class, result.get(0));
            assertTrue(audio.codec().isEncoding("PCMU") || audio.codec().isEncoding("PCMA"), sample);
            assertEquals(101, audio.telephoneEvent().orElseThrow().payloadType());
        }
    }

    @Test
    void webrtcAudioIsRejectedWithoutDtlsSupportButAcceptedWhenTheProfileIsAllowed() throws Exception {
        SessionDescription offer = parse(SdpSamples.WEBRTC);
        assertThrows(SdpNegotiationException.class, () -> answer(offer));
        MediaCapabilities caps = CAPS.withProtocols(List.of("UDP/TLS/RTP/SAVPF"));
        SessionDescription answer = OfferAnswer.answer(offer, caps, LOCAL, LocalPorts.of(40000));
        assertEquals(List.of("0", "8", "126"), answer.media().get(0).formats());
        assertTrue(answer.media().get(0).rtcpMux());
        assertEquals(List.of(0, 0), answer.media().subList(1, 3).stream().map(MediaDescription::port).toList());
    }

    @Test
    void answersHaveAFreshOriginAndValidSyntax() throws Exception {
        SessionDescription a1 = answer(parse(SdpSamples.ASTERISK));
        SessionDescription a2 = answer(parse(SdpSamples.ASTERISK));
        assertNotEquals(a1.origin().sessionId(), a2.origin().sessionId());
        assertEquals("IN", a1.origin().netType());
        assertEquals("203.0.113.100", a1.origin().address());
    }

    // ------------------------------------------------------------ offer

    @Test
    void createOfferFromCapabilities() throws Exception {
        SessionDescription offer = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        MediaDescription m = offer.media().get(0);
        assertEquals("RTP/AVP", m.proto());
        assertEquals(30000, m.port());
        assertEquals(List.of("0", "8", "101"), m.formats());
        assertEquals(List.of(new TelephoneEvent(101, 8000, EventSet.DTMF_AND_FLASH)), m.telephoneEvents());
        assertEquals(Optional.of("0-16"), m.fmtp(101));
        assertTrue(m.rtcpMux());
        assertEquals(OptionalInt.of(20), m.ptime());
        assertEquals(Optional.of(Direction.SENDRECV), m.direction());
        assertEquals(offer, parse(offer.encode()));
    }

    @Test
    void createOfferAssignsDynamicTypesAndOneTelephoneEventPerClockRate() throws Exception {
        MediaCapabilities caps = CAPS.withCodecs(List.of(new Codec("opus", 48000, 2), Codec.G722, Codec.PCMA,
                new Codec("L16", 16000, 1)));
        MediaDescription m = OfferAnswer.createOffer(caps, LOCAL, 30000).media().get(0);
        assertEquals(List.of("96", "9", "8", "97", "101", "98", "99"), m.formats());
        assertEquals(List.of(new TelephoneEvent(101, 48000, EventSet.DTMF_AND_FLASH),
                new TelephoneEvent(98, 8000, EventSet.DTMF_AND_FLASH),
                new TelephoneEvent(99, 16000, EventSet.DTMF_AND_FLASH)), m.telephoneEvents());
    }

    @Test
    void createOfferRestrictedToTheOtherLegsOffer() throws Exception {
        SessionDescription legA = parse(offer("m=audio 5000 RTP/AVP 8 18 100\na=rtpmap:100 telephone-event/8000\n"
                + "a=fmtp:100 0-15\n"));
        SessionDescription legB = OfferAnswer.createOffer(CAPS, LOCAL, 30000, legA);
        MediaDescription m = legB.media().get(0);
        assertEquals(List.of("8", "100"), m.formats(), "PCMU not offered by A; PT 100 kept");
        assertEquals(List.of(new TelephoneEvent(100, 8000, EventSet.DTMF)), m.telephoneEvents());

        SessionDescription g729Only = parse(offer("m=audio 5000 RTP/AVP 18\n"));
        assertThrows(SdpNegotiationException.class, () -> OfferAnswer.createOffer(CAPS, LOCAL, 30000, g729Only));
        SessionDescription videoOnly = parse(offer("m=video 5000 RTP/AVP 31\n"));
        assertEquals("other leg offers no RTP audio", assertThrows(SdpNegotiationException.class,
                () -> OfferAnswer.createOffer(CAPS, LOCAL, 30000, videoOnly)).getMessage());
    }

    @Test
    void reofferKeepsSessionIdAndIncrementsVersion() throws Exception {
        SessionDescription first = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        SessionDescription hold = first.withMedia(0, first.media().get(0).withDirection(Direction.SENDONLY)).nextVersion();
        assertEquals(first.origin().sessionId(), hold.origin().sessionId());
        assertEquals(first.origin().sessionVersion().add(java.math.BigInteger.ONE), hold.origin().sessionVersion());

        SessionDescription fresh = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        assertEquals(first, fresh.asSuccessorOf(first), "unchanged: same version (RFC 3264 §8)");
        SessionDescription moved = OfferAnswer.createOffer(CAPS, LOCAL, 30002).asSuccessorOf(first);
        assertEquals(first.origin().sessionId(), moved.origin().sessionId());
        assertEquals(first.origin().nextVersion(), moved.origin());
    }

    // ------------------------------------------------------------ negotiate

    @Test
    void negotiateAsOffererUsesTheAnswerersAddressesAndPayloadTypes() throws Exception {
        SessionDescription offer = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        SessionDescription answer = parse("v=0\no=- 9 9 IN IP4 198.51.100.5\ns=-\nc=IN IP4 198.51.100.5\nt=0 0\n"
                + "m=audio 7000 RTP/AVP 8 101\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15\na=ptime:30\n");
        NegotiatedMedia.Accepted media = assertInstanceOf(NegotiatedMedia.Accepted.class,
                OfferAnswer.negotiate(offer, answer, LocalRole.OFFERER).get(0));
        assertEquals(new RtpMap(8, "PCMA", 8000), media.codec());
        assertEquals(Optional.of(new TelephoneEvent(101, 8000, EventSet.DTMF)), media.telephoneEvent());
        assertEquals(new TransportAddress("198.51.100.5", 7000), media.remoteRtp());
        assertEquals(new TransportAddress("198.51.100.5", 7001), media.remoteRtcp());
        assertFalse(media.rtcpMux());
        assertEquals(Direction.SENDRECV, media.direction());
        assertEquals(OptionalInt.of(30), media.ptime());
        assertEquals(0, media.index());
        assertEquals("audio", media.mediaType());
    }

    @Test
    void negotiateAsAnswererUsesTheOfferersSide() throws Exception {
        SessionDescription offer = parse(SdpSamples.FREESWITCH);
        SessionDescription answer = answer(offer);
        NegotiatedMedia.Accepted media = assertInstanceOf(NegotiatedMedia.Accepted.class,
                OfferAnswer.negotiate(offer, answer, LocalRole.ANSWERER).get(0));
        assertEquals(new RtpMap(0, "PCMU", 8000), media.codec());
        assertEquals(new TransportAddress("192.0.2.10", 16384), media.remoteRtp());
        assertEquals(new TransportAddress("192.0.2.10", 16385), media.remoteRtcp(), "from a=rtcp");
        assertEquals(OptionalInt.of(20), media.ptime());
    }

    @Test
    void negotiatedDynamicPayloadTypesFollowTheRemoteSide() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0 100\na=rtpmap:100 telephone-event/8000\n"));
        SessionDescription answer = parse("v=0\no=- 9 9 IN IP4 198.51.100.5\ns=-\nc=IN IP4 198.51.100.5\nt=0 0\n"
                + "m=audio 7000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n");
        NegotiatedMedia.Accepted asOfferer = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer, answer,
                LocalRole.OFFERER).get(0);
        assertEquals(101, asOfferer.telephoneEvent().orElseThrow().payloadType());
        NegotiatedMedia.Accepted asAnswerer = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer, answer,
                LocalRole.ANSWERER).get(0);
        assertEquals(100, asAnswerer.telephoneEvent().orElseThrow().payloadType());
        assertEquals(new TransportAddress("192.0.2.1", 5000), asAnswerer.remoteRtp());
    }

    @Test
    void rtcpMuxAndRtcpAttributeDecideTheRtcpAddress() throws Exception {
        SessionDescription offer = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        String head = "v=0\no=- 9 9 IN IP4 198.51.100.5\ns=-\nc=IN IP4 198.51.100.5\nt=0 0\nm=audio 7000 RTP/AVP 0\n";
        NegotiatedMedia.Accepted mux = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer,
                parse(head + "a=rtcp-mux\n"), LocalRole.OFFERER).get(0);
        assertTrue(mux.rtcpMux());
        assertEquals(mux.remoteRtp(), mux.remoteRtcp());
        NegotiatedMedia.Accepted rtcp = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer,
                parse(head + "a=rtcp:7005 IN IP4 198.51.100.6\n"), LocalRole.OFFERER).get(0);
        assertEquals(new TransportAddress("198.51.100.6", 7005), rtcp.remoteRtcp());
        NegotiatedMedia.Accepted portOnly = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer,
                parse(head + "a=rtcp:7009\n"), LocalRole.OFFERER).get(0);
        assertEquals(new TransportAddress("198.51.100.5", 7009), portOnly.remoteRtcp());
    }

    @Test
    void negotiateReportsRejectedLines() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0\nm=video 5002 RTP/AVP 31\n"));
        SessionDescription answer = answer(offer);
        List<NegotiatedMedia> result = OfferAnswer.negotiate(offer, answer, LocalRole.ANSWERER);
        assertInstanceOf(NegotiatedMedia.Accepted.class, result.get(0));
        assertEquals(new NegotiatedMedia.Rejected(1, "video", "rejected by the answerer"), result.get(1));
    }

    @Test
    void answersInconsistentWithTheOfferAreRejected() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n"
                + "a=sendonly\n"));
        String head = "v=0\no=- 9 9 IN IP4 198.51.100.5\ns=-\nc=IN IP4 198.51.100.5\nt=0 0\n";
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 0\nm=audio 7002 RTP/AVP 0\n",
                "answer has 2 m-lines, offer has 1");
        assertInconsistent(offer, head + "m=video 7000 RTP/AVP 0\n", "m-line 0: answer media video does not match offer audio");
        assertInconsistent(offer, head + "m=audio 7000 RTP/SAVP 0\na=recvonly\n",
                "m-line 0: answer transport RTP/SAVP differs from offer RTP/AVP");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 8\na=recvonly\n", "m-line 0: answer format PCMA/8000 was not offered");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 96\na=rtpmap:96 opus/48000/2\na=recvonly\n",
                "answer format opus/48000/2 was not offered");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 97\na=recvonly\n", "answer payload type 97 has no rtpmap");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 101\na=rtpmap:101 telephone-event/8000\na=recvonly\n",
                "m-line 0: answer selects no audio codec");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 0\n",
                "m-line 0: answer direction sendrecv does not fit offer direction sendonly");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 0\na=sendonly\n", "does not fit offer direction sendonly");
        assertInconsistent(offer, head + "m=audio 7000 RTP/AVP 0\na=recvonly\na=rtcp-mux\n",
                "m-line 0: answer has rtcp-mux but the offer did not");
        SessionDescription disabled = parse(offer("m=audio 0 RTP/AVP 0\n"));
        assertInconsistent(disabled, head + "m=audio 7000 RTP/AVP 0\n", "answer accepts a stream the offer disabled");
    }

    private static void assertInconsistent(SessionDescription offer, String answer, String reason) throws Exception {
        SessionDescription a = parse(answer);
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class,
                () -> OfferAnswer.negotiate(offer, a, LocalRole.OFFERER));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void answerMayBeStricterInDirection() throws Exception {
        SessionDescription offer = parse(offer("m=audio 5000 RTP/AVP 0\na=sendonly\n"));
        SessionDescription answer = parse("v=0\no=- 9 9 IN IP4 198.51.100.5\ns=-\nc=IN IP4 198.51.100.5\nt=0 0\n"
                + "m=audio 7000 RTP/AVP 0\na=inactive\n");
        NegotiatedMedia.Accepted m = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(offer, answer, LocalRole.OFFERER).get(0);
        assertEquals(Direction.INACTIVE, m.direction());
    }

    // ------------------------------------------------------------ hold

    @Test
    void holdIsRecognisedByDirectionOrZeroAddress() throws Exception {
        assertTrue(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\na=sendonly\n"))));
        assertTrue(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\na=inactive\n"))));
        assertTrue(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\n").replace("c=IN IP4 192.0.2.1", "c=IN IP4 0.0.0.0"))));
        assertTrue(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\nc=IN IP6 ::\n").replace("c=IN IP4 192.0.2.1\n", ""))));
        assertTrue(OfferAnswer.isHold(parse(
                "v=0\no=- 7 7 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\nm=audio 5000 RTP/AVP 0\n")));
        assertFalse(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\n"))));
        assertFalse(OfferAnswer.isHold(parse(offer("m=audio 5000 RTP/AVP 0\na=recvonly\n"))));
        assertFalse(OfferAnswer.isHold(parse(SdpSamples.WEBRTC)), "0.0.0.0 with ICE is not hold");
        assertFalse(OfferAnswer.isHold(parse(offer("m=audio 0 RTP/AVP 0\n"))), "nothing active");
    }

    @Test
    void holdWithZeroAddressIsAnsweredWithoutSendingAndNegotiatedAsNotSending() throws Exception {
        SessionDescription hold = parse(offer("m=audio 5000 RTP/AVP 0\n").replace("c=IN IP4 192.0.2.1", "c=IN IP4 0.0.0.0"));
        SessionDescription answer = answer(hold);
        assertEquals(Optional.of(Direction.RECVONLY), answer.media().get(0).direction());
        NegotiatedMedia.Accepted m = (NegotiatedMedia.Accepted) OfferAnswer.negotiate(hold, answer, LocalRole.ANSWERER).get(0);
        assertFalse(m.direction().sends(), "nothing is sent to 0.0.0.0");
        assertEquals(new TransportAddress("0.0.0.0", 5000), m.remoteRtp());
    }

    @Test
    void holdAndResumeRoundTripThroughTheModel() throws Exception {
        SessionDescription offer = OfferAnswer.createOffer(CAPS, LOCAL, 30000);
        SessionDescription hold = offer.withMedia(0, offer.media().get(0).withDirection(Direction.SENDONLY)).nextVersion();
        assertTrue(OfferAnswer.isHold(hold));
        assertEquals(1, hold.media().get(0).attributes().stream().filter(a -> a instanceof DirectionAttribute).count());
        SessionDescription resume = hold.withMedia(0, hold.media().get(0).withDirection(Direction.SENDRECV)).nextVersion();
        assertFalse(OfferAnswer.isHold(resume));
        assertEquals(offer.origin().sessionVersion().add(java.math.BigInteger.TWO), resume.origin().sessionVersion());
    }
}
