package io.toneguard.dtmf.mask;

/**
 * Told of each stretch of output that was replaced, in input sample indexes [from, to). For
 * metrics, recording markers and tests; called on the media thread, must be fast and not throw.
 */
@FunctionalInterface
public interface MaskedRunListener {
    MaskedRunListener NONE = (from, to) -> { };

    void maskedRun(long fromInputSample, long toInputSample);
}
