package io.toneguard.media.sdp;

import java.util.Objects;
import java.util.Optional;

/** {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} or {@code a=inactive}. */
public record DirectionAttribute(Direction direction) implements Attribute {

    public DirectionAttribute {
        Objects.requireNonNull(direction, "direction");
    }

    @Override
    public String name() {
        return direction.attributeName();
    }

    @Override
    public Optional<String> value() {
        return Optional.empty();
    }
}
