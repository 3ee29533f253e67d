package io.updraft.analysis;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the analysis of stored telemetry and logs has found. The analysis runs periodically on its own thread; these
 * methods answer from its latest results and never block on the store. Thread-safe.
 */
@ProviderType
public interface AnalysisService {

    /** The current and recent insights, most severe first, then most recently seen first; never null. */
    List<Insight> insights();

    /**
     * The rolling statistics of a metric over each configured window.
     *
     * @param metric a name from {@link #metrics()}, e.g. {@code updraft.metric.cpu.busyPercent} or
     *        {@code updraft.health.thermal.zones.celsius@thermal_zone0}
     * @return empty if the analysis has never seen that metric
     */
    Optional<MetricStatistics> statistics(String metric);

    /** The names of the metrics the analysis tracks, sorted. */
    List<String> metrics();
}
