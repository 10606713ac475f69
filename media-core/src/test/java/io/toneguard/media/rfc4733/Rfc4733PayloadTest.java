package io.toneguard.media.rfc4733;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.toneguard.media.testing.AllocationMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc4733PayloadTest {

    private ByteBuf buf;

    @BeforeEach
    void allocate() {
        buf = Unpooled.buffer(64);
    }

    @AfterEach
    void release() {
        assertTrue(buf.release());
    }

    @Test
    void decodesTheRfcLayoutByteByByte() {
        // event 5, E=1, R=0, volume 10 (-10 dBm0), duration 800 (100 ms at 8 kHz)
        buf.writeBytes(new byte[] {0x05, (byte) 0x8A, 0x03, 0x20});
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 0, 4));
        assertEquals(5, Rfc4733Payload.event(buf, 0));
        assertTrue(Rfc4733Payload.isEnd(buf, 0));
        assertFalse(Rfc4733Payload.isReservedBitSet(buf, 0));
        assertEquals(10, Rfc4733Payload.volume(buf, 0));
        assertEquals(800, Rfc4733Payload.duration(buf, 0));
    }

    @Test
    void writesTheRfcLayoutByteByByte() {
        assertTrue(Rfc4733Payload.write(buf, 0, 11, false, 7, 160));
        assertEquals("0b070 0a0".replace(" ", ""), ByteBufUtil.hexDump(buf, 0, 4));
        assertEquals(0, buf.writerIndex(), "write is absolute");
    }

    @ParameterizedTest(name = "event={0} end={1} volume={2} duration={3}")
    @CsvSource({
        "0, false, 0, 0",
        "255, true, 63, 65535",
        "16, true, 0, 65535",
        "15, false, 63, 1",
        "1, true, 1, 32768",
        "128, false, 32, 65534",
    })
    void roundTripsAtFieldBoundaries(int event, boolean end, int volume, int duration) {
        buf.writerIndex(12);
        assertTrue(Rfc4733Payload.write(buf, 8, event, end, volume, duration));
        assertEquals(event, Rfc4733Payload.event(buf, 8));
        assertEquals(end, Rfc4733Payload.isEnd(buf, 8));
        assertEquals(volume, Rfc4733Payload.volume(buf, 8));
        assertEquals(duration, Rfc4733Payload.duration(buf, 8));
        assertFalse(Rfc4733Payload.isReservedBitSet(buf, 8));
        assertEquals(new TelephoneEvent(event, end, volume, duration), TelephoneEvent.read(buf, 8));
    }

    @Test
    void reservedBitIsIgnoredByTheOtherAccessors() {
        buf.writeBytes(new byte[] {0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertTrue(Rfc4733Payload.isReservedBitSet(buf, 0));
        assertTrue(Rfc4733Payload.isEnd(buf, 0));
        assertEquals(63, Rfc4733Payload.volume(buf, 0));
        assertEquals(65535, Rfc4733Payload.duration(buf, 0));
        buf.setByte(1, 0x40);
        assertFalse(Rfc4733Payload.isEnd(buf, 0));
        assertEquals(0, Rfc4733Payload.volume(buf, 0));
    }

    @ParameterizedTest(name = "event={0} volume={1} duration={2}")
    @CsvSource({
        "1, 64, 100",
        "1, -1, 100",
        "1, 255, 100",
        "256, 10, 100",
        "-1, 10, 100",
        "1, 10, 65536",
        "1, 10, -1",
    })
    void writerRejectsOutOfRangeFieldsAndWritesNothing(int event, int volume, int duration) {
        buf.setInt(0, 0xDEADBEEF);
        assertFalse(Rfc4733Payload.write(buf, 0, event, true, volume, duration));
        assertEquals(0xDEADBEEF, buf.getInt(0));
    }

    @Test
    void threeRedundantEndPacketsCarryTheSameEvent() {
        // RFC 4733 §2.5.1.4: the final packet of an event is sent three times, same timestamp, E=1
        int[] starts = {0, 4, 8};
        for (int start : starts) {
            assertTrue(Rfc4733Payload.write(buf, start, 9, true, 10, 1280));
        }
        buf.writerIndex(12);
        TelephoneEvent first = TelephoneEvent.read(buf, 0);
        for (int start : starts) {
            assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, start, 4));
            assertEquals(first, TelephoneEvent.read(buf, start));
            assertTrue(Rfc4733Payload.isEnd(buf, start));
        }
    }

    @Test
    void eventGrowsThenEnds() {
        // updates of one event: same event code, duration grows, only the last has E=1
        for (int d = 160; d <= 800; d += 160) {
            assertTrue(Rfc4733Payload.write(buf, 0, 4, false, 10, d));
            assertEquals(d, Rfc4733Payload.duration(buf, 0));
            assertFalse(Rfc4733Payload.isEnd(buf, 0));
        }
        Rfc4733Payload.setEnd(buf, 0, true);
        assertTrue(Rfc4733Payload.isEnd(buf, 0));
        assertEquals(4, Rfc4733Payload.event(buf, 0));
        assertEquals(10, Rfc4733Payload.volume(buf, 0));
        assertEquals(800, Rfc4733Payload.duration(buf, 0));
        Rfc4733Payload.setEnd(buf, 0, false);
        assertFalse(Rfc4733Payload.isEnd(buf, 0));
        assertEquals(10, Rfc4733Payload.volume(buf, 0));
    }

    @Test
    void longEventSegmentsSaturateAt65535() {
        // RFC 4733 §2.5.1.3: a segment's duration stops at 0xFFFF, the next segment starts a new timestamp
        assertTrue(Rfc4733Payload.write(buf, 0, 0, false, 0, 65535));
        assertEquals(65535, Rfc4733Payload.duration(buf, 0));
        assertFalse(Rfc4733Payload.setDuration(buf, 0, 65536));
        assertEquals(65535, Rfc4733Payload.duration(buf, 0));
        assertTrue(Rfc4733Payload.setDuration(buf, 0, 0));
        assertEquals(0, Rfc4733Payload.duration(buf, 0));
        assertEquals(0, Rfc4733Payload.event(buf, 0));
    }

    @Test
    void validationOfLengths() {
        buf.writerIndex(16);
        assertEquals(Rfc4733Validation.TOO_SHORT, Rfc4733Payload.validate(buf, 0, 0));
        assertEquals(Rfc4733Validation.TOO_SHORT, Rfc4733Payload.validate(buf, 0, 1));
        assertEquals(Rfc4733Validation.TOO_SHORT, Rfc4733Payload.validate(buf, 0, 3));
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 0, 4));
        assertEquals(Rfc4733Validation.BAD_LENGTH, Rfc4733Payload.validate(buf, 0, 5));
        assertEquals(Rfc4733Validation.BAD_LENGTH, Rfc4733Payload.validate(buf, 0, 7));
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 0, 8));
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 0, 16));
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 12, 4));
    }

    @Test
    void validationOfTruncatedPayloads() {
        buf.writeBytes(new byte[] {0x05, (byte) 0x8A, 0x03});  // 3 readable bytes
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, 0, 4));
        assertEquals(Rfc4733Validation.TOO_SHORT, Rfc4733Payload.validate(buf, 0, 3));
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, 2, 4));
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, -1, 4));
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, 0, -4));
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, Integer.MAX_VALUE, 4));
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, 4, Integer.MAX_VALUE));
        // bytes beyond the writer index are not payload, even though the capacity holds them
        assertEquals(64, buf.capacity());
        assertEquals(Rfc4733Validation.TRUNCATED, Rfc4733Payload.validate(buf, 0, 8));
    }

    @Test
    void packedEventsAreAllReadable() {
        // RFC 4733 §2.5.1.5: consecutive events may share a packet, one block each
        assertTrue(Rfc4733Payload.write(buf, 0, 1, true, 10, 800));
        assertTrue(Rfc4733Payload.write(buf, 4, 2, true, 10, 800));
        assertTrue(Rfc4733Payload.write(buf, 8, 3, false, 10, 400));
        buf.writerIndex(12);
        assertEquals(Rfc4733Validation.VALID, Rfc4733Payload.validate(buf, 0, 12));
        assertEquals(3, Rfc4733Payload.blockCount(12));
        for (int i = 0; i < Rfc4733Payload.blockCount(12); i++) {
            assertEquals(i + 1, Rfc4733Payload.event(buf, i * Rfc4733Payload.BLOCK_LENGTH));
        }
        assertEquals(0, Rfc4733Payload.blockCount(3));
        assertEquals(0, Rfc4733Payload.blockCount(-4));
        assertEquals(1, Rfc4733Payload.blockCount(7));
    }

    @Test
    void accessorsDoNotAllocate() {
        ByteBuf plain = Unpooled.wrappedBuffer(new byte[8]);  // not leak-tracked
        try {
            long bytes = AllocationMeter.allocatedBytes(() -> {
                int sum = 0;
                for (int i = 0; i < 10_000; i++) {
                    Rfc4733Payload.write(plain, 4, i & 0xFF, (i & 1) == 0, i & 63, i & 0xFFFF);
                    plain.writerIndex(8);
                    if (Rfc4733Payload.validate(plain, 4, 4) == Rfc4733Validation.VALID) {
                        sum += Rfc4733Payload.event(plain, 4) + Rfc4733Payload.volume(plain, 4)
                                + Rfc4733Payload.duration(plain, 4) + (Rfc4733Payload.isEnd(plain, 4) ? 1 : 0)
                                + DtmfEvent.key(i & 31);
                    }
                }
                assertTrue(sum > 0);
            });
            assertEquals(0, bytes, "bytes allocated");
        } finally {
            plain.release();
        }
    }
}
