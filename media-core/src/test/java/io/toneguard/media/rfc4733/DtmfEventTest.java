package io.toneguard.media.rfc4733;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DtmfEventTest {

    @Test
    void mapsTheSixteenKeysAndFlash() {
        char[] expected = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D'};
        for (int event = 0; event < 16; event++) {
            assertEquals(expected[event], DtmfEvent.key(event));
            assertEquals(event, DtmfEvent.event(expected[event]));
            assertTrue(DtmfEvent.isDtmf(event));
        }
        assertEquals('!', DtmfEvent.key(DtmfEvent.FLASH));
        assertEquals(16, DtmfEvent.event('!'));
        assertFalse(DtmfEvent.isDtmf(16));
    }

    @Test
    void otherCodesHaveNoKey() {
        assertEquals(DtmfEvent.NO_KEY, DtmfEvent.key(-1));
        assertEquals(DtmfEvent.NO_KEY, DtmfEvent.key(17));
        assertEquals(DtmfEvent.NO_KEY, DtmfEvent.key(255));
        assertFalse(DtmfEvent.isDtmf(-1));
        assertFalse(DtmfEvent.isDtmf(32));
        assertEquals(-1, DtmfEvent.event('E'));
        assertEquals(-1, DtmfEvent.event(' '));
        assertEquals(-1, DtmfEvent.event(DtmfEvent.NO_KEY));
    }

    @Test
    void lowerCaseLettersAreAccepted() {
        assertEquals(12, DtmfEvent.event('a'));
        assertEquals(13, DtmfEvent.event('b'));
        assertEquals(14, DtmfEvent.event('c'));
        assertEquals(15, DtmfEvent.event('d'));
    }
}
