package io.updraft.downloader.internal;

/**
 * Abandons a transfer that stalls (no byte for {@code readTimeout}) or trickles (less than
 * {@code minBytesPerSecond} over a {@code minRateWindow}), so a slow-retrieval attack or a dying link cannot hold a
 * download forever. When the throttle allows less than twice the minimum, half the throttle's rate is the minimum,
 * so that the device's own limit never counts as a slow server.
 */
final class SpeedGuard {
    private final Settings settings;
    private final Throttle throttle;
    private final long start;
    private long lastData;
    private long windowStart;
    private long windowBytes;
    private long received;

    SpeedGuard(Settings settings, Throttle throttle, long now) {
        this.settings = settings;
        this.throttle = throttle;
        this.start = now;
        this.lastData = now;
        this.windowStart = now;
    }

    void count(long bytes) {
        received += bytes;
        windowBytes += bytes;
    }

    /** Data was taken in (and throttled) up to {@code now}. */
    void data(long now) {
        lastData = now;
    }

    long received() {
        return received;
    }

    long averageRate(long now) {
        long elapsed = now - start;
        return elapsed <= 0 ? 0 : (long) (received * 1e9 / elapsed);
    }

    /** @return why the transfer is too slow, or null */
    String check(long now) {
        long idle = settings.readTimeout().toNanos();
        if (now - lastData >= idle) {
            return "no data for " + settings.readTimeout().toMillis() + " ms after " + received + " bytes";
        }
        long window = settings.minRateWindow().toNanos();
        if (now - windowStart < window) {
            return null;
        }
        long min = settings.minBytesPerSecond();
        long throttled = throttle.rate();
        if (throttled > 0) {
            min = Math.min(min, throttled / 2);
        }
        double rate = windowBytes * 1e9 / (now - windowStart);
        windowStart = now;
        windowBytes = 0;
        if (rate < min) {
            return String.format("%.0f bytes per second over the last %d ms is below the minimum of %d", rate,
                    window / 1_000_000, min);
        }
        return null;
    }
}
