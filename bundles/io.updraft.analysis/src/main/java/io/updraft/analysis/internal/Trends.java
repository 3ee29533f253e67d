package io.updraft.analysis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.Severity;

/**
 * Trends and forecasts towards a limit: a Theil–Sen line (median of pairwise slopes, robust to outliers and steps
 * of a few points) through the hourly means of the series window, trusted when it explains at least
 * {@code minR2} of their variance; the time the line reaches the limit decides between FORECAST (within the
 * forecast horizon; CRITICAL within {@code criticalWithin}) and TREND (within the trend horizon), as long as that
 * time is at most {@value #MAX_EXTRAPOLATION} times the span of the fitted hours.
 */
final class Trends {
    private static final double HOUR_MS = 3_600_000.0;
    /**
     * A line is not extrapolated beyond this many times the span of the hours it was fitted to: a week of a slow
     * random walk can look straight, but says nothing about the next year.
     */
    static final double MAX_EXTRAPOLATION = 5;

    private Trends() {
    }

    static Optional<Insight> evaluate(MetricState m, LimitRule rule, Instant now, Settings s) {
        long[] hours = m.hourly.hours(now);
        int n = hours.length;
        if (n < s.trend().minPoints()) {
            return Optional.empty();
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // Hour midpoints, relative to now, in hours.
            x[i] = hours[i] + 0.5 - now.toEpochMilli() / HOUR_MS;
            y[i] = m.hourly.mean(hours[i]);
        }
        double[] line = Robust.theilSen(x, y, n);
        double slope = line[0];
        double r2 = Robust.rSquared(x, y, n, slope, line[1]);
        boolean towards = rule.rising() ? slope > 0 : slope < 0;
        if (!towards || r2 < s.trend().minR2()) {
            return Optional.empty();
        }
        double current = line[1];
        double hoursToLimit = Math.max(0, (rule.limit() - current) / slope);
        if (hoursToLimit > MAX_EXTRAPOLATION * (x[n - 1] - x[0] + 1)) {
            return Optional.empty();
        }
        Duration toLimit = Duration.ofSeconds((long) Math.min(hoursToLimit * 3600, Duration.ofDays(36500).toSeconds()));
        InsightKind kind;
        Severity severity;
        if (toLimit.compareTo(s.trend().forecastHorizon()) <= 0) {
            kind = InsightKind.FORECAST;
            severity = toLimit.compareTo(s.trend().criticalWithin()) <= 0 ? Severity.CRITICAL : Severity.WARNING;
        } else if (toLimit.compareTo(s.trend().trendHorizon()) <= 0) {
            kind = InsightKind.TREND;
            severity = Severity.INFO;
        } else {
            return Optional.empty();
        }
        Instant at = now.plus(toLimit);
        double days = hoursToLimit / 24;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("method", "Theil-Sen line through hourly means");
        evidence.put("slopePerDay", Advice.round(slope * 24));
        evidence.put("r2", Advice.round(r2));
        evidence.put("points", (long) n);
        evidence.put("fittedNow", Advice.round(current));
        evidence.put("lastValue", Advice.round(m.statistics(now).lastValue()));
        evidence.put("limit", rule.limit());
        evidence.put("daysToLimit", Advice.round(days));
        evidence.put("limitReachedAt", at.toString());
        String what = rule.rising() ? "rises" : "falls";
        String title = kind == InsightKind.FORECAST
                ? m.name + " reaches " + Advice.number(rule.limit()) + " in " + Advice.number(Math.round(days * 10) / 10.0) + " days"
                : m.name + " " + what + " steadily towards " + Advice.number(rule.limit());
        String detail = m.name + " " + what + " by " + Advice.number(Math.abs(slope * 24)) + " per day (fit R² "
                + Advice.number(Advice.round(r2)) + " over " + n + " hours) and reaches its limit " + Advice.number(rule.limit())
                + " around " + at + ". " + Advice.forMetric(m.name) + ".";
        String id = kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + m.name;
        return Optional.of(new Insight(id, kind, severity, title, detail, List.of(m.name), evidence, now, now));
    }
}
