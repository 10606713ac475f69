package io.toneguard.media.sdp;

/** Supplies the local RTP port for an accepted m-line (asked only for lines that are accepted). */
@FunctionalInterface
public interface LocalPorts {
    int portFor(int mediaIndex);

    /** Fixed ports, one per m-line index. */
    static LocalPorts of(int... ports) {
        int[] copy = ports.clone();
        return i -> {
            if (i >= copy.length) {
                throw new IllegalArgumentException("no local port for m-line " + i);
            }
            return copy[i];
        };
    }
}
