package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SdpParserTest {

    private static SessionDescription parse(String lf) throws SdpParseException {
        return SdpParser.parse(SdpSamples.crlf(lf));
    }

    @Test
    void asteriskOffer() throws Exception {
        SessionDescription sdp = parse(SdpSamples.ASTERISK);
        assertEquals(new Origin("-", BigInteger.valueOf(1724131551L), BigInteger.valueOf(1724131553L), "IN", "IP4",
                "10.0.0.5"), sdp.origin());
        assertEquals("Asterisk", sdp.sessionName());
        assertEquals(Optional.of(Connection.ip4("10.0.0.5")), sdp.connection());
        assertEquals(List.of(Timing.UNBOUNDED), sdp.timings());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(14376, audio.port());
        assertEquals("RTP/AVP", audio.proto());
        assertEquals(List.of("0", "8", "3", "101"), audio.formats());
        assertEquals(List.of(0, 8, 3, 101), audio.payloadTypes());
        assertEquals("GSM/8000", audio.rtpMap(3).orElseThrow().encoding());
        assertEquals(List.of(new TelephoneEvent(101, 8000, EventSet.DTMF_AND_FLASH)), audio.telephoneEvents());
        assertEquals(OptionalInt.of(20), audio.ptime());
        assertEquals(OptionalInt.of(150), audio.maxptime());
        assertEquals(Optional.of(Direction.SENDRECV), audio.direction());
        assertEquals(Direction.SENDRECV, sdp.direction(audio));
        assertFalse(audio.rtcpMux());
    }

    @Test
    void freeswitchOfferWithOpusAndRtcpAttribute() throws Exception {
        SessionDescription sdp = parse(SdpSamples.FREESWITCH);
        MediaDescription audio = sdp.media().get(0);
        RtpMap opus = audio.rtpMap(102).orElseThrow();
        assertEquals("opus", opus.encodingName());
        assertEquals(48000, opus.clockRate());
        assertEquals(2, opus.channelCount());
        assertTrue(audio.fmtp(102).orElseThrow().startsWith("useinbandfec=1; maxaveragebitrate=30000"));
        assertEquals(new RtcpAttribute(16385, Optional.of(Connection.ip4("192.0.2.10"))), audio.rtcp().orElseThrow());
        assertEquals(Direction.SENDRECV, sdp.direction(audio), "no direction attribute means sendrecv");
        assertEquals(Optional.empty(), audio.direction());
        assertTrue(audio.rtpMap(13).orElseThrow().isComfortNoise());
    }

    @Test
    void ciscoCubeMediaLevelConnectionOverridesSession() throws Exception {
        SessionDescription sdp = parse(SdpSamples.CISCO_CUBE);
        MediaDescription audio = sdp.media().get(0);
        assertEquals("SIP Call", sdp.sessionName());
        assertEquals(Optional.of(Connection.ip4("198.51.100.21")), sdp.connection(audio));
        assertEquals(Optional.of("annexb=no"), audio.fmtp(18));
        assertEquals(List.of(new TelephoneEvent(101, 8000, EventSet.DTMF)), audio.telephoneEvents());
        assertEquals(new RtpMap(19, "CN", 8000), audio.rtpMap(19).orElseThrow());
    }

    @Test
    void baresipOverIpv6WithRtcpMuxAndUnknownAttributes() throws Exception {
        SessionDescription sdp = parse(SdpSamples.BARESIP_IPV6);
        assertEquals(Connection.ip6("2001:db8::42"), sdp.connection().orElseThrow());
        assertEquals(List.of(new GenericAttribute("tool", Optional.of("baresip 1.0.0"))), sdp.attributes());
        MediaDescription audio = sdp.media().get(0);
        assertEquals(List.of(new Bandwidth("AS", 64)), audio.bandwidths());
        assertTrue(audio.rtcpMux());
        assertEquals(List.of("rtpmap", "fmtp", "rtpmap", "rtpmap", "fmtp", "sendrecv", "label", "ssrc", "rtcp-rsize",
                "rtcp-mux"), audio.attributes().stream().map(Attribute::name).toList(), "attributes in order");
        assertEquals(new GenericAttribute("rtcp-mux", Optional.empty()), audio.attributes("rtcp-mux").get(0));
    }

    @Test
    void webrtcOfferWithFingerprintSetupAndIce() throws Exception {
        SessionDescription sdp = parse(SdpSamples.WEBRTC);
        assertEquals(new BigInteger("4611731400430051336"), sdp.origin().sessionId());
        assertEquals(3, sdp.media().size());
        assertEquals(Optional.of(" WMS stream1"), sdp.attributes("msid-semantic").get(0).value(),
                "unknown attribute values are kept verbatim");
        MediaDescription audio = sdp.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertTrue(audio.isRtp());
        assertEquals(List.of(new Fingerprint("sha-256", SdpSamples.FINGERPRINT)), audio.fingerprints());
        assertEquals(32, audio.fingerprints().get(0).bytes().length);
        assertEquals(Optional.of(SetupRole.ACTPASS), audio.setup());
        assertEquals(List.of(new TelephoneEvent(110, 48000, EventSet.DTMF), new TelephoneEvent(126, 8000, EventSet.DTMF)),
                audio.telephoneEvents());
        MediaDescription video = sdp.media().get(1);
        assertEquals(Direction.RECVONLY, sdp.direction(video));
        MediaDescription data = sdp.media().get(2);
        assertFalse(data.isRtp());
        assertEquals(List.of("webrtc-datachannel"), data.formats());
        assertEquals(List.of(), data.payloadTypes());
        assertEquals(SdpSamples.FINGERPRINT.length(), sdp.fingerprints(data).get(0).fingerprint().length());
    }

    @Test
    void sdesWithTwoSuites() throws Exception {
        SessionDescription sdp = parse(SdpSamples.SDES);
        MediaDescription audio = sdp.media().get(0);
        List<Crypto> crypto = audio.crypto();
        assertEquals(2, crypto.size());
        assertEquals(1, crypto.get(0).tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", crypto.get(0).suite());
        CryptoKey key = crypto.get(0).keys().get(0);
        assertEquals("inline", key.method());
        assertEquals(SdpSamples.KEY_1, key.keySalt());
        assertEquals(Optional.of("2^20"), key.lifetime());
        assertEquals(Optional.of("1:32"), key.mki());
        assertEquals(30, key.decodeKeySalt().length);
        assertEquals(List.of("UNENCRYPTED_SRTCP"), crypto.get(1).sessionParams());
    }

    @Test
    void cryptoKeysNeverAppearInToString() throws Exception {
        SessionDescription sdp = parse(SdpSamples.SDES);
        for (String text : List.of(sdp.toString(), sdp.media().get(0).toString(),
                sdp.media().get(0).crypto().toString(), sdp.media().get(0).attributes().toString())) {
            assertFalse(text.contains(SdpSamples.KEY_1), text);
            assertFalse(text.contains(SdpSamples.KEY_2), text);
        }
        assertTrue(sdp.toString().contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^20|1:32"));
        assertTrue(sdp.encode().contains(SdpSamples.KEY_1), "the wire form keeps the key");
    }

    @Test
    void acceptsBareLfAndCrlfAlike() throws Exception {
        for (String sample : SdpSamples.ALL) {
            assertEquals(SdpParser.parse(sample), SdpParser.parse(SdpSamples.crlf(sample)));
        }
    }

    @Test
    void acceptsMissingFinalLineEndAndTrailingBlankLines() throws Exception {
        String minimal = SdpSamples.MINIMAL;
        SessionDescription expected = SdpParser.parse(minimal);
        assertEquals(expected, SdpParser.parse(minimal.stripTrailing()));
        assertEquals(expected, SdpParser.parse(minimal + "\r\n\r\n"));
    }

    @Test
    void staticPayloadTypesNeedNoRtpmap() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 0 8 9 18 13 96\n");
        MediaDescription m = sdp.media().get(0);
        assertEquals(new RtpMap(0, "PCMU", 8000), m.rtpMap(0).orElseThrow());
        assertEquals(new RtpMap(8, "PCMA", 8000), m.rtpMap(8).orElseThrow());
        assertEquals("G722/8000", m.rtpMap(9).orElseThrow().encoding());
        assertEquals("G729/8000", m.rtpMap(18).orElseThrow().encoding());
        assertEquals(Optional.empty(), m.rtpMap(96), "dynamic without rtpmap is unknown");
        assertEquals(5, m.rtpMaps().size());
        assertEquals(List.of(), m.telephoneEvents());
    }

    @Test
    void telephoneEventWithoutFmtpMeansZeroToFifteen() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n");
        assertEquals(List.of(new TelephoneEvent(101, 8000, EventSet.DTMF)), sdp.media().get(0).telephoneEvents());
    }

    @Test
    void telephoneEventListsWithSingleEvents() throws Exception {
        SessionDescription sdp = SdpParser.parse(SdpSamples.MINIMAL.replace("0-16", "0-15,66,70"));
        EventSet events = sdp.media().get(0).telephoneEvents().get(0).events();
        assertEquals("0-15,66,70", events.toString());
        assertEquals(18, events.size());
        assertTrue(events.contains(66));
        assertFalse(events.contains(16));
    }

    @Test
    void sessionLevelDirectionAppliesUnlessMediaOverrides() throws Exception {
        String text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\n"
                + "m=audio 4000 RTP/AVP 0\nm=audio 4002 RTP/AVP 0\na=inactive\n";
        SessionDescription sdp = SdpParser.parse(text);
        assertEquals(Optional.of(Direction.SENDONLY), sdp.direction());
        assertEquals(Direction.SENDONLY, sdp.direction(sdp.media().get(0)));
        assertEquals(Direction.INACTIVE, sdp.direction(sdp.media().get(1)));
    }

    @Test
    void rejectedStreamNeedsNoConnection() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n"
                + "m=video 0 RTP/AVP 31\n");
        assertTrue(sdp.media().get(0).isRejected());
    }

    @Test
    void sessionLevelOptionalLinesInAnyOrderAfterTheHeader() throws Exception {
        String text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=Call\ni=info\nu=http://example.com/x\ne=a@example.com\n"
                + "p=+1 555 0100\nc=IN IP4 host.example.com\nb=CT:128\nt=3034423619 3042462419\nr=7d 1h 0 25h\n"
                + "t=0 0\nz=2882844526 -1h 2898848070 0\nk=prompt\na=recvonly\nm=audio 4000/2 RTP/AVP 0\n"
                + "i=audio\nb=AS:64\nk=prompt\na=ptime:30\n";
        SessionDescription sdp = SdpParser.parse(text);
        assertEquals(Optional.of("info"), sdp.information());
        assertEquals(List.of("a@example.com"), sdp.emails());
        assertEquals(Connection.ip4("host.example.com"), sdp.connection().orElseThrow());
        assertEquals(List.of("7d 1h 0 25h"), sdp.timings().get(0).repeats());
        assertEquals(2, sdp.timings().size());
        assertEquals(OptionalInt.of(2), sdp.media().get(0).portCount());
        assertEquals(Optional.of("prompt"), sdp.media().get(0).encryptionKey());
        assertFalse(sdp.toString().contains("k=prompt"), "k= is redacted in toString");
    }
}
