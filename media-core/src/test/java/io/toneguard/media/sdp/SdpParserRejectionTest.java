package io.toneguard.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection rule of the strict parser, with the line and the reason it reports. */
class SdpParserRejectionTest {

    // MINIMAL: 1 v= 2 o= 3 s= 4 c= 5 t= 6 m=audio 4000 RTP/AVP 0 101 7 a=rtpmap:101 8 a=fmtp:101 0-16
    private static String replace(int line, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(SdpSamples.MINIMAL.split("\n")));
        if (text == null) {
            lines.remove(line - 1);
        } else {
            lines.set(line - 1, text);
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String append(String... extra) {
        return SdpSamples.MINIMAL + String.join("\n", extra) + "\n";
    }

    private static String insert(int beforeLine, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(SdpSamples.MINIMAL.split("\n")));
        lines.add(beforeLine - 1, text);
        return String.join("\n", lines) + "\n";
    }

    private static Arguments reject(String name, String sdp, int line, String reason) {
        return Arguments.of(named(name, sdp), line, reason);
    }

    static Stream<Arguments> invalidDescriptions() {
        String k = SdpSamples.KEY_1;
        return Stream.of(
                reject("empty", "", 0, "empty SDP"),
                reject("blank", " \r\n\r\n", 0, "empty SDP"),
                reject("version 1", replace(1, "v=1"), 1, "first line must be v=0"),
                reject("no v=", replace(1, null), 1, "first line must be v=0"),
                reject("only v=", "v=0\r\n", 1, "missing o= line"),
                reject("o= missing", replace(2, null), 2, "expected o= (origin) as line 2, found s="),
                reject("o= five fields", replace(2, "o=- 1 1 IN IP4"), 2, "o= must have 6 fields, found 5"),
                reject("o= seven fields", replace(2, "o=- 1 1 IN IP4 a b"), 2, "o= must have 6 fields, found 7"),
                reject("o= sess-id", replace(2, "o=- abc 1 IN IP4 192.0.2.1"), 2, "o= sess-id must be numeric"),
                reject("o= sess-version", replace(2, "o=- 1 -2 IN IP4 192.0.2.1"), 2, "o= sess-version must be numeric"),
                reject("o= double space", replace(2, "o=-  1 1 IN IP4 192.0.2.1"), 2, "more than one space"),
                reject("s= missing", replace(3, null), 3, "expected s= (session name) as line 3, found c="),
                reject("s= after c=", "v=0\no=- 1 1 IN IP4 192.0.2.1\nc=IN IP4 192.0.2.1\ns=-\nt=0 0\n", 3,
                        "expected s="),
                reject("t= missing before m=", replace(5, null), 5, "missing t= line before the first m= line"),
                reject("t= missing, no media", "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n", 3, "missing t= line"),
                reject("no = sign", insert(5, "hello"), 5, "line is not of the form <type>=<value>"),
                reject("uppercase type", insert(5, "A=foo"), 5, "line type must be a single lowercase letter"),
                reject("two-letter type", insert(5, "ab=1"), 5, "line type must be a single lowercase letter"),
                reject("empty type", insert(5, "=x"), 5, "line type must be a single lowercase letter"),
                reject("unknown type", insert(5, "x=foo"), 5, "unknown line type x="),
                reject("unknown type in media", append("y=1"), 9, "unknown line type y="),
                reject("v= again", insert(5, "v=0"), 5, "v= must only be the first line"),
                reject("o= again", insert(5, "o=- 1 1 IN IP4 192.0.2.1"), 5, "duplicate o= line"),
                reject("s= again", insert(5, "s=x"), 5, "duplicate s= line"),
                reject("c= twice", insert(5, "c=IN IP4 192.0.2.2"), 5, "duplicate c= line"),
                reject("c= twice in media", append("c=IN IP4 192.0.2.3", "c=IN IP4 192.0.2.4"), 10, "duplicate c= line"),
                reject("t= in media", append("t=0 0"), 9, "t= is not allowed in a media description"),
                reject("r= without t=", insert(5, "r=7d 1h 0 25h"), 5, "r= must follow a t= line"),
                reject("t= malformed", replace(5, "t=0"), 5, "t= must be '<start-time> <stop-time>'"),
                reject("empty line inside", insert(5, ""), 5, "empty line"),
                reject("port not numeric", replace(6, "m=audio 40x0 RTP/AVP 0"), 6, "m= port is not a number"),
                reject("port too big", replace(6, "m=audio 70000 RTP/AVP 0"), 6, "m= port 70000 is out of range 0-65535"),
                reject("port negative", replace(6, "m=audio -1 RTP/AVP 0"), 6, "m= port is not a number"),
                reject("port count zero", replace(6, "m=audio 4000/0 RTP/AVP 0"), 6, "m= port count 0 is out of range"),
                reject("m= without proto", replace(6, "m=audio 4000"), 6, "m= line is missing the proto and formats"),
                reject("m= without formats", replace(6, "m=audio 4000 RTP/AVP"), 6, "m= line has no formats"),
                reject("m= only media", replace(6, "m=audio"), 6, "m= line needs"),
                reject("RTP format 128", replace(6, "m=audio 4000 RTP/AVP 0 128"), 6, "RTP format is not a payload type 0-127"),
                reject("RTP format text", replace(6, "m=audio 4000 RTP/AVP PCMU"), 6, "RTP format is not a payload type 0-127"),
                reject("RTP format negative", replace(6, "m=audio 4000 RTP/SAVP -1"), 6, "RTP format is not a payload type"),
                reject("c= two fields", replace(4, "c=IN IP4"), 4, "connection must be 'IN IP4|IP6 <address>'"),
                reject("c= nettype", replace(4, "c=ATM IP4 192.0.2.1"), 4, "network type must be IN"),
                reject("c= addrtype", replace(4, "c=IN IP5 192.0.2.1"), 4, "address type must be IP4 or IP6"),
                reject("c= octet > 255", replace(4, "c=IN IP4 256.0.2.1"), 4, "invalid IPv4 address"),
                reject("c= three octets", replace(4, "c=IN IP4 192.0.2"), 4, "invalid IPv4 address"),
                reject("c= bad IPv6", replace(4, "c=IN IP6 2001:db8:::1"), 4, "invalid IPv6 address"),
                reject("c= IPv6 too many groups", replace(4, "c=IN IP6 1:2:3:4:5:6:7:8:9"), 4, "invalid IPv6 address"),
                reject("c= IPv6 bad hex", replace(4, "c=IN IP6 2001:db8::g1"), 4, "invalid IPv6 address"),
                reject("c= IPv4 as IP6", replace(4, "c=IN IP6 192.0.2.1"), 4, "IPv4 address with address type IP6"),
                reject("c= IPv6 as IP4", replace(4, "c=IN IP4 ::1"), 4, "IPv6 address with address type IP4"),
                reject("c= bad host", replace(4, "c=IN IP4 bad_host!"), 4, "invalid host name"),
                reject("c= host label", replace(4, "c=IN IP4 -a.example.com"), 4, "invalid host name"),
                reject("c= multicast", replace(4, "c=IN IP4 224.2.1.1/127"), 4, "multicast connection addresses are not supported"),
                reject("no connection anywhere", replace(4, null), 5, "no c= line for media audio on port 4000"),
                reject("rtpmap pt not in m=", replace(7, "a=rtpmap:102 telephone-event/8000"), 7,
                        "a=rtpmap for payload type 102 which is not in the m= format list"),
                reject("fmtp pt not in m=", replace(8, "a=fmtp:99 0-16"), 8, "a=fmtp for format 99 which is not in the m= format list"),
                reject("duplicate rtpmap", append("a=rtpmap:101 telephone-event/8000"), 9, "duplicate a=rtpmap for payload type 101"),
                reject("duplicate fmtp", append("a=fmtp:101 0-15"), 9, "duplicate a=fmtp for format 101"),
                reject("rtpmap at session level", insert(5, "a=rtpmap:0 PCMU/8000"), 5, "a=rtpmap is only allowed in a media description"),
                reject("rtpmap no rate", replace(7, "a=rtpmap:101 telephone-event"), 7, "a=rtpmap encoding must be"),
                reject("rtpmap bad rate", replace(7, "a=rtpmap:101 telephone-event/8k"), 7, "rtpmap clock rate is not a number"),
                reject("rtpmap zero rate", replace(7, "a=rtpmap:101 telephone-event/0"), 7, "rtpmap clock rate 0 is out of range"),
                reject("rtpmap bad channels", replace(7, "a=rtpmap:101 telephone-event/8000/x"), 7, "rtpmap channels is not a number"),
                reject("rtpmap four parts", replace(7, "a=rtpmap:101 telephone-event/8000/1/2"), 7, "a=rtpmap encoding must be"),
                reject("rtpmap bad pt", replace(7, "a=rtpmap:x telephone-event/8000"), 7, "rtpmap payload type is not a number"),
                reject("rtpmap no encoding", replace(7, "a=rtpmap:101"), 7, "a=rtpmap must be"),
                reject("rtpmap no value", replace(7, "a=rtpmap"), 7, "a=rtpmap requires a value"),
                reject("fmtp no parameters", replace(8, "a=fmtp:101"), 8, "a=fmtp must be '<format> <parameters>'"),
                reject("ptime zero", append("a=ptime:0"), 9, "a=ptime 0 is out of range 1-1000"),
                reject("ptime text", append("a=ptime:twenty"), 9, "a=ptime is not a number"),
                reject("ptime decimal", append("a=ptime:20.5"), 9, "a=ptime is not a number"),
                reject("ptime huge", append("a=ptime:99999999999"), 9, "a=ptime is not a number"),
                reject("ptime twice", append("a=ptime:20", "a=ptime:30"), 10, "duplicate a=ptime"),
                reject("maxptime text", append("a=maxptime:x"), 9, "a=maxptime is not a number"),
                reject("events above 255", replace(8, "a=fmtp:101 0-256"), 8, "bad telephone-event fmtp: telephone-event 256 is above 255"),
                reject("events reversed", replace(8, "a=fmtp:101 16-0"), 8, "telephone-event range 16-0 is reversed"),
                reject("events empty item", replace(8, "a=fmtp:101 0-15,,16"), 8, "must be events or ranges of 0-255"),
                reject("events text", replace(8, "a=fmtp:101 flash"), 8, "must be events or ranges of 0-255"),
                reject("events fmtp before rtpmap", "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                        + "m=audio 4000 RTP/AVP 0 101\na=fmtp:101 0-300\na=rtpmap:101 telephone-event/8000\n", 7, "above 255"),
                reject("crypto tag", append("a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:" + k), 9, "a=crypto tag is not a number"),
                reject("crypto suite", append("a=crypto:1 AES-CM/128 inline:" + k), 9, "a=crypto suite is not a valid token"),
                reject("crypto no key", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80"), 9, "a=crypto must be"),
                reject("crypto key not base64", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + k.substring(0, 30) + "!@#$%^&*()"), 9,
                        "a=crypto key is not valid base64"),
                reject("crypto key length", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + k.substring(0, 24)), 9,
                        "a=crypto key length does not match suite AES_CM_128_HMAC_SHA1_80"),
                reject("crypto method", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:" + k), 9, "a=crypto key method must be inline"),
                reject("crypto no method", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + k), 9, "a=crypto key parameter must be"),
                reject("crypto lifetime", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + k + "|2^x"), 9, "lifetime is malformed"),
                reject("crypto mki", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + k + "|2^20|1:x"), 9, "MKI is malformed"),
                reject("crypto duplicate tag", append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + k,
                        "a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:" + k), 10, "duplicate a=crypto tag 1"),
                reject("fingerprint no colons", append("a=fingerprint:sha-256 4966"), 9, "hex pairs separated by colons"),
                reject("fingerprint not hex", append("a=fingerprint:sha-1 49:6G"), 9, "hex pairs separated by colons"),
                reject("fingerprint short", append("a=fingerprint:sha-256 49:66"), 9, "a=fingerprint length does not match sha-256"),
                reject("fingerprint no hash", append("a=fingerprint:" + SdpSamples.FINGERPRINT), 9, "a=fingerprint must be"),
                reject("fingerprint trailing colon", append("a=fingerprint:sha-256 " + SdpSamples.FINGERPRINT + ":"), 9, "hex pairs"),
                reject("setup unknown", append("a=setup:server"), 9, "a=setup must be active, passive, actpass or holdconn"),
                reject("setup twice", append("a=setup:active", "a=setup:passive"), 10, "duplicate a=setup"),
                reject("rtcp-mux with value", append("a=rtcp-mux:1"), 9, "a=rtcp-mux takes no value"),
                reject("rtcp bad port", append("a=rtcp:port"), 9, "a=rtcp port is not a number"),
                reject("rtcp bad address", append("a=rtcp:4001 IN IP4 1.2.3.400"), 9, "invalid IPv4 address"),
                reject("rtcp two fields", append("a=rtcp:4001 IN"), 9, "a=rtcp must be"),
                reject("direction with value", append("a=sendonly:yes"), 9, "a=sendonly takes no value"),
                reject("conflicting directions", append("a=sendonly", "a=recvonly"), 10, "more than one direction attribute"),
                reject("attribute name", append("a=:x"), 9, "attribute name is not a valid token"),
                reject("bandwidth malformed", append("b=AS"), 9, "b= must be '<bwtype>:<bandwidth>'"),
                reject("bandwidth not numeric", append("b=AS:lots"), 9, "b= bandwidth is not a number"),
                reject("control character", replace(3, "s=a\u0001b"), 3, "control character at column 4"),
                reject("NUL", replace(3, "s=ab\u0000"), 3, "NUL character at column 5"),
                reject("lone CR", replace(3, "s=a\rb"), 3, "control character at column 4"),
                reject("tab separator", replace(6, "m=audio\t4000 RTP/AVP 0"), 6, "control character at column 8"),
                reject("DEL", replace(3, "s=\u007f"), 3, "control character"),
                reject("line too long", append("a=x-long:" + "a".repeat(SdpParser.MAX_LINE_LENGTH)), 9,
                        "line longer than 4096 characters"),
                reject("too large", append(("a=x-pad:" + "b".repeat(1000) + "\n").repeat(70).split("\n")), 0,
                        "SDP larger than 65536 characters"),
                reject("too many media", append("m=audio 4002 RTP/AVP 0\n".repeat(16).split("\n")), 24,
                        "more than 16 media descriptions"),
                reject("too many attributes", append("a=x-many\n".repeat(SdpParser.MAX_ATTRIBUTES).split("\n")),
                        8 + SdpParser.MAX_ATTRIBUTES - 1, "more than 256 attributes in one section"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDescriptions")
    void rejectsWithLineAndReason(String sdp, int line, String reason) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
        assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
        assertEquals(line, e.lineNumber(), () -> "message was: " + e.getMessage());
        assertEquals(line > 0 ? "line " + line + ": " + e.reason() : e.reason(), e.getMessage());
    }

    @Test
    void nullIsRejectedLikeEmpty() {
        assertEquals("empty SDP", assertThrows(SdpParseException.class, () -> SdpParser.parse(null)).getMessage());
    }

    @Test
    void cryptoErrorsNeverQuoteTheKey() {
        String key = SdpSamples.KEY_1;
        List<String> bad = List.of(
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^x",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key.substring(0, 36),
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "*",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|1|2|3",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + " bad\u0001param",
                "a=crypto:1 BAD-SUITE inline:" + key,
                "a=crypto:" + key + " AES_CM_128_HMAC_SHA1_80 inline:" + key,
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 other:" + key,
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + ";inline:" + key.substring(4),
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^20|1:32 " + "x".repeat(5000) + key,
                "k=base64:" + key + "\u0000");
        for (String line : bad) {
            SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(append(line)), line);
            assertFalse(e.getMessage().contains(key.substring(0, 12)), e.getMessage());
            assertFalse(e.getMessage().contains(key.substring(key.length() - 12)), e.getMessage());
        }
    }
}
