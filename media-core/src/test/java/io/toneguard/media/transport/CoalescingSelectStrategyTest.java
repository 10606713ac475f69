package io.toneguard.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.EventLoop;
import io.netty.channel.SelectStrategy;
import io.toneguard.media.relay.RtpRelay;
import io.toneguard.media.testing.NettyLeakGuard;
import io.toneguard.media.testing.RtpPackets;
import io.toneguard.media.testing.UdpPeer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read coalescing: the strategy's decisions (block when idle, gather after work, poll before tasks)
 * and a relay on a coalescing transport, epoll and NIO, that still delivers every packet in order
 * and runs tasks handed to its loop.
 */
class CoalescingSelectStrategyTest {
    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    @Test
    void blocksWhenIdleGathersAfterWorkAndPollsBeforeTasks() throws Exception {
        CoalescingSelectStrategy s = new CoalescingSelectStrategy(1_000);
        int[] ready = {0};
        int[] polls = {0};
        io.netty.util.IntSupplier poll = () -> {
            polls[0]++;
            return ready[0];
        };
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(poll, false), "nothing known yet: block");
        ready[0] = 3;
        assertEquals(3, s.calculateStrategy(poll, false), "after a wake-up: gather, then poll");
        assertEquals(3, s.calculateStrategy(poll, false), "still busy: gather again");
        ready[0] = 0;
        assertEquals(0, s.calculateStrategy(poll, false), "a pass that finds nothing");
        assertEquals(SelectStrategy.SELECT, s.calculateStrategy(poll, false), "then block again");
        int before = polls[0];
        ready[0] = 1;
        assertEquals(1, s.calculateStrategy(poll, true), "tasks waiting: poll at once");
        assertEquals(before + 1, polls[0]);
        assertThrows(IllegalArgumentException.class, () -> new CoalescingSelectStrategy(0));
    }

    @Test
    void outOfRangePeriodsAreRefused() {
        MediaTransportConfig c = MediaTransportConfig.defaults();
        assertEquals(0, c.coalesceMicros());
        assertThrows(IllegalArgumentException.class, () -> c.withCoalesceMicros(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withCoalesceMicros(MediaTransportConfig.MAX_COALESCE_MICROS + 1));
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void aRelayOnACoalescingTransportDeliversEveryPacketInOrderAndRunsTasks(boolean epoll) throws Exception {
        MediaTransport transport = MediaTransport.start(MediaTransportConfig.defaults().withPorts(31400, 31499)
                .withIoThreads(1).withPreferNative(epoll).withCoalesceMicros(2_000));
        try (UdpPeer caller = new UdpPeer(); UdpPeer agent = new UdpPeer()) {
            EventLoop loop = transport.nextEventLoop();
            MediaEndpoint a = transport.openEndpoint(loop, "caller", false);
            MediaEndpoint b = transport.openEndpoint(loop, "agent", false);
            a.expectPeer(caller.address(), null, false);
            b.expectPeer(agent.address(), null, false);
            RtpRelay relay = RtpRelay.builder("coalescing", a, b).start();
            int seq = -1;
            int sentCount = 0;
            for (int i = 0; i < 400; i++) {
                // bursts, then single packets with pauses (the loop goes idle and blocks in between)
                int n = i < 200 ? 8 : 1;
                byte[][] sent = new byte[n][];
                for (int k = 0; k < n; k++) {
                    byte[] payload = new byte[160];
                    Arrays.fill(payload, (byte) sentCount);
                    sent[k] = payload;
                    caller.send(RtpPackets.rtp(0, false, sentCount & 0xFFFF, 160L * sentCount, 0x1111, payload),
                            a.localRtpAddress());
                    sentCount++;
                }
                for (int k = 0; k < n; k++) {
                    byte[] got = agent.receive(2000);
                    assertNotNull(got, "packet " + k + " of round " + i);
                    assertArrayEquals(sent[k], Arrays.copyOfRange(got, 12, got.length));
                    if (seq >= 0) {
                        assertEquals((seq + 1) & 0xFFFF, RtpPackets.seq(got), "in order");
                    }
                    seq = RtpPackets.seq(got);
                }
                if (i % 50 == 0) {
                    int round = i;
                    assertEquals(round, loop.submit(() -> round).get(5, TimeUnit.SECONDS).intValue(), "a task handed to the loop runs");
                }
                if (n == 1 && i % 20 == 0) {
                    Thread.sleep(5);
                }
            }
            assertNull(agent.receive(50));
            relay.close();
            a.close();
            b.close();
        } finally {
            transport.close();
        }
    }
}
