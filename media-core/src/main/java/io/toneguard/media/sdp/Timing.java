package io.toneguard.media.sdp;

import java.util.List;
import java.util.regex.Pattern;

/** A {@code t=<start> <stop>} line with the {@code r=} repeat lines that follow it (kept as text). */
public record Timing(long start, long stop, List<String> repeats) {

    private static final Pattern REPEAT = Pattern.compile("-?[0-9]{1,18}[dhms]?( -?[0-9]{1,18}[dhms]?){2,}");

    /** {@code t=0 0}: an unbounded session, what every telephony SDP carries. */
    public static final Timing UNBOUNDED = new Timing(0, 0, List.of());

    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("t= times must not be negative");
        }
        repeats = List.copyOf(repeats);
        for (String r : repeats) {
            validateRepeat(r);
        }
    }

    static void validateRepeat(String r) {
        if (!REPEAT.matcher(r).matches()) {
            throw new IllegalArgumentException("r= must be '<interval> <duration> <offsets>...'");
        }
    }

    public static Timing parse(String value) {
        List<String> f = SdpSyntax.fields(value, "t=");
        if (f.size() != 2) {
            throw new IllegalArgumentException("t= must be '<start-time> <stop-time>'");
        }
        return new Timing(SdpSyntax.parseLong(f.get(0), 18, "t= start time"),
                SdpSyntax.parseLong(f.get(1), 18, "t= stop time"), List.of());
    }

    Timing withRepeat(String r) {
        List<String> all = new java.util.ArrayList<>(repeats);
        all.add(r);
        return new Timing(start, stop, all);
    }

    public String encode() {
        return start + " " + stop;
    }
}
