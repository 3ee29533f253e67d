package io.updraft.downloader.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts: exponential with full jitter (a uniformly random delay up to {@code base * 2^(n-1)},
 * capped), so that devices cut off together do not come back together.
 */
final class Backoff {
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay after the {@code failures}-th failure in a row (1 for the first). */
    Duration delay(Duration base, Duration max, int failures) {
        long ceiling = max.toNanos();
        long bound = base.toNanos();
        for (int i = 1; i < failures && bound < ceiling; i++) {
            bound *= 2;
        }
        bound = Math.min(bound, ceiling);
        return Duration.ofNanos((long) (random.getAsDouble() * bound));
    }
}
