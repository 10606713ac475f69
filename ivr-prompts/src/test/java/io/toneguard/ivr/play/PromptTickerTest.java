package io.toneguard.ivr.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.toneguard.media.testing.NettyLeakGuard;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared prompt ticker on a real event loop: every registered stage is ticked (and generates
 * its packets) by the loop's one timer, closed registrations stop, a failing stage does not stop
 * the others, and the timer is disarmed once no stage is left.
 */
class PromptTickerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final PromptTicker ticker = new PromptTicker();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterAll
    static void noLeaks() {
        NettyLeakGuard.assertNoLeaks();
    }

    /** Counts and releases what a stage generates, on the loop. */
    private static final class Counting implements PacketInjector {
        final AtomicInteger packets = new AtomicInteger();
        final CountDownLatch some;
        final EventExecutor loop;
        volatile boolean onOtherThread;

        Counting(EventExecutor loop, int awaited) {
            this.loop = loop;
            this.some = new CountDownLatch(awaited);
        }

        @Override
        public void inject(ByteBuf packet, long nowNanos) {
            if (!loop.inEventLoop()) {
                onOtherThread = true;
            }
            packet.release();
            packets.incrementAndGet();
            some.countDown();
        }
    }

    private static PlayPromptStage prompting() {
        PlayPromptStage stage = new PlayPromptStage(new PromptPlayer(Runnable::run), 0);
        stage.mode(PlaybackMode.PROMPT); // the agent sends nothing: packets are generated every tick
        return stage;
    }

    private <T> T onLoop(Callable<T> c) throws Exception {
        return loop.submit(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits (boundedly) until {@code condition}, evaluated on the loop, holds. */
    private void awaitOnLoop(Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 1000 && !onLoop(condition); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void oneTimerTicksEveryStageOnTheLoopUntilItsRegistrationCloses() throws Exception {
        Counting a = new Counting(loop, 3);
        Counting b = new Counting(loop, 3);
        PromptTicker.Registration ra = ticker.add(loop, prompting(), a);
        PromptTicker.Registration rb = ticker.add(loop, prompting(), b);
        assertTrue(a.some.await(10, TimeUnit.SECONDS), "stage a generates packets");
        assertTrue(b.some.await(10, TimeUnit.SECONDS), "stage b generates packets");
        assertEquals(2, onLoop(() -> ticker.registered(loop)));
        assertTrue(onLoop(() -> ticker.armed(loop)));
        assertFalse(a.onOtherThread || b.onOtherThread, "ticked on the loop");

        ra.close();
        awaitOnLoop(() -> ticker.registered(loop) == 1);
        assertEquals(1, onLoop(() -> ticker.registered(loop)), "a closed registration is dropped at the next tick");
        int aAfterClose = a.packets.get();
        int bAfterClose = b.packets.get();
        awaitOnLoop(() -> b.packets.get() >= bAfterClose + 3);
        assertTrue(b.packets.get() >= bAfterClose + 3, "the other stage goes on");
        assertEquals(aAfterClose, a.packets.get(), "nothing more from the closed stage");

        rb.close();
        rb.close(); // idempotent
        awaitOnLoop(() -> !ticker.armed(loop));
        assertFalse(onLoop(() -> ticker.armed(loop)), "no stage left: the loop's timer is off");
        assertEquals(0, onLoop(() -> ticker.registered(loop)));

        Counting c = new Counting(loop, 2);
        ticker.add(loop, prompting(), c);
        assertTrue(c.some.await(10, TimeUnit.SECONDS), "the timer is armed again for a new stage");
    }

    @Test
    void aStageClosedBeforeItsFirstTickIsNeverTicked() throws Exception {
        Counting a = new Counting(loop, 1);
        Counting b = new Counting(loop, 3);
        ticker.add(loop, prompting(), a).close();
        ticker.add(loop, prompting(), b);
        assertTrue(b.some.await(10, TimeUnit.SECONDS));
        assertEquals(0, a.packets.get());
    }

    @Test
    void aFailingStageDoesNotStopTheOthers() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        PacketInjector failing = (packet, now) -> {
            packet.release();
            failures.incrementAndGet();
            throw new IllegalStateException("the relay is gone");
        };
        Counting ok = new Counting(loop, 5);
        ticker.add(loop, prompting(), failing);
        ticker.add(loop, prompting(), ok);
        assertTrue(ok.some.await(10, TimeUnit.SECONDS));
        assertTrue(failures.get() >= 2, "the failing stage is ticked again: " + failures.get());
        assertEquals(2, onLoop(() -> ticker.registered(loop)));
    }
}
