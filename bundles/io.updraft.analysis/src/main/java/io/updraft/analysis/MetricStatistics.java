package io.updraft.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A metric's rolling statistics.
 *
 * @param metric the metric's name
 * @param lastValue the most recent value seen
 * @param lastSeen when it was measured
 * @param windows the statistics over each configured window, shortest first
 */
public record MetricStatistics(String metric, double lastValue, Instant lastSeen, List<WindowStatistics> windows) {
    public MetricStatistics {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(lastSeen, "lastSeen");
        windows = List.copyOf(windows);
    }
}
