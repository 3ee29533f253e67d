package io.updraft.downloader.internal;

/**
 * Lowers the rate cap when the link is poor and raises it again when it has recovered. A link counts as poor after
 * {@code poorAttempts} attempts in a row were cut or too slow: the cap is then halved (from the rate those attempts
 * achieved when there was no cap), never below {@code floor}. Every {@code restoreNanos} of uninterrupted transfer
 * it is doubled again, and dropped once it is back at the rate where it started. Shared by all downloads: they use
 * the same link.
 */
final class LinkQuality {
    private final int poorAttempts;
    private final long floor;
    private final long restoreNanos;
    private int poorInARow;
    private long cap;
    private long uncappedRate;
    private long cleanNanos;

    LinkQuality(int poorAttempts, long floor, long restoreNanos) {
        this.poorAttempts = poorAttempts;
        this.floor = floor;
        this.restoreNanos = restoreNanos;
    }

    /** The cap in bytes per second; 0 when there is none. */
    synchronized long cap() {
        return cap;
    }

    /**
     * An attempt was cut or too slow.
     *
     * @param observedRate its average rate, bytes per second
     */
    synchronized void poor(long observedRate) {
        cleanNanos = 0;
        if (++poorInARow < poorAttempts) {
            return;
        }
        poorInARow = 0;
        if (cap == 0) {
            uncappedRate = Math.max(observedRate, floor);
            cap = Math.max(floor, uncappedRate / 2);
        } else {
            cap = Math.max(floor, cap / 2);
        }
    }

    /** Data flowed for {@code nanos} without a cut. */
    synchronized void clean(long nanos) {
        poorInARow = 0;
        if (cap == 0) {
            return;
        }
        cleanNanos += nanos;
        while (cap != 0 && cleanNanos >= restoreNanos) {
            cleanNanos -= restoreNanos;
            cap = cap * 2 >= uncappedRate ? 0 : cap * 2;
        }
        if (cap == 0) {
            cleanNanos = 0;
        }
    }
}
