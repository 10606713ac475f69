package io.toneguard.server.recording;

/**
 * One channel of a recording: where each packet goes on the recording's timeline, and the ring of
 * samples not yet handed to the writer. Used by the call's media thread only.
 *
 * <p>Placement: the first packet of a talk-spurt goes where it arrived (never before the end of
 * what the channel already has); the following packets of the same source follow its RTP
 * timestamps, so arrival jitter does not tear the audio and a lost packet leaves exactly its
 * length of silence. A packet whose timestamp would put it more than {@link #AHEAD} after its
 * arrival (a silence-suppression gap the timestamps skip, a fast sender clock) or more than
 * {@link #MAX_LAG} before it (a slow clock, a long stall) starts a new talk-spurt. A packet older
 * than the latest (reordered, duplicated) goes to its own slot if that is still in the ring.
 */
final class ChannelTrack {
    /** Ring size: one second. */
    static final int RING = 8000;
    /** Continuity may run this far ahead of arrival before the channel re-anchors (60 ms). */
    static final int AHEAD = 480;
    /** ... or this far behind it (120 ms). */
    static final int MAX_LAG = 960;
    /** A packet older than the latest by more than this is a timestamp jump, not reordering (1 s). */
    static final int MAX_REORDER = 8000;

    final short[] ring = new short[RING];
    /** Timeline position just after the latest packet (never decreases). */
    long end;
    private boolean anchored;
    private int ssrc;
    /** RTP timestamp of the sample at {@link #end}. */
    private long endTimestamp;

    long recorded;
    long ignored;
    long late;
    long silenced;

    /**
     * The timeline position of a packet's first sample.
     *
     * @param arrival where its arrival time falls on the timeline
     */
    long place(int packetSsrc, long timestamp, int samples, long arrival) {
        if (anchored && packetSsrc == ssrc) {
            int delta = (int) (timestamp - endTimestamp); // RTP timestamps wrap at 2^32
            long p = end + delta;
            if (delta < 0 && delta >= -MAX_REORDER) {
                return p; // reordered or repeated: its own slot; the anchor stays
            }
            if (delta >= 0 && p <= arrival + AHEAD && p >= arrival - MAX_LAG) {
                end = p + samples;
                endTimestamp = timestamp + samples;
                return p;
            }
        }
        long p = Math.max(arrival, end); // a new talk-spurt: where it arrived, never backwards
        anchored = true;
        ssrc = packetSsrc;
        end = p + samples;
        endTimestamp = timestamp + samples;
        return p;
    }
}
