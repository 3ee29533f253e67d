package io.updraft.analysis;

import java.time.Duration;
import java.util.Objects;

/**
 * A metric's statistics over one trailing window. Count, mean, minimum and maximum are exact; the percentiles are
 * estimated from a bounded sample of the window's values (exact while the window holds few values). With no
 * values in the window, count is 0 and every other figure is NaN.
 *
 * @param window the window's length, ending now
 * @param count how many values fell into the window
 */
public record WindowStatistics(Duration window, long count, double mean, double min, double max, double p50,
        double p90, double p99) {
    public WindowStatistics {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("statistics window " + window + " must be positive");
        }
        if (count < 0) {
            throw new IllegalArgumentException("statistics count " + count + " is negative");
        }
    }
}
