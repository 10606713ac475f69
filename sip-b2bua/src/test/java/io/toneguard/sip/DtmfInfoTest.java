package io.toneguard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DtmfInfoTest {
    private static int relay(String body) {
        return DtmfInfo.event("dtmf-relay", body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void dtmfRelayBodies() {
        assertEquals(5, relay("Signal=5\r\nDuration=160\r\n"));
        assertEquals(10, relay("signal= *\r\nDuration=100"));
        assertEquals(11, relay("Signal=#\r\n"));
        assertEquals(12, relay("Signal=A\r\n"));
        assertEquals(11, relay("Signal=11\r\n"));
        assertEquals(-1, relay("Duration=160\r\n"));
        assertEquals(-1, relay("Signal=\r\n"));
        assertEquals(-1, relay("Signal=X\r\n"));
        assertEquals(-1, relay("Signal=99\r\n"));
    }

    @Test
    void dtmfBodies() {
        assertEquals(7, DtmfInfo.event("dtmf", "7".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, DtmfInfo.event("DTMF", "\r\n0\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, DtmfInfo.event("dtmf", new byte[0]));
        assertEquals(-1, DtmfInfo.event("plain", "5".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-1, DtmfInfo.event("dtmf-relay", null));
    }
}
