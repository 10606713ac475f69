package io.toneguard.media.pipeline;

import io.netty.buffer.ByteBuf;
import io.toneguard.media.rtp.RtpPacket;
import java.net.InetSocketAddress;

/**
 * The envelope a datagram travels in through a pipeline: the buffer, its kind, the parsed RTP
 * view, where it came from and when it arrived.
 *
 * <p>Each receiving socket owns one context and reuses it for every datagram, so the per-packet
 * path allocates nothing. Stages run synchronously on the socket's event loop: a context is done
 * with once the packet is {@linkplain #release() released} or {@linkplain #handOff() handed off}
 * to a sink. A stage that needs audio later (a delay line) copies it; it never keeps the context.
 */
public final class PacketContext {
    private final RtpPacket rtp = new RtpPacket();
    private ByteBuf buf;
    private PacketKind kind = PacketKind.UNKNOWN;
    private InetSocketAddress sender;
    private long receivedNanos;
    private boolean generated;

    /** Loads a freshly received datagram; the context now owns one reference to {@code datagram}. */
    public PacketContext reset(ByteBuf datagram, InetSocketAddress from, long receivedAtNanos) {
        if (buf != null) {
            throw new IllegalStateException("previous packet was neither released nor handed off");
        }
        this.buf = datagram;
        this.sender = from;
        this.receivedNanos = receivedAtNanos;
        this.kind = PacketKind.UNKNOWN;
        this.generated = false;
        this.rtp.clear();
        return this;
    }

    /**
     * Loads a packet made locally (e.g. a prompt frame sent while the peer sends nothing), not
     * received: it has no sender, and {@link #generated()} is true so that source admission lets it
     * through and stages can tell it from received media. The context owns one reference.
     */
    public PacketContext resetGenerated(ByteBuf packet, long createdAtNanos) {
        reset(packet, null, createdAtNanos);
        this.generated = true;
        return this;
    }

    /** True for a packet made locally ({@link #resetGenerated}), false for one received. */
    public boolean generated() {
        return generated;
    }

    /** The datagram; null once released or handed off. */
    public ByteBuf buffer() {
        return buf;
    }

    /** The RTP view; wrapped only for packets of kind {@link PacketKind#RTP}. */
    public RtpPacket rtp() {
        return rtp;
    }

    public PacketKind kind() {
        return kind;
    }

    public void kind(PacketKind kind) {
        this.kind = kind;
    }

    public InetSocketAddress sender() {
        return sender;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    /** Bytes in the datagram, 0 if it is gone. */
    public int length() {
        return buf == null ? 0 : buf.readableBytes();
    }

    /** True while the context still owns its buffer. */
    public boolean holdsBuffer() {
        return buf != null;
    }

    /**
     * Swaps in another buffer holding the packet (e.g. a copy with room to grow, where the
     * received one is a fixed-size slice of a batch read); the old buffer is released and the RTP
     * view follows the new one.
     */
    public void replaceBuffer(ByteBuf replacement) {
        ByteBuf old = buf;
        if (old == null) {
            replacement.release();
            throw new IllegalStateException("no buffer to replace");
        }
        buf = replacement;
        old.release();
        if (kind == PacketKind.RTP) {
            rtp.wrap(replacement);
        } else {
            rtp.clear();
        }
    }

    /** Releases the buffer (idempotent). */
    public void release() {
        ByteBuf b = buf;
        if (b != null) {
            buf = null;
            rtp.clear();
            b.release();
        }
    }

    /** Gives the buffer (and the duty to release it) to the caller. */
    public ByteBuf handOff() {
        ByteBuf b = buf;
        if (b == null) {
            throw new IllegalStateException("no buffer to hand off");
        }
        buf = null;
        rtp.clear();
        return b;
    }
}
