package io.updraft.analysis;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One finding of the analysis, with what to do about it and the numbers behind it.
 *
 * @param id stable while the finding lasts, e.g. {@code anomaly/updraft.metric.cpu.busyPercent/1700000000}
 * @param kind what it is about
 * @param severity how urgent it is
 * @param title one line saying what was found
 * @param detail what it means and what to do
 * @param metrics the metrics (or log loggers' error rates) it is about, at least one
 * @param evidence the figures it rests on, in a meaningful order: values are Long, Double (finite) or String
 * @param firstSeen when it was first seen
 * @param lastSeen when it was last confirmed, not before {@code firstSeen}
 */
public record Insight(String id, InsightKind kind, Severity severity, String title, String detail,
        List<String> metrics, Map<String, Object> evidence, Instant firstSeen, Instant lastSeen) {
    public Insight {
        requireText(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        requireText(title, "title");
        requireText(detail, "detail");
        if (title.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("insight " + id + ": title must be one line: " + title);
        }
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("insight " + id + " names no metric");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : evidence.entrySet()) {
            Object v = e.getValue();
            boolean ok = v instanceof Long || v instanceof String
                    || v instanceof Double && Double.isFinite((Double) v);
            if (!ok) {
                throw new IllegalArgumentException("insight " + id + ": evidence " + e.getKey() + " = " + v
                        + " is not a Long, a finite Double or a String");
            }
            copy.put(Objects.requireNonNull(e.getKey(), "evidence key"), v);
        }
        evidence = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("insight " + id + ": lastSeen " + lastSeen + " is before firstSeen "
                    + firstSeen);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("insight " + name + " '" + value + "' must not be blank");
        }
    }
}
