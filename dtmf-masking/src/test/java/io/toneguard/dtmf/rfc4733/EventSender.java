package io.toneguard.dtmf.rfc4733;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.toneguard.media.rfc4733.Rfc4733Payload;
import io.toneguard.media.rtp.RtpPacket;
import io.toneguard.media.rtp.RtpValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds telephone-event RTP packets in {@link ByteBuf}s as a sender would, and delivers them to a tracker
 * (now, or later in any order). Every buffer is released once delivered or by {@link #releaseAll()}; unpooled
 * buffers keep a reference count of 0 once released, so {@link #assertAllReleased()} can check them all.
 */
final class EventSender {
    static final int PT = 101;
    /** Nanoseconds per sample at 8 kHz. */
    static final long NANOS_PER_SAMPLE = 125_000;

    private final Rfc4733EventTracker tracker;
    private final RtpPacket view = new RtpPacket();
    private final List<ByteBuf> pending = new ArrayList<>();
    private final List<ByteBuf> allocated = new ArrayList<>();
    int ssrc;
    int seq = 1000;
    /** The arrival clock handed to the tracker. */
    long nowNanos;

    EventSender(Rfc4733EventTracker tracker, int ssrc) {
        this.tracker = tracker;
        this.ssrc = ssrc;
    }

    /** A packet of one block, kept for {@link #deliver}. */
    ByteBuf packet(long timestamp, int event, boolean end, int duration) {
        return packet(timestamp, new int[] {event, end ? 1 : 0, duration});
    }

    /** A packet of several blocks, each {@code {event, end 0/1, duration}}, kept for {@link #deliver}. */
    ByteBuf packet(long timestamp, int[]... blocks) {
        ByteBuf buf = track(Unpooled.buffer(12 + 4 * blocks.length));
        RtpPacket.writeHeader(buf, false, PT, seq++, timestamp, ssrc);
        for (int[] b : blocks) {
            Rfc4733Payload.write(buf, buf.writerIndex(), b[0], b[1] != 0, 10, b[2]);
            buf.writerIndex(buf.writerIndex() + 4);
        }
        pending.add(buf);
        return buf;
    }

    /** A packet with a raw payload (possibly malformed), kept for {@link #deliver}. */
    ByteBuf rawPacket(long timestamp, byte[] payload) {
        ByteBuf buf = track(Unpooled.buffer(12 + payload.length));
        RtpPacket.writeHeader(buf, false, PT, seq++, timestamp, ssrc);
        buf.writeBytes(payload);
        pending.add(buf);
        return buf;
    }

    /** A byte-for-byte copy of a pending packet, as a network duplicate; kept for {@link #deliver}. */
    ByteBuf copyOf(ByteBuf packet) {
        ByteBuf copy = track(Unpooled.buffer(packet.readableBytes()));
        copy.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
        pending.add(copy);
        return copy;
    }

    /** Hands a built packet to the tracker at {@link #nowNanos} and releases it. */
    void deliver(ByteBuf packet) {
        if (!pending.removeIf(b -> b == packet)) {
            throw new IllegalStateException("not a pending packet");
        }
        try {
            if (view.wrap(packet) != RtpValidation.VALID) {
                throw new IllegalStateException("bad RTP");
            }
            tracker.accept(view, nowNanos);
        } finally {
            view.clear();
            packet.release();
        }
    }

    /** Builds and delivers one single-block packet at once. */
    void send(long timestamp, int event, boolean end, int duration) {
        deliver(packet(timestamp, event, end, duration));
    }

    /**
     * A whole press as a sender emits it, one packet per 20 ms (160 samples) with the arrival clock
     * following the timestamps: start (duration 0), updates, then three end packets with the full duration.
     */
    void press(long timestamp, int event, int durationSamples) {
        nowNanos = timestamp * NANOS_PER_SAMPLE;
        for (int d = 0; d < durationSamples; d += 160) {
            send(timestamp, event, false, d);
            nowNanos += 160 * NANOS_PER_SAMPLE;
        }
        for (int i = 0; i < 3; i++) {
            send(timestamp, event, true, durationSamples);
        }
    }

    /** Fails if any buffer this sender allocated is still referenced. */
    void assertAllReleased() {
        for (ByteBuf b : allocated) {
            if (b.refCnt() != 0) {
                throw new AssertionError("a packet buffer was not released");
            }
        }
    }

    private ByteBuf track(ByteBuf buf) {
        allocated.add(buf);
        return buf;
    }

    /** Releases packets built but never delivered. */
    void releaseAll() {
        for (ByteBuf b : pending) {
            b.release();
        }
        pending.clear();
    }
}
