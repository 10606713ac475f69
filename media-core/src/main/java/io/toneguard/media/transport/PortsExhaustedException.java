package io.toneguard.media.transport;

/** No free media port pair could be bound in the configured range. */
public final class PortsExhaustedException extends RuntimeException {
    public PortsExhaustedException(String message) {
        super(message);
    }
}
