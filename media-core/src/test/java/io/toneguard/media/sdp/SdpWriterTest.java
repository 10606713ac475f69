package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SdpWriterTest {

    static List<String> samples() {
        return List.of(SdpSamples.ALL);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void parseOfWriteIsIdentity(String sample) throws Exception {
        SessionDescription sdp = SdpParser.parse(sample);
        String written = SdpWriter.write(sdp);
        assertEquals(sdp, SdpParser.parse(written));
        assertEquals(written, SdpParser.parse(written).encode(), "writing is stable");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void canonicalSamplesAreWrittenBackByteForByte(String sample) throws Exception {
        assertEquals(SdpSamples.crlf(sample), SdpParser.parse(sample).encode());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyLineEndsWithCrlf(String sample) throws Exception {
        String written = SdpParser.parse(sample).encode();
        assertTrue(written.endsWith("\r\n"));
        assertEquals(written.split("\n").length, written.split("\r\n").length);
        assertFalse(written.replace("\r\n", "").contains("\n"));
        assertFalse(written.replace("\r\n", "").contains("\r"));
    }

    @Test
    void writesLinesInCanonicalOrder() throws Exception {
        String shuffled = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=x\nk=prompt\na=tool:t\nz=0 0\nt=1 2\nr=7d 1h 0\nb=CT:1\n"
                + "c=IN IP4 192.0.2.1\np=+1\ne=a@b\nu=http://u\ni=info\n"
                + "m=audio 4000 RTP/AVP 0\na=ptime:20\nk=prompt\nb=AS:1\nc=IN IP4 192.0.2.2\ni=m\n";
        String written = SdpParser.parse(shuffled).encode();
        assertEquals(SdpSamples.crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=x\ni=info\nu=http://u\ne=a@b\np=+1\n"
                + "c=IN IP4 192.0.2.1\nb=CT:1\nt=1 2\nr=7d 1h 0\nz=0 0\nk=prompt\na=tool:t\n"
                + "m=audio 4000 RTP/AVP 0\ni=m\nc=IN IP4 192.0.2.2\nb=AS:1\nk=prompt\na=ptime:20\n"), written);
    }

    @Test
    void builtDescriptionRoundTrips() throws Exception {
        Connection c = Connection.ip6("2001:db8::1");
        SessionDescription sdp = SessionDescription.builder(Origin.fresh("toneguard", c))
                .sessionName("call")
                .connection(c)
                .attribute(Attribute.of("group", "BUNDLE 0"))
                .media(MediaDescription.builder("audio", 30000, "RTP/SAVPF")
                        .rtpMap(new RtpMap(0, "PCMU", 8000))
                        .rtpMap(new RtpMap(96, "opus", 48000, OptionalInt.of(2)))
                        .rtpMap(new RtpMap(101, "telephone-event", 8000))
                        .attribute(new Fmtp("101", "0-16"))
                        .attribute(new Crypto(1, "AES_CM_128_HMAC_SHA1_80",
                                List.of(CryptoKey.parse("inline:" + SdpSamples.KEY_1)), List.of()))
                        .attribute(new RtcpAttribute(30001, Optional.of(c)))
                        .attribute(Attribute.flag("rtcp-mux"))
                        .attribute(new SetupAttribute(SetupRole.PASSIVE))
                        .attribute(new Fingerprint("sha-256", SdpSamples.FINGERPRINT))
                        .attribute(Direction.SENDONLY.toAttribute())
                        .attribute(new Ptime(20))
                        .attribute(new MaxPtime(40))
                        .build())
                .build();
        String text = sdp.encode();
        assertTrue(text.contains("a=rtpmap:96 opus/48000/2\r\n"), text);
        assertTrue(text.contains("a=rtcp:30001 IN IP6 2001:db8::1\r\n"), text);
        assertTrue(text.contains("a=rtcp-mux\r\n"), text);
        assertTrue(text.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + SdpSamples.KEY_1 + "\r\n"), text);
        assertEquals(sdp, SdpParser.parse(text));
    }
}
