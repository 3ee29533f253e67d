package io.updraft.analysis.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis configuration, validated: a bad value is refused naming the attribute and the value. The figures
 * mean what {@link AnalysisConfig} says.
 */
record Settings(Path home, Duration interval, List<Duration> windows, Anomaly anomaly, List<Glob> excluded,
        List<LimitRule> limits, Duration seriesWindow, Trend trend, ErrorRate errors, Correlation correlation,
        Duration insightRetention, int maxMetrics, int maxRecordsPerRun) {

    record Anomaly(int window, int minSamples, double threshold, double lambda, double ewmaLimit, int quietSamples) {
    }

    record Trend(Duration forecastHorizon, Duration criticalWithin, Duration trendHorizon, int minPoints,
            double minR2) {
    }

    record ErrorRate(Duration interval, int baselineIntervals, int minCount, double minRatio, double significance) {
    }

    record Correlation(int minSamples, double min, double significance) {
    }

    static Settings of(AnalysisConfig c) {
        // A .cfg keeps blanks at the end of a value; no one means them as part of a directory name.
        String homeText = c.home() == null ? null : c.home().strip();
        if (homeText == null || homeText.isBlank() || !Path.of(homeText).isAbsolute()) {
            throw new IllegalArgumentException("io.updraft.analysis home '" + homeText + "' must be an absolute path");
        }
        Duration interval = range("interval", c.interval(), Duration.ofSeconds(10), Duration.ofHours(1));
        Duration series = range("seriesWindow", c.seriesWindow(), Duration.ofHours(24), Duration.ofDays(31));
        List<Duration> windows = new ArrayList<>();
        for (String w : list(c.windows())) {
            Duration d = range("windows", w, Duration.ofMinutes(1), series);
            if (!windows.isEmpty() && d.compareTo(windows.get(windows.size() - 1)) <= 0) {
                throw new IllegalArgumentException("windows must be given shortest first without repeats, got "
                        + String.join(",", c.windows()));
            }
            windows.add(d);
        }
        if (windows.isEmpty() || windows.size() > 5) {
            throw new IllegalArgumentException("windows must list 1 to 5 durations, got " + windows.size());
        }
        int seriesHours = (int) series.toHours();
        Anomaly anomaly = new Anomaly(between("anomalyWindow", integer("anomalyWindow", c.anomalyWindow()), 20, 500),
                between("anomalyMinSamples", integer("anomalyMinSamples", c.anomalyMinSamples()), 10, integer("anomalyWindow", c.anomalyWindow())),
                atLeast("anomalyThreshold", number("anomalyThreshold", c.anomalyThreshold()), 3), fraction("ewmaLambda", number("ewmaLambda", c.ewmaLambda()), false),
                atLeast("ewmaLimit", number("ewmaLimit", c.ewmaLimit()), 2), between("anomalyQuietSamples", integer("anomalyQuietSamples", c.anomalyQuietSamples()), 1, 1000));
        Duration horizon = duration("forecastHorizon", c.forecastHorizon());
        Duration critical = duration("criticalWithin", c.criticalWithin());
        Duration trendHorizon = duration("trendHorizon", c.trendHorizon());
        if (critical.compareTo(horizon) > 0 || horizon.compareTo(trendHorizon) > 0) {
            throw new IllegalArgumentException("criticalWithin " + critical + ", forecastHorizon " + horizon
                    + " and trendHorizon " + trendHorizon + " must not decrease in that order");
        }
        Trend trend = new Trend(horizon, critical, trendHorizon, between("trendMinPoints", integer("trendMinPoints", c.trendMinPoints()), 6,
                seriesHours), fraction("trendMinR2", number("trendMinR2", c.trendMinR2()), true));
        ErrorRate errors = new ErrorRate(range("errorInterval", c.errorInterval(), Duration.ofMinutes(1),
                Duration.ofHours(6)), between("errorBaselineIntervals", integer("errorBaselineIntervals", c.errorBaselineIntervals()), 3, 500),
                between("errorMinCount", integer("errorMinCount", c.errorMinCount()), 1, 1_000_000), atLeast("errorMinRatio", number("errorMinRatio", c.errorMinRatio()), 1),
                significance("errorSignificance", number("errorSignificance", c.errorSignificance())));
        double minCorrelation = number("correlationMin", c.correlationMin());
        if (!(minCorrelation >= 0.1 && minCorrelation <= 1)) {
            throw new IllegalArgumentException("correlationMin " + minCorrelation + " is outside 0.1 to 1");
        }
        Correlation correlation = new Correlation(between("correlationMinSamples", integer("correlationMinSamples", c.correlationMinSamples()), 10,
                seriesHours), minCorrelation, significance("correlationSignificance", number("correlationSignificance", c.correlationSignificance())));
        List<Glob> excluded = new ArrayList<>();
        for (String g : list(c.excludedMetrics())) {
            excluded.add(Glob.of("excludedMetrics", g));
        }
        List<LimitRule> limits = new ArrayList<>();
        for (String l : list(c.limits())) {
            limits.add(LimitRule.parse(l));
        }
        return new Settings(Path.of(homeText), interval, List.copyOf(windows), anomaly, List.copyOf(excluded),
                List.copyOf(limits), series, trend, errors, correlation,
                range("insightRetention", c.insightRetention(), Duration.ofMinutes(1), Duration.ofDays(365)),
                between("maxMetrics", integer("maxMetrics", c.maxMetrics()), 10, 5000),
                between("maxRecordsPerRun", integer("maxRecordsPerRun", c.maxRecordsPerRun()), 1000, 10_000_000));
    }

    /**
     * The entries of a list attribute: a .cfg file gives one string with commas, ConfigAdmin clients may give an
     * array; both are accepted, blank entries skipped.
     */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** Hours in the hourly series of each metric. */
    int seriesHours() {
        return (int) seriesWindow.toHours();
    }

    boolean excluded(String metric) {
        for (Glob g : excluded) {
            if (g.matches(metric)) {
                return true;
            }
        }
        return false;
    }

    static Duration duration(String name, String value) {
        Duration d;
        try {
            d = Duration.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an ISO-8601 duration such as PT5M or P7D", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + value + " must be positive");
        }
        return d;
    }

    private static Duration range(String name, String value, Duration min, Duration max) {
        Duration d = duration(name, value);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + " to " + max);
        }
        return d;
    }

    /** @throws IllegalArgumentException naming the key if the text is not a whole number */
    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number", e);
        }
    }

    /** @throws IllegalArgumentException naming the key if the text is not a number */
    static double number(String name, String value) {
        try {
            return Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number", e);
        }
    }

    private static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + " to " + max);
        }
        return value;
    }

    private static double atLeast(String name, double value, double min) {
        // Written so that NaN fails too.
        if (!(value >= min && value < 1e6)) {
            throw new IllegalArgumentException(name + " " + value + " must be at least " + min);
        }
        return value;
    }

    private static double fraction(String name, double value, boolean zeroAllowed) {
        if (!((zeroAllowed ? value >= 0 : value > 0) && value <= 1)) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + (zeroAllowed ? "0" : "(0") + " to 1");
        }
        return value;
    }

    private static double significance(String name, double value) {
        if (!(value > 0 && value <= 0.05)) {
            throw new IllegalArgumentException(name + " " + value + " is outside (0 to 0.05]");
        }
        return value;
    }
}
