package io.updraft.logforwarder.internal;

import java.io.InterruptedIOException;
import java.util.function.LongSupplier;

/**
 * Paces the bytes put on the wire to an average rate: each transfer waits until the ones before it have "used up"
 * their time at that rate. One transfer may exceed the rate for its own duration; over any longer span the average
 * stays at or below it.
 */
final class RateLimiter {
    /** Sleeps for the given nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;

    /** @param bytesPerSecond 0 for no limit */
    RateLimiter(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static RateLimiter of(long bytesPerSecond) {
        return new RateLimiter(bytesPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000,
                (int) (nanos % 1_000_000)));
    }

    /** Waits until {@code bytes} may be sent. */
    void acquire(long bytes) throws InterruptedIOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!started || nextFree - now < 0) {
            // Idle time is not saved up: a long pause must not allow a burst above the rate afterwards.
            nextFree = now;
            started = true;
        }
        long wait = nextFree - now;
        nextFree += (long) (bytes * 1e9 / bytesPerSecond);
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pacing to " + bytesPerSecond + " bytes/s");
            }
        }
    }
}
