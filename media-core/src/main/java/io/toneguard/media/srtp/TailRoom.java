package io.toneguard.media.srtp;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.PacketContext;

/**
 * Makes sure a packet about to be protected can grow by its tag. A datagram from a batched read
 * (epoll recvmmsg) is a fixed-size slice of a shared buffer: it is copied once into a pooled
 * buffer with room, rather than written past its end.
 */
final class TailRoom {
    private TailRoom() {
    }

    static void ensure(PacketContext p) {
        ByteBuf b = p.buffer();
        if (b.maxWritableBytes() < SrtpBuffer.TAIL_ROOM) {
            ByteBuf bigger = b.alloc().buffer(b.readableBytes() + SrtpBuffer.TAIL_ROOM);
            bigger.writeBytes(b, b.readerIndex(), b.readableBytes());
            p.replaceBuffer(bigger);
        }
    }
}
