package io.toneguard.ivr.play;

import io.netty.buffer.ByteBuf;

/**
 * Sends a generated RTP packet toward the caller through the rest of the direction's pipeline
 * (in a call: {@code RtpRelay::injectBToA}). Takes ownership of the packet.
 */
@FunctionalInterface
public interface PacketInjector {
    void inject(ByteBuf packet, long nowNanos);
}
