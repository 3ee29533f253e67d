package io.updraft.logforwarder.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: the n-th consecutive failure waits a uniformly random time between 0 and
 * min(max, first * 2^(n-1)), so a fleet that lost its collector at the same instant does not come back in step.
 * A delay the destination asked for (Retry-After) is a lower bound, capped at max.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration first, Duration max, RandomGenerator random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt after one more failure. */
    Duration next(Optional<Duration> asked) {
        failures++;
        long ceiling = first.toMillis();
        for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long wait = ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
        if (asked.isPresent()) {
            wait = Math.max(wait, Math.min(asked.get().toMillis(), max.toMillis()));
        }
        return Duration.ofMillis(wait);
    }

    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
