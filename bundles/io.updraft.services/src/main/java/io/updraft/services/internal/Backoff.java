package io.updraft.services.internal;

import java.time.Duration;

/** Delays between restarts of a service that keeps exiting: {@code initial}, doubled per exit in a row, up to {@code max}. */
record Backoff(Duration initial, Duration max) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("restart backoff " + initial + " to " + max + " is not a positive range");
        }
    }

    /** The delay before the restart that follows {@code exitsInARow} earlier quick exits (0 for the first). */
    Duration delay(int exitsInARow) {
        Duration d = initial;
        for (int i = 0; i < exitsInARow && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Whether a process that ran this long was healthy for a while, so its exit starts the backoff afresh. */
    boolean ranLongEnough(Duration ran) {
        return ran.compareTo(max) >= 0;
    }
}
