package io.toneguard.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtcpDemuxTest {

    private final RtcpTestBuffers buffers = new RtcpTestBuffers();

    @AfterEach
    void release() {
        buffers.close();
    }

    private ByteBuf packet(int firstOctet, int secondOctet) {
        return buffers.hex(String.format("%02x%02x", firstOctet, secondOctet), "00 01 11 22 33 44 55 66 77 88");
    }

    @ParameterizedTest(name = "second octet {0} is RTCP")
    @ValueSource(ints = {192, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 210, 223})
    void rtcpPacketTypes(int octet) {
        ByteBuf buf = packet(0x80, octet);
        assertTrue(RtcpDemux.isRtcp(buf));
        assertTrue(RtcpDemux.isRtcpPacketType(octet));
        assertEquals(0, buf.readerIndex());
    }

    @ParameterizedTest(name = "second octet {0} is RTP")
    @ValueSource(ints = {
        0, 8, 18, 63,                 // static audio types, marker clear
        128, 136, 191,                // the same with the marker bit (191 = PT 63 + M)
        96, 101, 111, 127,            // dynamic types, marker clear
        224, 229, 255,                // dynamic types with the marker bit (224 = PT 96 + M)
        64, 72, 95,                   // forbidden RTP types 64-95 without the marker: not an RTCP type either
    })
    void rtpPayloadTypes(int octet) {
        assertFalse(RtcpDemux.isRtcp(packet(0x80, octet)));
        assertFalse(RtcpDemux.isRtcpPacketType(octet));
    }

    @ParameterizedTest(name = "version bits 0x{0}")
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void onlyVersionTwo(int firstOctet) {
        assertFalse(RtcpDemux.isRtcp(packet(firstOctet, 200)));
        assertTrue(RtcpDemux.isRtcp(packet(0x80 | (firstOctet & 0x3F), 200)));
    }

    @Test
    void paddingAndCountBitsDoNotMatter() {
        assertTrue(RtcpDemux.isRtcp(packet(0xBF, 201)));
        assertTrue(RtcpDemux.isRtcp(packet(0xA0, 200)));
    }

    @Test
    void needsAWholeHeaderAndLooksAtTheReadableBytes() {
        assertFalse(RtcpDemux.isRtcp(buffers.hex("")));
        assertFalse(RtcpDemux.isRtcp(buffers.hex("80")));
        assertFalse(RtcpDemux.isRtcp(buffers.hex("80 c8")));
        assertFalse(RtcpDemux.isRtcp(buffers.hex("80 c8 00")));
        assertTrue(RtcpDemux.isRtcp(buffers.hex("80 c8 00 00")));
        ByteBuf shifted = buffers.hex("80 00 00 00", "80 c9 00 01 11 22 33 44");
        assertFalse(RtcpDemux.isRtcp(shifted));
        shifted.readerIndex(4);
        assertTrue(RtcpDemux.isRtcp(shifted));
        assertEquals(4, shifted.readerIndex());
    }
}
