package io.toneguard.media.rfc4733;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void toStringNeverShowsTheEventCode() {
        String zero = new TelephoneEvent(0, true, 10, 800).toString();
        assertEquals("TelephoneEvent[event=<redacted>, end=true, volume=10, duration=800]", zero);
        for (int event = 0; event <= 255; event++) {
            // the text is the same for every event code, so it tells nothing about the key
            assertEquals(zero, new TelephoneEvent(event, true, 10, 800).toString());
        }
        String text = new TelephoneEvent(11, false, 0, 0).toString();
        assertFalse(text.contains("#") || text.contains("11"), text);
    }

    @Test
    void writesAndReadsBack() {
        ByteBuf buf = Unpooled.buffer(8);
        try {
            TelephoneEvent e = new TelephoneEvent(12, false, 63, 65535);
            e.write(buf, 4);
            assertEquals(e, TelephoneEvent.read(buf, 4));
            assertEquals(0x0C3FFFFF, buf.getInt(4));
        } finally {
            buf.release();
        }
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(256, true, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(-1, true, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, true, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, true, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, true, 0, 65536));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, true, 0, -1));
    }
}
