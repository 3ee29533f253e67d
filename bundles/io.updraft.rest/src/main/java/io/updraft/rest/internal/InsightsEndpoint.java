package io.updraft.rest.internal;

import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.analysis.AnalysisService;
import io.updraft.analysis.Insight;
import io.updraft.analysis.MetricStatistics;
import io.updraft.analysis.WindowStatistics;

/**
 * {@code GET telemetry/insights}: what the analysis found, as {@code {"insights": [...], "metrics": [...]}}, each
 * insight with id, kind, severity, title, detail, metrics, evidence, firstSeen and lastSeen; with
 * {@code ?metric=NAME}, that metric's rolling statistics per window instead (figures of an empty window are null).
 */
final class InsightsEndpoint {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<AnalysisService> analysis;

    InsightsEndpoint(Supplier<AnalysisService> analysis) {
        this.analysis = analysis;
    }

    Map<String, Endpoint> routes() {
        return Map.of("GET", this::get);
    }

    JsonNode get(HttpServletRequest request) throws ApiError {
        AnalysisService a = analysis.get();
        if (a == null) {
            throw new ApiError(503, "unavailable", "the analysis is not installed or not running on this device");
        }
        String metric = request.getParameter("metric");
        if (metric != null) {
            MetricStatistics s = a.statistics(metric).orElseThrow(() -> new ApiError(404, "not_found",
                    "metric '" + metric + "' is not tracked; GET " + ApiServlet.BASE + "/telemetry/insights lists the metrics"));
            return statistics(s);
        }
        ObjectNode root = JSON.objectNode();
        ArrayNode list = root.putArray("insights");
        for (Insight i : a.insights()) {
            list.add(insight(i));
        }
        a.metrics().forEach(root.putArray("metrics")::add);
        return root;
    }

    static ObjectNode insight(Insight i) {
        ObjectNode o = JSON.objectNode();
        o.put("id", i.id());
        o.put("kind", i.kind().name());
        o.put("severity", i.severity().name());
        o.put("title", i.title());
        o.put("detail", i.detail());
        i.metrics().forEach(o.putArray("metrics")::add);
        ObjectNode e = o.putObject("evidence");
        i.evidence().forEach((k, v) -> {
            if (v instanceof Long l) {
                e.put(k, l);
            } else if (v instanceof Double d) {
                e.put(k, d);
            } else {
                e.put(k, String.valueOf(v));
            }
        });
        o.put("firstSeen", i.firstSeen().toString());
        o.put("lastSeen", i.lastSeen().toString());
        return o;
    }

    private static JsonNode statistics(MetricStatistics s) {
        ObjectNode root = JSON.objectNode();
        root.put("metric", s.metric());
        number(root, "lastValue", s.lastValue());
        root.put("lastSeen", s.lastSeen().toString());
        ArrayNode windows = root.putArray("windows");
        for (WindowStatistics w : s.windows()) {
            ObjectNode o = windows.addObject();
            o.put("window", w.window().toString());
            o.put("count", w.count());
            number(o, "mean", w.mean());
            number(o, "min", w.min());
            number(o, "max", w.max());
            number(o, "p50", w.p50());
            number(o, "p90", w.p90());
            number(o, "p99", w.p99());
        }
        return root;
    }

    /** JSON has no NaN: a figure of an empty window is null. */
    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }
}
