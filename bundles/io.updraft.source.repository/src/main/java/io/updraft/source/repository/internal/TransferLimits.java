package io.updraft.source.repository.internal;

import java.time.Duration;

/**
 * When a transfer is abandoned: no byte for {@code stall}; an average below {@code minBytesPerSecond} once
 * {@code stall} has passed since the body started (so a server cannot trickle a large file forever); or, when
 * set, past an absolute deadline ({@link System#nanoTime()} based).
 */
record TransferLimits(Duration stall, long minBytesPerSecond, long deadlineNanos, boolean hasDeadline) {

    static TransferLimits withoutDeadline(Duration stall, long minBytesPerSecond) {
        return new TransferLimits(stall, minBytesPerSecond, 0, false);
    }

    static TransferLimits withDeadline(Duration stall, long minBytesPerSecond, Duration total) {
        return new TransferLimits(stall, minBytesPerSecond, System.nanoTime() + total.toNanos(), true);
    }

    /** Time left before the deadline, at most {@code stall}: how long to wait for response headers. */
    Duration headerTimeout() {
        if (!hasDeadline) {
            return stall;
        }
        long left = Math.max(1_000_000L, deadlineNanos - System.nanoTime());
        return Duration.ofNanos(Math.min(left, stall.toNanos()));
    }

    /** Throws if the deadline has passed; {@code what} names the URL. */
    void checkDeadline(String what) throws SlowRetrievalException {
        if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
            throw new SlowRetrievalException(what + " did not complete before its deadline");
        }
    }
}
