package io.toneguard.media.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The guard must actually catch a leak, or every "no leaks" assertion in the suite is hollow. */
class NettyLeakGuardTest {
    @Test
    void reportsABufferThatWasNeverReleased() {
        leakOne();
        AssertionError caught = null;
        for (int attempt = 0; attempt < 20 && caught == null; attempt++) {
            try {
                NettyLeakGuard.assertNoLeaks();
            } catch (AssertionError e) {
                caught = e;
            }
        }
        assertTrue(caught != null && caught.getMessage().contains("LEAK"), "the leak went unnoticed");
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
