package io.toneguard.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    @Test
    void handsOutEvenPortsUntilExhausted() {
        PortAllocator a = new PortAllocator(30001, 30009); // rounds up to 30002: pairs 30002,30004,30006,30008
        assertEquals(4, a.capacity());
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int p = a.acquire();
            assertEquals(0, p & 1);
            got.add(p);
        }
        assertEquals(Set.of(30002, 30004, 30006, 30008), got);
        assertEquals(-1, a.acquire());
        a.release(30004);
        assertEquals(30004, a.acquire());
    }

    @Test
    void doesNotReuseAJustReleasedPortWhileOthersAreFree() {
        PortAllocator a = new PortAllocator(30000, 30099);
        int first = a.acquire();
        a.release(first);
        assertNotEquals(first, a.acquire());
    }

    @Test
    void rejectsBadRangesAndForeignPorts() {
        assertThrows(IllegalArgumentException.class, () -> new PortAllocator(80, 1000));
        assertThrows(IllegalArgumentException.class, () -> new PortAllocator(30000, 30000));
        assertThrows(IllegalArgumentException.class, () -> new PortAllocator(30000, 70000));
        PortAllocator a = new PortAllocator(30000, 30099);
        assertThrows(IllegalArgumentException.class, () -> a.release(30001));
        assertThrows(IllegalArgumentException.class, () -> a.release(40000));
    }
}
