package io.toneguard.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed look-ups over an attribute list, shared by the session and media levels. */
final class Attributes {
    private Attributes() {
    }

    static <T extends Attribute> List<T> ofType(List<Attribute> attributes, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return List.copyOf(out);
    }

    static <T extends Attribute> Optional<T> first(List<Attribute> attributes, Class<T> type) {
        for (Attribute a : attributes) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    static List<Attribute> named(List<Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).toList();
    }

    static Optional<Direction> direction(List<Attribute> attributes) {
        return first(attributes, DirectionAttribute.class).map(DirectionAttribute::direction);
    }

    static List<Attribute> withDirection(List<Attribute> attributes, Direction direction) {
        List<Attribute> out = new ArrayList<>();
        boolean placed = false;
        for (Attribute a : attributes) {
            if (a instanceof DirectionAttribute) {
                if (!placed) {
                    out.add(direction.toAttribute());
                    placed = true;
                }
            } else {
                out.add(a);
            }
        }
        if (!placed) {
            out.add(direction.toAttribute());
        }
        return out;
    }
}
