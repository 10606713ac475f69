package io.toneguard.sip;

/**
 * How long a call's media has been silent: the packet count seen at the last check, and when it
 * last moved. Checked once a second by the B2BUA's timer (one thread), under the call's lock.
 */
final class MediaActivity {
    private long lastPackets = -1;
    private long lastActivityNanos;

    /** The media (re)starts now: silence is counted from here. */
    void reset(long now) {
        lastPackets = -1;
        lastActivityNanos = now;
    }

    /**
     * How long no packet has arrived, in nanoseconds.
     *
     * @param packets packets received so far, both ways
     * @param expectSilence on hold: silence is expected, so it counts as activity
     */
    long silentFor(long now, long packets, boolean expectSilence) {
        if (packets != lastPackets || expectSilence) {
            lastPackets = packets;
            lastActivityNanos = now;
        }
        return now - lastActivityNanos;
    }
}
