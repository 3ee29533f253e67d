package io.updraft.downloader.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by all downloads: bytes pass at the rate {@code rate} gives at each moment (0: no limit),
 * with a burst of a quarter second of that rate. The rate is read again at least every {@value #SLICE_MILLIS} ms of
 * waiting, so a changed limit takes effect within that time.
 */
final class Throttle {
    static final long SLICE_MILLIS = 100;

    /** Sleeps; replaceable so tests can run the clock. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final LongSupplier rate;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;
    private boolean started;

    Throttle(LongSupplier rate, LongSupplier nanoTime, Sleeper sleeper) {
        this.rate = rate;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static Throttle system(LongSupplier rate) {
        return new Throttle(rate, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * Takes {@code bytes} from the bucket, waiting while it is in debt; returns early once {@code stopped} says so.
     */
    void acquire(long bytes, BooleanSupplier stopped) throws InterruptedException {
        synchronized (this) {
            refill();
            if (rate.getAsLong() == 0) {
                return;
            }
            tokens -= bytes;
        }
        while (!stopped.getAsBoolean()) {
            long wait;
            synchronized (this) {
                long r = refill();
                if (r == 0 || tokens >= 0) {
                    return;
                }
                wait = (long) Math.ceil(-tokens * 1e9 / r);
            }
            sleeper.sleep(Math.min(wait, SLICE_MILLIS * 1_000_000));
        }
    }

    /** Current effective rate, 0 for none. */
    long rate() {
        return rate.getAsLong();
    }

    private long refill() {
        long now = nanoTime.getAsLong();
        long r = rate.getAsLong();
        if (r == 0) {
            tokens = 0;
        } else if (!started) {
            tokens = burst(r);
        } else {
            tokens = Math.min(burst(r), tokens + (now - last) * (double) r / 1e9);
        }
        started = r != 0;
        last = now;
        return r;
    }

    private static double burst(long rate) {
        return Math.max(1, rate / 4.0);
    }
}
