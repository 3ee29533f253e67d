package io.updraft.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.updraft.telemetry.TelemetryEvent;

/**
 * Turns the numeric fields of a sample event into metrics named {@code <schema>.<field path>}, e.g.
 * {@code updraft.metric.cpu.busyPercent} or {@code updraft.metric.jvm.heap.usedBytes}. A map that names an item
 * (a field {@code zone}, {@code supply}, {@code device}, {@code process}, {@code service} or {@code name} holding
 * text) labels the metrics inside it: {@code updraft.health.thermal.zones.celsius@thermal_zone0}; nested labels are
 * joined with '/', unnamed list items are labelled by their index. '@' rather than braces keeps the names typeable
 * in the Karaf shell, where braces and brackets are syntax.
 */
final class MetricExtractor {
    /** Field names that name the item a map describes, in order of preference. */
    private static final List<String> LABEL_KEYS = List.of("zone", "supply", "device", "process", "service", "name");
    /** Events of this type are periodic samples; others (OTA steps, crashes) are occurrences, not measurements. */
    static final String SAMPLE_TYPE = "sample";

    interface Sink {
        void accept(String metric, double value);
    }

    private MetricExtractor() {
    }

    static void extract(TelemetryEvent event, Sink sink) {
        walk(event.schema(), new ArrayList<>(), event.fields(), sink);
    }

    private static void walk(String prefix, List<String> labels, Map<?, ?> map, Sink sink) {
        String label = label(map);
        List<String> here = labels;
        if (label != null) {
            here = new ArrayList<>(labels);
            here.add(label);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String path = prefix + "." + e.getKey();
            value(path, here, e.getValue(), sink, -1);
        }
    }

    private static void value(String path, List<String> labels, Object v, Sink sink, int index) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                List<String> l = labels;
                if (index >= 0) {
                    l = new ArrayList<>(labels);
                    l.add(Integer.toString(index));
                }
                sink.accept(l.isEmpty() ? path : path + "@" + String.join("/", l), d);
            }
        } else if (v instanceof Map<?, ?> m) {
            if (index >= 0 && label(m) == null) {
                List<String> l = new ArrayList<>(labels);
                l.add(Integer.toString(index));
                walk(path, l, m, sink);
            } else {
                walk(path, labels, m, sink);
            }
        } else if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                value(path, labels, list.get(i), sink, i);
            }
        }
        // Text and booleans are states, not measurements.
    }

    private static String label(Map<?, ?> map) {
        for (String key : LABEL_KEYS) {
            if (map.get(key) instanceof String s && !s.isBlank()) {
                return s.strip().replace('@', '_').replace('/', '_');
            }
        }
        return null;
    }
}
