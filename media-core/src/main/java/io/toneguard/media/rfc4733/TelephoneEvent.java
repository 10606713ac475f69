package io.toneguard.media.rfc4733;

import io.netty.buffer.ByteBuf;

/**
 * One telephone-event block as a value, for tests and diagnostics (it allocates; the media path uses
 * {@link Rfc4733Payload}). Its {@link #toString()} never shows the event code: digits are card data.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Checks the ranges: event 0-255, volume 0-63, duration 0-65535. */
    public TelephoneEvent {
        if (event < 0 || event > Rfc4733Payload.MAX_EVENT || volume < 0 || volume > Rfc4733Payload.MAX_VOLUME
                || duration < 0 || duration > Rfc4733Payload.MAX_DURATION) {
            throw new IllegalArgumentException("telephone-event field out of range");
        }
    }

    /** Reads the block at absolute {@code index}. */
    public static TelephoneEvent read(ByteBuf buf, int index) {
        return new TelephoneEvent(Rfc4733Payload.event(buf, index), Rfc4733Payload.isEnd(buf, index),
                Rfc4733Payload.volume(buf, index), Rfc4733Payload.duration(buf, index));
    }

    /** Writes this block at absolute {@code index}. */
    public void write(ByteBuf buf, int index) {
        Rfc4733Payload.write(buf, index, event, end, volume, duration);
    }

    /** Redacted: shows end, volume and duration, never the event code. */
    @Override
    public String toString() {
        return "TelephoneEvent[event=<redacted>, end=" + end + ", volume=" + volume + ", duration=" + duration + ']';
    }
}
