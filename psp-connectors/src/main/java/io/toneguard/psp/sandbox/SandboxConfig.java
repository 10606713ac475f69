package io.toneguard.psp.sandbox;

import io.toneguard.psp.card.ValidationPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Options of the {@link SandboxGateway}.
 *
 * @param minDelay shortest simulated answer time
 * @param maxDelay longest simulated answer time
 * @param timeoutAfter how long the timeout test card waits before reporting a timeout
 * @param validation how cards and bank accounts are checked (brands, "now" for expiry)
 * @param random source of transaction ids, authorization codes, tokens and delays
 */
public record SandboxConfig(Duration minDelay, Duration maxDelay, Duration timeoutAfter, ValidationPolicy validation,
        Random random) {

    /** Answers in 300-800 ms, the timeout card after 5 s, default validation, secure random ids. */
    public static final SandboxConfig DEFAULT = new SandboxConfig(Duration.ofMillis(300), Duration.ofMillis(800),
            Duration.ofSeconds(5), ValidationPolicy.DEFAULT, new SecureRandom());

    public SandboxConfig {
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(timeoutAfter, "timeoutAfter");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(random, "random");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0 || timeoutAfter.isNegative()) {
            throw new IllegalArgumentException("delays must be 0 <= min <= max, timeout >= 0");
        }
    }

    /** No delays at all (tests). */
    public static SandboxConfig instant() {
        return DEFAULT.withDelays(Duration.ZERO, Duration.ZERO).withTimeoutAfter(Duration.ZERO);
    }

    public SandboxConfig withDelays(Duration min, Duration max) {
        return new SandboxConfig(min, max, timeoutAfter, validation, random);
    }

    public SandboxConfig withTimeoutAfter(Duration after) {
        return new SandboxConfig(minDelay, maxDelay, after, validation, random);
    }

    public SandboxConfig withValidation(ValidationPolicy policy) {
        return new SandboxConfig(minDelay, maxDelay, timeoutAfter, policy, random);
    }

    public SandboxConfig withRandom(Random r) {
        return new SandboxConfig(minDelay, maxDelay, timeoutAfter, validation, r);
    }
}
