package io.toneguard.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SymmetricLatchTest {
    private static final long MS = 1_000_000L;
    private final InetSocketAddress signalled = new InetSocketAddress("127.0.0.1", 4000);
    private final InetSocketAddress natted = new InetSocketAddress("127.0.0.2", 61000);
    private final InetSocketAddress attacker = new InetSocketAddress("127.0.0.3", 5555);
    private final SymmetricLatch latch = new SymmetricLatch(new LatchPolicy(2, Duration.ofSeconds(1)));

    @Test
    void signalledAddressLatchesAtOnce() {
        latch.expect(signalled);
        assertEquals(signalled, latch.destination());
        assertTrue(latch.admit(signalled, 10, 0, null));
        assertEquals(signalled, latch.latched());
    }

    @Test
    void natAddressLatchesAfterProbationAndBecomesTheDestination() {
        latch.expect(signalled);
        assertFalse(latch.admit(natted, 10, 0, null));
        assertTrue(latch.admit(natted, 11, 20 * MS, null));
        assertEquals(natted, latch.destination());
        assertTrue(latch.admit(natted, 12, 40 * MS, null));
    }

    @Test
    void probationNeedsConsecutiveSequenceNumbers() {
        assertNull(latch.destination());
        assertFalse(latch.admit(natted, 10, 0, null));
        assertFalse(latch.admit(natted, 50, MS, null));
        assertTrue(latch.admit(natted, 51, 2 * MS, null));
    }

    @Test
    void thirdPartyCannotHijackALiveStream() {
        latch.expect(signalled);
        assertTrue(latch.admit(signalled, 1, 0, null));
        for (int i = 0; i < 100; i++) {
            long now = i * 20 * MS;
            assertTrue(latch.admit(signalled, 2 + i, now, null));
            assertFalse(latch.admit(attacker, 1000 + i, now + MS, null));
        }
        assertEquals(signalled, latch.destination());
        assertEquals(100, latch.refused());
    }

    @Test
    void anotherAddressTakesOverOnlyAfterTheLatchedOneFellSilent() {
        latch.expect(signalled);
        assertTrue(latch.admit(signalled, 1, 0, null));
        assertFalse(latch.admit(natted, 100, 500 * MS, null));
        assertFalse(latch.admit(natted, 101, 1100 * MS, null)); // silent long enough, but on probation
        assertTrue(latch.admit(natted, 102, 1120 * MS, null));
        assertEquals(natted, latch.destination());
        assertEquals(1, latch.relatches());
        assertFalse(latch.admit(signalled, 2, 1140 * MS, null));
    }

    @Test
    void rtcpMayOnlyLatchFromTheRtpHost() {
        SymmetricLatch rtcp = new SymmetricLatch(new LatchPolicy(1, Duration.ofSeconds(1)));
        InetAddress host = natted.getAddress();
        assertFalse(rtcp.admit(attacker, -1, 0, host));
        assertTrue(rtcp.admit(new InetSocketAddress(host, 61001), -1, 0, host));
        assertFalse(rtcp.admit(attacker, -1, MS, host));
    }

    @Test
    void newSdpResetsLearning() {
        latch.expect(signalled);
        latch.admit(signalled, 1, 0, null);
        latch.expect(natted);
        assertNull(latch.latched());
        assertTrue(latch.admit(natted, 7, MS, null));
    }
}
