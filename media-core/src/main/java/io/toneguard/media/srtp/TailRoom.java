package io.toneguard.media.srtp;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.pipeline.PacketContext;

/**
 * Makes sure a packet about to be protected can grow by its tag. A datagram from Netty's epoll
 * read is a retained slice (its capacity is its length, the bytes after it belong to the parent):
 * it is copied once into a pooled buffer with room, never written past its end.
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
