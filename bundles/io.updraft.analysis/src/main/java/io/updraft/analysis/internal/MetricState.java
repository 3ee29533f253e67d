package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.analysis.MetricStatistics;
import io.updraft.analysis.WindowStatistics;

/** All the analysis keeps of one metric, in fixed memory: its anomaly detector, window sketches and hourly series. */
final class MetricState {
    final String name;
    final AnomalyDetector anomalies;
    final HourlySeries hourly;
    private final List<WindowSketch> windows;
    private double lastValue = Double.NaN;
    private Instant lastSeen = Instant.EPOCH;

    private MetricState(String name, AnomalyDetector anomalies, HourlySeries hourly, List<WindowSketch> windows) {
        this.name = name;
        this.anomalies = anomalies;
        this.hourly = hourly;
        this.windows = windows;
    }

    static MetricState create(String name, Settings s) {
        List<WindowSketch> w = new ArrayList<>();
        s.windows().forEach(d -> w.add(new WindowSketch(d)));
        return new MetricState(name, new AnomalyDetector(s.anomaly()), new HourlySeries(s.seriesHours()), w);
    }

    /** Records the value and returns the anomaly it belongs to, or null. */
    AnomalyDetector.Finding add(Instant time, double value) {
        for (WindowSketch w : windows) {
            w.add(time, value);
        }
        hourly.add(time, value);
        if (!time.isBefore(lastSeen)) {
            lastSeen = time;
            lastValue = value;
        }
        return anomalies.add(time, value);
    }

    MetricStatistics statistics(Instant now) {
        List<WindowStatistics> out = new ArrayList<>();
        for (WindowSketch w : windows) {
            out.add(w.statistics(now));
        }
        return new MetricStatistics(name, lastValue, lastSeen, out);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("lastValue", lastValue);
        o.put("lastSeen", lastSeen.toEpochMilli());
        o.set("anomaly", anomalies.toJson());
        o.set("hourly", hourly.toJson());
        ArrayNode w = o.putArray("windows");
        windows.forEach(x -> w.add(x.toJson()));
        return o;
    }

    static MetricState fromJson(String name, JsonNode o, Settings s) {
        List<WindowSketch> w = new ArrayList<>();
        for (int i = 0; i < s.windows().size(); i++) {
            JsonNode saved = null;
            for (JsonNode candidate : o.path("windows")) {
                if (s.windows().get(i).toString().equals(candidate.path("window").asText())) {
                    saved = candidate;
                }
            }
            w.add(WindowSketch.fromJson(saved, s.windows().get(i)));
        }
        MetricState m = new MetricState(name, AnomalyDetector.fromJson(o.get("anomaly"), s.anomaly()),
                HourlySeries.fromJson(o.get("hourly"), s.seriesHours()), w);
        m.lastValue = o.path("lastValue").asDouble(Double.NaN);
        m.lastSeen = Instant.ofEpochMilli(o.path("lastSeen").asLong());
        return m;
    }
}
