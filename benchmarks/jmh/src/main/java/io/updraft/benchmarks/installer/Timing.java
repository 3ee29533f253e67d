package io.updraft.benchmarks.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Page-cache dropping and order statistics shared by the install, switch and rollback drivers. */
final class Timing {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private Timing() {
    }

    /**
     * Empties the page cache so the next read comes from the device. Only clean pages are dropped; everything the
     * installer wrote was synced already. Needs root; the caller checks {@code echo 3 > /proc/sys/vm/drop_caches}
     * worked before asking for cold runs.
     */
    static void dropCaches() throws IOException {
        Files.writeString(DROP_CACHES, "3");
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double millis(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e6;
    }

    /** The value at quantile {@code q} (nearest rank) of {@code values}. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
