package io.toneguard.harness.rtp;

import io.toneguard.harness.rtp.RtpPcapWriter.TimedPacket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What a network does to a stream on its way, applied by the sender to numbered packets: random loss,
 * bursts of consecutive losses, reordering (a packet swapped with the next) and jitter (each packet
 * delayed by a random 0 to {@code jitterMillis}, so that packets may overtake each other). Seeded:
 * the same impairment on the same packets always gives the same result.
 *
 * @param lossPercent chance of each packet being lost
 * @param burstPercent chance of a burst of losses starting at each packet
 * @param burstLength packets lost in a burst
 * @param reorderPercent chance of each packet being sent after the one that follows it
 * @param jitterMillis largest extra delay of a packet
 * @param seed the random sequence
 */
public record RtpImpairment(double lossPercent, double burstPercent, int burstLength, double reorderPercent,
        double jitterMillis, long seed) {
    /** A perfect network. */
    public static final RtpImpairment NONE = new RtpImpairment(0, 0, 0, 0, 0, 1);

    public RtpImpairment {
        if (!(lossPercent >= 0 && lossPercent < 100 && burstPercent >= 0 && burstPercent < 100
                && reorderPercent >= 0 && reorderPercent <= 100 && jitterMillis >= 0 && jitterMillis <= 1000)) {
            throw new IllegalArgumentException("percentages 0-100, jitter 0-1000 ms");
        }
        if (burstLength < 0 || (burstPercent > 0 && burstLength == 0)) {
            throw new IllegalArgumentException("a burst needs a length");
        }
    }

    public static RtpImpairment loss(double percent, long seed) {
        return new RtpImpairment(percent, 0, 0, 0, 0, seed);
    }

    public static RtpImpairment bursts(double percent, int length, long seed) {
        return new RtpImpairment(0, percent, length, 0, 0, seed);
    }

    public static RtpImpairment reorder(double percent, long seed) {
        return new RtpImpairment(0, 0, 0, percent, 0, seed);
    }

    public static RtpImpairment jitter(double millis, long seed) {
        return new RtpImpairment(0, 0, 0, 0, millis, seed);
    }

    /** The packets as they would arrive, in arrival order with their arrival offsets. */
    public List<TimedPacket> apply(List<TimedPacket> sent) {
        Random random = new Random(seed);
        List<TimedPacket> kept = new ArrayList<>();
        int burstLeft = 0;
        for (TimedPacket p : sent) {
            if (burstLeft == 0 && burstPercent > 0 && random.nextDouble() * 100 < burstPercent) {
                burstLeft = burstLength;
            }
            if (burstLeft > 0) {
                burstLeft--;
                continue;
            }
            if (lossPercent > 0 && random.nextDouble() * 100 < lossPercent) {
                continue;
            }
            kept.add(p);
        }
        for (int i = 0; i + 1 < kept.size(); i++) {
            if (reorderPercent > 0 && random.nextDouble() * 100 < reorderPercent) {
                TimedPacket a = kept.get(i);
                TimedPacket b = kept.get(i + 1);
                // b goes first, at a's time; a follows at b's time
                kept.set(i, new TimedPacket(a.offsetMicros(), b.payloadType(), b.rtp()));
                kept.set(i + 1, new TimedPacket(b.offsetMicros(), a.payloadType(), a.rtp()));
                i++;
            }
        }
        if (jitterMillis > 0) {
            List<TimedPacket> late = new ArrayList<>(kept.size());
            for (TimedPacket p : kept) {
                long delay = Math.round(random.nextDouble() * jitterMillis * 1000);
                late.add(new TimedPacket(p.offsetMicros() + delay, p.payloadType(), p.rtp()));
            }
            late.sort(Comparator.comparingLong(TimedPacket::offsetMicros));
            kept = late;
        }
        return kept;
    }

    @Override
    public String toString() {
        if (equals(NONE)) {
            return "no impairment";
        }
        StringBuilder b = new StringBuilder();
        if (lossPercent > 0) {
            b.append(lossPercent).append("% loss ");
        }
        if (burstPercent > 0) {
            b.append(burstPercent).append("% bursts of ").append(burstLength).append(' ');
        }
        if (reorderPercent > 0) {
            b.append(reorderPercent).append("% reordered ");
        }
        if (jitterMillis > 0) {
            b.append(jitterMillis).append(" ms jitter ");
        }
        return b.append("(seed ").append(seed).append(')').toString();
    }
}
