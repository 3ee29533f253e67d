package io.updraft.analysis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft analysis",
        description = "Rolling statistics, anomalies, error-rate changes, trends, forecasts and correlations over the stored telemetry and log")
/**
 * Every value is text, numbers included: Karaf's {@code .cfg} files hand values over as strings (blanks at the end
 * kept), and {@link Settings} parses and checks them, naming the key of a bad one.
 */
public @interface AnalysisConfig {

    @AttributeDefinition(description = "Root of Updraft's files (absolute); the analysis keeps its state in its analysis/ folder")
    String home();

    @AttributeDefinition(description = "Time between analysis runs, ISO-8601 duration, PT10S to PT1H")
    String interval() default "PT5M";

    @AttributeDefinition(description = "Windows of the rolling statistics, ISO-8601 durations, 1 to 5, each at most the series window")
    String[] windows() default {"PT1H", "PT24H", "P7D"};

    @AttributeDefinition(description = "Samples of a metric the anomaly baseline is drawn from (20-500)")
    String anomalyWindow() default "40";

    @AttributeDefinition(description = "Samples a metric needs before it is judged (10 up to anomalyWindow)")
    String anomalyMinSamples() default "20";

    @AttributeDefinition(description = "Robust z-score (residual over 1.4826 MAD) from which one sample is an anomaly, at least 3")
    String anomalyThreshold() default "8.0";

    @AttributeDefinition(description = "Weight of the newest residual in the EWMA chart, above 0 and at most 1")
    String ewmaLambda() default "0.2";

    @AttributeDefinition(description = "EWMA control limit in standard deviations of the EWMA, at least 2")
    String ewmaLimit() default "6.5";

    @AttributeDefinition(description = "Normal samples in a row after which an anomaly is over (1-1000)")
    String anomalyQuietSamples() default "12";

    @AttributeDefinition(description = "Glob patterns (* and ?) of metrics not analysed: counters that only grow or reset, identifiers, constants")
    String[] excludedMetrics() default {"*.uptimeMs", "*.cpuSeconds*", "*.gc.*", "*.peakThreads", "*.peakRssBytes*",
        "*.pid*", "*.cycles*", "*.powerOnHours*", "*.cores", "*.totalBytes*", "*.maxBytes", "updraft.analysis.*"};

    @AttributeDefinition(description = "Limits that trends and forecasts look for, each GLOB>VALUE (bad when it rises to VALUE) or GLOB<VALUE (bad when it falls to VALUE)")
    String[] limits() default {"updraft.metric.disk.usedPercent*>100", "updraft.metric.memory.usedPercent*>98",
        "updraft.health.smart.wearPercent*>100"};

    @AttributeDefinition(description = "Hourly series kept per metric for trends and correlations, ISO-8601 duration, PT24H to P31D")
    String seriesWindow() default "P7D";

    @AttributeDefinition(description = "A limit reached within this time is a FORECAST insight, ISO-8601 duration")
    String forecastHorizon() default "P30D";

    @AttributeDefinition(description = "A forecast within this time is CRITICAL rather than WARNING, ISO-8601 duration")
    String criticalWithin() default "P7D";

    @AttributeDefinition(description = "A limit reached beyond the forecast horizon but within this time is a TREND insight, ISO-8601 duration")
    String trendHorizon() default "P365D";

    @AttributeDefinition(description = "Hourly points a trend fit needs (6 up to the series window in hours)")
    String trendMinPoints() default "24";

    @AttributeDefinition(description = "Share of the variance the Theil-Sen line must explain for a trend or forecast (0-1)")
    String trendMinR2() default "0.8";

    @AttributeDefinition(description = "Interval in which log errors and warnings are counted, ISO-8601 duration, PT1M to PT6H")
    String errorInterval() default "PT10M";

    @AttributeDefinition(description = "Past intervals the baseline error rate is drawn from (3-500)")
    String errorBaselineIntervals() default "36";

    @AttributeDefinition(description = "Errors (or warnings) an interval needs at least before a rise is reported")
    String errorMinCount() default "5";

    @AttributeDefinition(description = "Times the baseline rate an interval needs at least before a rise is reported")
    String errorMinRatio() default "3.0";

    @AttributeDefinition(description = "Poisson tail probability below which a rise counts as real (0-0.05)")
    String errorSignificance() default "1e-6";

    @AttributeDefinition(description = "Aligned hours a correlation needs (10 up to the series window in hours)")
    String correlationMinSamples() default "24";

    @AttributeDefinition(description = "Smallest absolute Spearman coefficient reported (0.1-1)")
    String correlationMin() default "0.5";

    @AttributeDefinition(description = "Family-wise significance (Bonferroni over all pairs tested) a correlation must reach (0-0.05)")
    String correlationSignificance() default "1e-3";

    @AttributeDefinition(description = "How long a finding that is no longer confirmed stays listed, ISO-8601 duration")
    String insightRetention() default "P1D";

    @AttributeDefinition(description = "Most metrics tracked; further ones are ignored (10-5000)")
    String maxMetrics() default "400";

    @AttributeDefinition(description = "Most records read from the store in one run, so a large backlog is caught up over several runs")
    String maxRecordsPerRun() default "200000";
}
