package io.toneguard.server;

import io.toneguard.dtmf.DigitListener;
import io.toneguard.dtmf.DigitSource;
import io.toneguard.dtmf.DtmfDigit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where each call's caller digits go. Until secure capture sessions take them, digits are only
 * counted (per call and source), never stored, logged or shown: a count is all anyone may see.
 */
public final class CallDigits {
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();
    private final AtomicLong[] totals = newCounters();

    /** The listener for one call's digits. */
    public DigitListener forCall(String callId) {
        AtomicLong[] c = counts.computeIfAbsent(callId, k -> newCounters());
        return new DigitListener() {
            @Override
            public void digitStarted(DtmfDigit digit, DigitSource source, long onsetTimestamp) {
                c[source.ordinal()].incrementAndGet();
                totals[source.ordinal()].incrementAndGet();
            }
        };
    }

    /** Counts a digit that arrived another way (SIP INFO). */
    public void add(String callId, DigitSource source) {
        counts.computeIfAbsent(callId, k -> newCounters())[source.ordinal()].incrementAndGet();
        totals[source.ordinal()].incrementAndGet();
    }

    /** Digits received from one source on all calls since start. */
    public long total(DigitSource source) {
        return totals[source.ordinal()].get();
    }

    /** Digits received on a call from one source so far (0 for unknown calls). */
    public long count(String callId, DigitSource source) {
        AtomicLong[] c = counts.get(callId);
        return c == null ? 0 : c[source.ordinal()].get();
    }

    /** Forgets a call. */
    public void ended(String callId) {
        counts.remove(callId);
    }

    private static AtomicLong[] newCounters() {
        AtomicLong[] c = new AtomicLong[DigitSource.values().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = new AtomicLong();
        }
        return c;
    }
}
