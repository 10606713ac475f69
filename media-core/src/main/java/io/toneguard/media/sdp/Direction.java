package io.toneguard.media.sdp;

import java.util.Optional;

/** Media direction (RFC 3264 §5.1), from the point of view of the side that wrote the SDP. */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
    }

    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public String attributeName() {
        return attributeName;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The same stream seen from the other side: sendonly becomes recvonly and vice versa. */
    public Direction reverse() {
        return of(receives, sends);
    }

    /** Both constraints at once: sends only if both send, receives only if both receive. */
    public Direction intersect(Direction other) {
        return of(sends && other.sends, receives && other.receives);
    }

    public DirectionAttribute toAttribute() {
        return new DirectionAttribute(this);
    }
}
