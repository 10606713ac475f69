package io.toneguard.media.sdp;

/** Real-world style session descriptions from common SIP peers, written with LF for readability. */
final class SdpSamples {
    private SdpSamples() {
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static final String ASTERISK = """
            v=0
            o=- 1724131551 1724131553 IN IP4 10.0.0.5
            s=Asterisk
            c=IN IP4 10.0.0.5
            t=0 0
            m=audio 14376 RTP/AVP 0 8 3 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:3 GSM/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:150
            a=sendrecv
            """;

    static final String FREESWITCH = """
            v=0
            o=FreeSWITCH 1700000000 1700000001 IN IP4 192.0.2.10
            s=FreeSWITCH
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 16384 RTP/AVP 9 0 8 102 101 13
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:102 opus/48000/2
            a=fmtp:102 useinbandfec=1; maxaveragebitrate=30000; maxplaybackrate=48000; ptime=20; minptime=10; maxptime=40
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=rtpmap:13 CN/8000
            a=ptime:20
            a=rtcp:16385 IN IP4 192.0.2.10
            """;

    static final String CISCO_CUBE = """
            v=0
            o=CiscoSystemsSIP-GW-UserAgent 2187 5930 IN IP4 198.51.100.20
            s=SIP Call
            c=IN IP4 198.51.100.20
            t=0 0
            m=audio 8052 RTP/AVP 18 0 8 101 19
            c=IN IP4 198.51.100.21
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=rtpmap:19 CN/8000
            a=ptime:20
            """;

    static final String BARESIP_IPV6 = """
            v=0
            o=- 3874625361 1614372591 IN IP6 2001:db8::42
            s=-
            c=IN IP6 2001:db8::42
            t=0 0
            a=tool:baresip 1.0.0
            m=audio 10002 RTP/AVP 96 97 0 8 101
            b=AS:64
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 stereo=1;sprop-stereo=1
            a=rtpmap:97 L16/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            a=label:1
            a=ssrc:1732151712 cname:f6a0c2b6-8f3a-4b5e-b6d2-8f5c3d2e1a4b
            a=rtcp-rsize
            a=rtcp-mux
            """;

    static final String FINGERPRINT = "49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2"
            + ":7D:62:C9:9A:7F:B9:A3:F4:70:03:E7:43:91:73:23:5E";

    static final String WEBRTC = """
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0 1 2
            a=extmap-allow-mixed
            a=msid-semantic: WMS stream1
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0
            a=ice-ufrag:Oyef
            a=ice-pwd:7OhUBRA+cg8XyWo4jwmJaOPB
            a=ice-options:trickle
            a=fingerprint:sha-256 %1$s
            a=setup:actpass
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=sendrecv
            a=msid:stream1 track1
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:63 red/48000/2
            a=fmtp:63 111/111
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            a=ssrc:3570614608 cname:4TOk42mSjXCkVIa6
            m=video 9 UDP/TLS/RTP/SAVPF 96 97
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=ice-ufrag:Oyef
            a=ice-pwd:7OhUBRA+cg8XyWo4jwmJaOPB
            a=fingerprint:sha-256 %1$s
            a=setup:actpass
            a=mid:1
            a=recvonly
            a=rtcp-mux
            a=rtpmap:96 VP8/90000
            a=rtcp-fb:96 nack
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            m=application 9 UDP/DTLS/SCTP webrtc-datachannel
            c=IN IP4 0.0.0.0
            a=ice-ufrag:Oyef
            a=ice-pwd:7OhUBRA+cg8XyWo4jwmJaOPB
            a=fingerprint:sha-256 %1$s
            a=setup:actpass
            a=mid:2
            a=sctp-port:5000
            """.formatted(FINGERPRINT);

    static final String KEY_1 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
    static final String KEY_2 = "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj";

    static final String SDES = """
            v=0
            o=- 1 2 IN IP4 203.0.113.7
            s=-
            c=IN IP4 203.0.113.7
            t=0 0
            m=audio 4000 RTP/SAVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s|2^20|1:32
            a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:%s|2^20|1:32 UNENCRYPTED_SRTCP
            a=sendrecv
            """.formatted(KEY_1, KEY_2);

    /** The reference used by the rejection tests; line numbers matter. */
    static final String MINIMAL = """
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 4000 RTP/AVP 0 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            """;

    static final String[] ALL = {ASTERISK, FREESWITCH, CISCO_CUBE, BARESIP_IPV6, WEBRTC, SDES, MINIMAL};
}
