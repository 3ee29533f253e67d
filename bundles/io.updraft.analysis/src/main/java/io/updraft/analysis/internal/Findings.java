package io.updraft.analysis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.Severity;

/** Turns anomalies and error-rate changes into insights that say what was seen and what to do. */
final class Findings {
    /** Robust z-scores from which an anomaly is CRITICAL rather than WARNING. */
    static final double CRITICAL_Z = 20;

    private Findings() {
    }

    static Insight anomaly(String metric, AnomalyDetector.Finding f, Settings.Anomaly s) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("value", Advice.round(f.value()));
        evidence.put("baseline", Advice.round(f.baseline()));
        evidence.put("sigma", Advice.round(f.sigma()));
        evidence.put("robustZ", Advice.round(f.z()));
        evidence.put("ewma", Advice.round(f.ewma()));
        evidence.put("threshold", s.threshold());
        evidence.put("anomalousSamples", (long) f.anomalousSamples());
        evidence.put("windowSamples", (long) s.window());
        evidence.put("method", "robust z-score (1.4826 MAD around a resistant line) and EWMA chart");
        String direction = f.z() >= 0 ? "above" : "below";
        String shape = f.sustained() ? (f.z() >= 0 ? "shifted up" : "shifted down") : (f.z() >= 0 ? "spiked" : "dropped");
        String title = metric + " " + shape + " to " + Advice.number(Advice.round(f.value())) + " (usually "
                + Advice.number(Advice.round(f.baseline())) + " ± " + Advice.number(Advice.round(f.sigma())) + ")";
        String detail = metric + " was " + Advice.number(Math.abs(Advice.round(f.z()))) + " standard deviations " + direction
                + " its usual level from " + f.start() + (f.sustained() ? " and stayed there" : "") + ". "
                + Advice.forMetric(metric) + ". If the new level is expected, nothing needs doing: the baseline adapts within "
                + s.window() + " samples.";
        Severity severity = Math.abs(f.z()) >= CRITICAL_Z ? Severity.CRITICAL : Severity.WARNING;
        return new Insight("anomaly/" + metric + "/" + f.start().getEpochSecond(), InsightKind.ANOMALY, severity, title,
                detail, List.of(metric), evidence, f.start(), f.last());
    }

    static Insight errorRate(LogRates.Change c, Settings.ErrorRate s) {
        String level = c.level().toLowerCase(Locale.ROOT);
        String metric = "log." + (c.level().equals("ERROR") ? "errors" : "warnings");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("count", c.count());
        evidence.put("interval", s.interval().toString());
        evidence.put("intervalStart", c.intervalStart().toString());
        evidence.put("baselinePerInterval", Advice.round(c.baseline()));
        evidence.put("ratio", Advice.round(c.count() / c.baseline()));
        evidence.put("pValue", c.pValue());
        evidence.put("method", "Poisson tail against the mean of the last " + s.baselineIntervals() + " intervals");
        List<String> metrics = new ArrayList<>();
        metrics.add(metric);
        StringBuilder loggers = new StringBuilder();
        int i = 1;
        for (LogRates.LoggerChange l : c.loggers()) {
            metrics.add(metric + "@" + l.logger());
            evidence.put("logger" + i + ".name", l.logger());
            evidence.put("logger" + i + ".count", l.count());
            evidence.put("logger" + i + ".baselinePerInterval", Advice.round(l.baseline()));
            if (!l.message().isEmpty()) {
                evidence.put("logger" + i + ".message", l.message());
            }
            loggers.append(loggers.length() == 0 ? "" : ", ").append(l.logger()).append(" (").append(l.count())
                    .append(", usually ").append(Advice.number(Advice.round(l.baseline()))).append(')');
            i++;
        }
        String top = c.loggers().isEmpty() ? "" : c.loggers().get(0).logger();
        String title = c.level() + " log entries rose to " + c.count() + " per " + s.interval().toString().substring(2).toLowerCase(Locale.ROOT)
                + " (usually " + Advice.number(Advice.round(c.baseline())) + ")" + (top.isEmpty() ? "" : ", mostly " + top);
        String example = c.loggers().isEmpty() || c.loggers().get(0).message().isEmpty() ? ""
                : " For example: \"" + c.loggers().get(0).message() + "\".";
        String detail = "The runtime log has far more " + level + " entries than before since " + c.start()
                + (loggers.length() == 0 ? "" : "; from " + loggers) + "." + example
                + " Read the device log around that time (log:display in the shell) and fix or report the cause.";
        Severity severity = c.level().equals("ERROR") ? Severity.WARNING : Severity.INFO;
        return new Insight("error-rate/" + level + "/" + c.start().getEpochSecond(), InsightKind.ERROR_RATE_CHANGE,
                severity, title, detail, metrics, evidence, c.start(), c.last());
    }
}
