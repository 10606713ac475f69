package io.toneguard.media.sdp;

import java.util.Objects;

/** A telephone-event (RFC 4733) payload type offered in an m= line, with its clock rate and events. */
public record TelephoneEvent(int payloadType, int clockRate, EventSet events) {
    public TelephoneEvent {
        Objects.requireNonNull(events, "events");
    }
}
