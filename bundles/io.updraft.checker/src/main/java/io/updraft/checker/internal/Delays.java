package io.updraft.checker.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between checks. Every delay is spread at random by the configured jitter: devices of a fleet that
 * start together (after a power cut, a campaign) drift apart instead of asking the source at the same instant.
 */
final class Delays {
    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) */
    Delays(DoubleSupplier random) {
        this.random = random;
    }

    /** {@code base} moved by up to {@code jitter} of itself either way. */
    Duration jittered(Duration base, double jitter) {
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    Duration first(Settings s) {
        return jittered(s.initialDelay(), s.jitter());
    }

    Duration regular(Settings s) {
        return jittered(s.interval(), s.jitter());
    }

    /** After the {@code failures}-th temporary failure in a row: the retry delay doubled each time, at most the interval. */
    Duration retry(Settings s, int failures) {
        Duration base = s.retryDelay();
        for (int i = 1; i < failures && base.compareTo(s.interval()) < 0; i++) {
            base = base.multipliedBy(2);
        }
        return jittered(base.compareTo(s.interval()) > 0 ? s.interval() : base, s.jitter());
    }
}
