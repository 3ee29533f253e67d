package io.updraft.downloader.internal;

/** The recent transfer rate: bytes over the last few seconds, from samples taken at most once a second. */
final class RateMeter {
    private static final int SAMPLES = 5;
    private static final long SAMPLE_NANOS = 1_000_000_000L;

    private final long[] times = new long[SAMPLES];
    private final long[] totals = new long[SAMPLES];
    private int count;
    private int newest = -1;

    /** Records that {@code total} bytes have been received by {@code nanos}. */
    void sample(long nanos, long total) {
        if (count > 0 && nanos - times[newest] < SAMPLE_NANOS) {
            return;
        }
        newest = (newest + 1) % SAMPLES;
        times[newest] = nanos;
        totals[newest] = total;
        count = Math.min(count + 1, SAMPLES);
    }

    /** Bytes per second between the oldest sample and ({@code nanos}, {@code total}); 0 if unknown. */
    long rate(long nanos, long total) {
        if (count == 0) {
            return 0;
        }
        int oldest = count < SAMPLES ? 0 : (newest + 1) % SAMPLES;
        long elapsed = nanos - times[oldest];
        return elapsed <= 0 ? 0 : (long) ((total - totals[oldest]) * 1e9 / elapsed);
    }

    void reset() {
        count = 0;
        newest = -1;
    }
}
