package io.toneguard.media.rtcp;

import static io.toneguard.media.rtcp.RtcpTestBuffers.ascii;

/** RTCP packets written out by hand after the figures of RFC 3550 §6.4-6.7 and RFC 4585 §6.1. */
final class RtcpFixtures {

    private RtcpFixtures() {
    }

    /** SSRC 0xaabbccdd, fraction 64, cumulative -2, ext seq 0x00010005, jitter 32, LSR 0x23456789, DLSR 0x00018000. */
    static final String REPORT_BLOCK_A = ""
            + "aa bb cc dd" + "40" + "ff ff fe" + "00 01 00 05" + "00 00 00 20" + "23 45 67 89" + "00 01 80 00";

    /** SSRC 0x01020304, fraction 255, cumulative 8388607, ext seq 0xffffffff, jitter 0xfffffffe, LSR 0, DLSR 0xffffffff. */
    static final String REPORT_BLOCK_B = ""
            + "01 02 03 04" + "ff" + "7f ff ff" + "ff ff ff ff" + "ff ff ff fe" + "00 00 00 00" + "ff ff ff ff";

    /** SR, RC=1, 52 bytes (length 12): SSRC 0x11223344, NTP, RTP ts 123456, 1000 packets, 160000 octets, one block. */
    static final String SR = ""
            + "81 c8 00 0c"                 // V=2 P=0 RC=1, PT=200, length=12
            + "11 22 33 44"                 // SSRC of sender
            + "e1 23 45 67 89 ab cd ef"     // NTP timestamp
            + "00 01 e2 40"                 // RTP timestamp 123456
            + "00 00 03 e8"                 // sender's packet count 1000
            + "00 02 71 00"                 // sender's octet count 160000
            + REPORT_BLOCK_A;

    /** SDES, SC=1, 24 bytes (length 5): chunk SSRC 0x11223344, CNAME "user@example", null, pad. */
    static final String SDES = ""
            + "81 ca 00 05"
            + "11 22 33 44"
            + "01 0c" + ascii("user@example")
            + "00 00";

    /** SDES, SC=2, 32 bytes (length 7): chunk 0x11223344 CNAME "a@b"; chunk 0x55667788 CNAME "c@d", NAME "Ann". */
    static final String SDES_TWO_CHUNKS = ""
            + "82 ca 00 07"
            + "11 22 33 44" + "01 03" + ascii("a@b") + "00 00 00"        // 4 + 5 + 3 = 12
            + "55 66 77 88" + "01 03" + ascii("c@d") + "02 03" + ascii("Ann") + "00 00";      // 4 + 5 + 5 + 2 = 16

    /** RR, RC=2, 56 bytes (length 13): SSRC 0x99887766, blocks A and B. */
    static final String RR = ""
            + "82 c9 00 0d"
            + "99 88 77 66"
            + REPORT_BLOCK_A
            + REPORT_BLOCK_B;

    /** RR, RC=0, 8 bytes (length 1). */
    static final String EMPTY_RR = "80 c9 00 01 99 88 77 66";

    /** BYE, SC=2, 20 bytes (length 4): 0x11223344, 0x55667788, reason "leaving". */
    static final String BYE = ""
            + "82 cb 00 04"
            + "11 22 33 44"
            + "55 66 77 88"
            + "07" + ascii("leaving");

    /** APP, subtype 3, 16 bytes (length 3): SSRC 0x11223344, name "TGRD", 4 bytes of data. */
    static final String APP = "83 cc 00 03 11 22 33 44" + ascii("TGRD") + "de ad be ef";

    /** RTPFB generic NACK (FMT 1), 16 bytes (length 3): sender 0x11223344, media 0xcafebabe, PID 1000, BLP 0x0005. */
    static final String NACK = "81 cd 00 03 11 22 33 44 ca fe ba be 03 e8 00 05";

    /** PSFB PLI (FMT 1), 12 bytes (length 2): sender 0x11223344, media 0xcafebabe. */
    static final String PLI = "81 ce 00 02 11 22 33 44 ca fe ba be";
}
