package io.toneguard.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.testing.NettyLeakGuard;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private final RtpPacket view = new RtpPacket();

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    private static ByteBuf bytes(int... b) {
        ByteBuf buf = Unpooled.buffer(b.length);
        for (int x : b) {
            buf.writeByte(x);
        }
        return buf;
    }

    @Test
    void readsEveryFieldOfTheFixedHeader() {
        // V=2, M=1, PT=0, seq 0xBEEF, ts 0x01020304, ssrc 0xCAFEBABE, 3 payload bytes
        ByteBuf buf = bytes(0x80, 0x80, 0xBE, 0xEF, 1, 2, 3, 4, 0xCA, 0xFE, 0xBA, 0xBE, 0xAA, 0xBB, 0xCC);
        try {
            assertEquals(RtpValidation.VALID, view.wrap(buf));
            assertEquals(2, view.version());
            assertTrue(view.marker());
            assertEquals(0, view.payloadType());
            assertEquals(0xBEEF, view.sequenceNumber());
            assertEquals(0x01020304L, view.timestamp());
            assertEquals(0xCAFEBABE, view.ssrc());
            assertEquals(0, view.csrcCount());
            assertFalse(view.hasExtension());
            assertFalse(view.hasPadding());
            assertEquals(12, view.headerLength());
            assertEquals(3, view.payloadLength());
            assertEquals(12, view.payloadOffset());
            assertEquals(0xAA, view.buffer().getUnsignedByte(view.payloadOffset()));
        } finally {
            buf.release();
        }
    }

    @Test
    void unsignedTimestampAndSequence() {
        ByteBuf buf = bytes(0x80, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1);
        try {
            assertEquals(RtpValidation.VALID, view.wrap(buf));
            assertEquals(65535, view.sequenceNumber());
            assertEquals(0xFFFF_FFFFL, view.timestamp());
            assertEquals(8, view.payloadType());
            assertEquals(0, view.payloadLength());
        } finally {
            buf.release();
        }
    }

    @Test
    void csrcExtensionAndPaddingAreSkipped() {
        // V=2 P=1 X=1 CC=2, then 2 CSRCs, extension profile 0xBEDE length 1 word, 2 payload bytes, 2 padding bytes
        ByteBuf buf = bytes(0xB2, 0x60, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9,
                0, 0, 0, 0x11, 0, 0, 0, 0x22,
                0xBE, 0xDE, 0, 1, 0x10, 0xFF, 0, 0,
                0x55, 0x66, 0, 2);
        try {
            assertEquals(RtpValidation.VALID, view.wrap(buf));
            assertEquals(2, view.csrcCount());
            assertEquals(0x11, view.csrc(0));
            assertEquals(0x22, view.csrc(1));
            assertThrows(IndexOutOfBoundsException.class, () -> view.csrc(2));
            assertTrue(view.hasExtension());
            assertEquals(0xBEDE, view.extensionProfile());
            assertEquals(4, view.extensionLength());
            assertEquals(28, view.headerLength());
            assertEquals(2, view.paddingLength());
            assertEquals(2, view.payloadLength());
            assertEquals(0x55, buf.getUnsignedByte(view.payloadOffset()));
            assertEquals(96, view.payloadType());
        } finally {
            buf.release();
        }
    }

    @Test
    void honoursTheReaderIndex() {
        ByteBuf buf = bytes(0xFF, 0xFF, 0x80, 0x00, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0x42);
        try {
            buf.skipBytes(2);
            assertEquals(RtpValidation.VALID, view.wrap(buf));
            assertEquals(7, view.sequenceNumber());
            assertEquals(1, view.payloadLength());
            assertEquals(0x42, buf.getUnsignedByte(view.payloadOffset()));
            assertSame(buf, view.buffer());
        } finally {
            buf.release();
        }
    }

    @Test
    void settersWriteInPlace() {
        ByteBuf buf = bytes(0x80, 0x00, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 9);
        try {
            view.wrap(buf);
            view.setSequenceNumber(65535);
            view.setTimestamp(0xFFFF_FFFEL);
            view.setSsrc(-2);
            view.setMarker(true);
            view.setPayloadType(101);
            RtpPacket again = new RtpPacket();
            assertEquals(RtpValidation.VALID, again.wrap(buf));
            assertEquals(65535, again.sequenceNumber());
            assertEquals(0xFFFF_FFFEL, again.timestamp());
            assertEquals(-2, again.ssrc());
            assertTrue(again.marker());
            assertEquals(101, again.payloadType());
            again.setMarker(false);
            assertFalse(view.marker());
            assertEquals(101, view.payloadType());
            assertThrows(IllegalArgumentException.class, () -> view.setPayloadType(128));
        } finally {
            buf.release();
        }
    }

    @Test
    void writeHeaderProducesAValidPacket() {
        ByteBuf buf = Unpooled.buffer();
        try {
            RtpPacket.writeHeader(buf, true, 8, 40000, 3_000_000_000L, 0x1234);
            buf.writeZero(160);
            assertEquals(RtpValidation.VALID, view.wrap(buf));
            assertEquals(40000, view.sequenceNumber());
            assertEquals(3_000_000_000L, view.timestamp());
            assertEquals(160, view.payloadLength());
        } finally {
            buf.release();
        }
    }

    @Test
    void rejectsMalformedHeaders() {
        assertRejected(RtpValidation.TOO_SHORT, bytes());
        assertRejected(RtpValidation.TOO_SHORT, bytes(0x80, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0));
        assertRejected(RtpValidation.BAD_VERSION, bytes(0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
        assertRejected(RtpValidation.BAD_VERSION, bytes(0x00, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
        assertRejected(RtpValidation.BAD_VERSION, bytes(0xC0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
        // CC=15 needs 60 bytes of CSRC
        assertRejected(RtpValidation.CSRC_PAST_END, bytes(0x8F, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
        // X set but no room for the extension header
        assertRejected(RtpValidation.EXTENSION_PAST_END, bytes(0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE));
        // extension claims 255 words
        assertRejected(RtpValidation.EXTENSION_PAST_END, bytes(0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 0xFF, 1, 2, 3, 4));
        // padding count 0
        assertRejected(RtpValidation.BAD_PADDING, bytes(0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 0));
        // padding count larger than what follows the header
        assertRejected(RtpValidation.BAD_PADDING, bytes(0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 9));
        // P set with nothing after the header
        assertRejected(RtpValidation.BAD_PADDING, bytes(0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
        // PT 72 (would be RTCP SR under rtcp-mux)
        assertRejected(RtpValidation.BAD_PAYLOAD_TYPE, bytes(0x80, 72, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1));
    }

    private void assertRejected(RtpValidation expected, ByteBuf buf) {
        try {
            assertEquals(expected, view.wrap(buf));
            assertFalse(view.isWrapped());
            assertFalse(expected.isValid());
        } finally {
            buf.release();
        }
    }

    @Test
    void randomGarbageNeverThrows() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            byte[] data = new byte[r.nextInt(80)];
            r.nextBytes(data);
            if (data.length > 0 && r.nextBoolean()) {
                data[0] = (byte) (0x80 | (data[0] & 0x3F)); // mostly version 2, so the deeper checks run
            }
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            RtpValidation v = view.wrap(buf);
            if (v == RtpValidation.VALID) {
                assertTrue(view.payloadOffset() + view.payloadLength() + view.paddingLength() <= data.length);
                assertTrue(view.payloadLength() >= 0);
            }
            buf.release();
        }
    }

    @Test
    void toStringNeverShowsPayload() {
        ByteBuf buf = bytes(0x80, 0x00, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x31, 0x32);
        try {
            view.wrap(buf);
            String s = view.toString();
            assertTrue(s.contains("payload=2B"), s);
            assertFalse(s.contains("49"), s);
        } finally {
            buf.release();
        }
    }
}
