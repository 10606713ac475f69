package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdpModelTest {

    @Test
    void b2buaRewritesConnectionPortAndFormats() throws Exception {
        SessionDescription remote = SdpParser.parse(SdpSamples.CISCO_CUBE);
        Connection ours = Connection.ip4("203.0.113.100");
        MediaDescription audio = remote.media().get(0).withoutConnection().withPort(40000).withFormats(List.of("0", "101"));
        SessionDescription anchored = remote.withConnection(ours).withMedia(0, audio).nextVersion();

        MediaDescription m = anchored.media().get(0);
        assertEquals(Optional.of(ours), anchored.connection(m));
        assertEquals(40000, m.port());
        assertEquals(List.of("0", "101"), m.formats());
        assertEquals(List.of("rtpmap", "rtpmap", "fmtp", "ptime"), m.attributes().stream().map(Attribute::name).toList(),
                "rtpmap/fmtp of dropped formats (18, 8, 19) are gone, the rest keeps its order");
        assertEquals(Optional.empty(), m.fmtp(18));
        assertEquals(remote.origin().sessionId(), anchored.origin().sessionId());
        assertEquals(anchored, SdpParser.parse(anchored.encode()));
    }

    @Test
    void withDirectionReplacesInPlaceOrAppends() throws Exception {
        MediaDescription asterisk = SdpParser.parse(SdpSamples.ASTERISK).media().get(0);
        MediaDescription held = asterisk.withDirection(Direction.SENDONLY);
        assertEquals(asterisk.attributes().size(), held.attributes().size());
        assertEquals(Optional.of(Direction.SENDONLY), held.direction());
        MediaDescription freeswitch = SdpParser.parse(SdpSamples.FREESWITCH).media().get(0);
        MediaDescription inactive = freeswitch.withDirection(Direction.INACTIVE);
        assertEquals(freeswitch.attributes().size() + 1, inactive.attributes().size());
        assertEquals(Direction.INACTIVE.toAttribute(), inactive.attributes().get(inactive.attributes().size() - 1));

        SessionDescription session = SdpParser.parse(SdpSamples.ASTERISK).withDirection(Direction.INACTIVE);
        assertEquals(Optional.of(Direction.INACTIVE), session.direction());
        assertEquals(Direction.SENDRECV, session.direction(session.media().get(0)), "media level wins");
    }

    @Test
    void attributeEditing() throws Exception {
        MediaDescription m = SdpParser.parse(SdpSamples.BARESIP_IPV6).media().get(0);
        MediaDescription noMux = m.withoutAttributes(Attribute.RTCP_MUX);
        assertFalse(noMux.rtcpMux());
        assertTrue(noMux.withAttribute(Attribute.flag(Attribute.RTCP_MUX)).rtcpMux());
        assertEquals(List.of(), m.withAttributes(List.of()).attributes());
        assertEquals(m, m.toBuilder().build());
    }

    @Test
    void modelIsImmutable() throws Exception {
        SessionDescription sdp = SdpParser.parse(SdpSamples.ASTERISK);
        assertThrows(UnsupportedOperationException.class, () -> sdp.media().clear());
        assertThrows(UnsupportedOperationException.class, () -> sdp.media().get(0).attributes().clear());
        assertThrows(UnsupportedOperationException.class, () -> sdp.media().get(0).formats().add("9"));
    }

    @Test
    void modelRefusesValuesThatWouldInjectLines() {
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("x-note", "a\r\nc=IN IP4 6.6.6.6"));
        assertThrows(IllegalArgumentException.class, () -> SessionDescription.builder(origin()).sessionName("x\nm=video 1 RTP/AVP 0").build());
        assertThrows(IllegalArgumentException.class, () -> new Fmtp("101", "0-15\r\na=sendonly"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("bad name", "x"));
    }

    @Test
    void modelValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 65536, "RTP/AVP").format("0").build());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 1, "RTP/AVP").build());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 1, "RTP/AVP").format("200").build());
        assertThrows(IllegalArgumentException.class, () -> MediaDescription.builder("audio", 1, "RTP/AVP").format("PCMU").build());
        assertThrows(IllegalArgumentException.class, () -> new RtpMap(128, "x", 8000));
        assertThrows(IllegalArgumentException.class, () -> new Ptime(0));
        assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("rtpmap", Optional.of("0 PCMU/8000")));
        assertThrows(IllegalArgumentException.class, () -> new GenericAttribute("rtcp-mux", Optional.of("x")));
        assertThrows(IllegalArgumentException.class, () -> SessionDescription.builder(origin()).timings(List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> new Codec("telephone-event", 8000, 1));
        assertInstanceOf(RtpMap.class, Attribute.of("rtpmap", "0 PCMU/8000"));
        assertInstanceOf(DirectionAttribute.class, Attribute.flag("inactive"));
    }

    @Test
    void secretsAreRedactedInToString() throws Exception {
        SessionDescription sdp = SdpParser.parse(SdpSamples.WEBRTC + "a=key-mgmt:mikey AQEFgM0XflABAAAAAAAAAAAAAAsAyO\n");
        String text = sdp.toString();
        assertFalse(text.contains("7OhUBRA+cg8XyWo4jwmJaOPB"), text);
        assertFalse(text.contains("AQEFgM0Xfl"), text);
        assertTrue(text.contains("a=ice-pwd:<redacted>"));
        assertFalse(sdp.media().get(0).attributes("ice-pwd").toString().contains("7OhUBRA"));
        assertTrue(sdp.encode().contains("a=ice-pwd:7OhUBRA+cg8XyWo4jwmJaOPB"));
        CryptoKey key = CryptoKey.parse("inline:" + SdpSamples.KEY_1 + "|2^20|1:32");
        assertEquals("CryptoKey[inline:<redacted>|2^20|1:32]", key.toString());
    }

    @Test
    void originVersions() {
        Origin o = Origin.fresh("toneguard", Connection.ip4("192.0.2.1"));
        assertEquals(o.sessionId(), o.nextVersion().sessionId());
        assertEquals(o.sessionVersion().add(java.math.BigInteger.ONE), o.nextVersion().sessionVersion());
        assertEquals("IP4", o.addressType());
        Origin big = Origin.parse("- 18446744073709551615 18446744073709551616 IN IP4 192.0.2.1");
        assertEquals("18446744073709551617", big.nextVersion().sessionVersion().toString(), "beyond 64 bits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::1", "fe80::1:2:3:4", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:192.0.2.1", "1:2:3:4:5:6:7::", "ABCD:ef01::"})
    void validIpv6(String address) {
        assertEquals(address, Connection.ip6(address).address());
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", ":1:2:3:4:5:6:7", "12345::", "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3", "g::1", "1:2:3:4:5:6:7", "fe80::1%eth0"})
    void invalidIpv6(String address) {
        assertThrows(IllegalArgumentException.class, () -> Connection.ip6(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "192.0.2.1", "pbx.example.com", "localhost", "a-b.c1", "1a.example"})
    void validIpv4OrHost(String address) {
        assertEquals(address, Connection.ip4(address).address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4.", "a_b.com", "-a.com", "a-.com",
            "host name", "1234.1.1.1", "..", "x/24"})
    void invalidIpv4OrHost(String address) {
        assertThrows(IllegalArgumentException.class, () -> Connection.ip4(address));
    }

    @Test
    void unspecifiedAddresses() {
        assertTrue(Connection.ip4("0.0.0.0").isUnspecified());
        assertTrue(Connection.ip6("::").isUnspecified());
        assertTrue(Connection.ip6("0:0:0:0:0:0:0:0").isUnspecified());
        assertFalse(Connection.ip6("::1").isUnspecified());
        assertFalse(Connection.ip4("192.0.2.1").isUnspecified());
    }

    @Test
    void eventSets() {
        EventSet set = EventSet.parse(" 0-15 , 66,70,67-69");
        assertEquals("0-15,66-70", set.toString());
        assertEquals(21, set.size());
        assertEquals("0-15", set.intersect(EventSet.DTMF_AND_FLASH.intersect(EventSet.DTMF)).toString());
        assertEquals(EventSet.parse("255"), EventSet.parse("255-255"));
        assertEquals(256, EventSet.parse("0-255").size());
        assertTrue(EventSet.parse("16").intersect(EventSet.DTMF).isEmpty());
        assertEquals("", EventSet.EMPTY.toString());
        assertFalse(set.contains(-1));
        assertFalse(set.contains(256));
        for (String bad : List.of("", "0-", "-1", "1-2-3", "256", "5-4", "a", "0-15;16", "1000")) {
            assertThrows(IllegalArgumentException.class, () -> EventSet.parse(bad), bad);
        }
    }

    @Test
    void directionAlgebra() {
        assertEquals(Direction.SENDONLY, Direction.SENDRECV.intersect(Direction.SENDONLY));
        assertEquals(Direction.INACTIVE, Direction.SENDONLY.intersect(Direction.RECVONLY));
        assertEquals(Optional.of(Direction.RECVONLY), Direction.fromAttributeName("recvonly"));
        assertEquals(Optional.empty(), Direction.fromAttributeName("RECVONLY"));
        for (Direction d : Direction.values()) {
            assertEquals(d, d.reverse().reverse());
            assertEquals(d, Direction.of(d.sends(), d.receives()));
        }
    }

    @Test
    void staticPayloadTypes() {
        assertEquals(Optional.of(new RtpMap(0, "PCMU", 8000)), StaticPayloadTypes.of(0));
        assertEquals(Optional.of(new RtpMap(8, "PCMA", 8000)), StaticPayloadTypes.of(8));
        assertEquals(Optional.of(new RtpMap(10, "L16", 44100, OptionalInt.of(2))), StaticPayloadTypes.of(10));
        assertEquals(Optional.empty(), StaticPayloadTypes.of(96));
        assertEquals(OptionalInt.of(8), StaticPayloadTypes.forEncoding("pcma", 8000, 1));
        assertEquals(OptionalInt.of(11), StaticPayloadTypes.forEncoding("L16", 44100, 1));
        assertEquals(OptionalInt.empty(), StaticPayloadTypes.forEncoding("opus", 48000, 2));
    }

    @Test
    void rtpMapEncodingMatchingIgnoresCase() {
        RtpMap map = RtpMap.parse("96 Telephone-Event/8000");
        assertTrue(map.isTelephoneEvent());
        assertTrue(Codec.PCMU.matches(RtpMap.parse("0 pcmu/8000")));
        assertTrue(Codec.PCMU.matches(RtpMap.parse("0 PCMU/8000/1")));
        assertFalse(Codec.PCMU.matches(RtpMap.parse("0 PCMU/16000")));
        assertEquals("8 PCMA/8000/1", RtpMap.parse("8 PCMA/8000/1").value().orElseThrow(), "channels kept as written");
    }

    @Test
    void fingerprintAndSetupHelpers() {
        Fingerprint f = Fingerprint.parse("SHA-1 " + "AB:".repeat(19) + "CD");
        assertEquals(20, f.bytes().length);
        assertEquals((byte) 0xCD, f.bytes()[19]);
        assertEquals(new Fingerprint("x-custom", "01"), Fingerprint.parse("x-custom 01"), "unknown hash: any length");
        assertEquals(SetupRole.HOLDCONN, SetupRole.parse("holdconn"));
        assertEquals("actpass", SetupRole.ACTPASS.value());
    }

    @Test
    void cryptoRoundTripAndKeyDecoding() {
        Crypto c = Crypto.parse("7 AES_256_CM_HMAC_SHA1_80 inline:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdA"
                + "|2^31 KDR=1 UNENCRYPTED_SRTP");
        assertEquals(7, c.tag());
        assertEquals(46, c.keys().get(0).decodeKeySalt().length);
        assertEquals(List.of("KDR=1", "UNENCRYPTED_SRTP"), c.sessionParams());
        assertEquals(c, Crypto.parse(c.value().orElseThrow()));
        Crypto unknownSuite = Crypto.parse("1 FUTURE_SUITE inline:QUJDRA==");
        assertEquals(4, unknownSuite.keys().get(0).decodeKeySalt().length);
    }

    @Test
    void timingAndBandwidth() {
        assertEquals(new Timing(1, 2, List.of()), Timing.parse("1 2"));
        assertThrows(IllegalArgumentException.class, () -> Timing.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> new Timing(0, 0, List.of("7d")));
        assertEquals(new Bandwidth("TIAS", 64000), Bandwidth.parse("TIAS:64000"));
        assertEquals("AS:64", new Bandwidth("AS", 64).encode());
    }

    private static Origin origin() {
        return Origin.parse("- 1 1 IN IP4 192.0.2.1");
    }
}
