package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.analysis.Insight;
import io.updraft.analysis.InsightKind;
import io.updraft.analysis.Severity;

/** Insights in the state file. */
final class InsightJson {
    private InsightJson() {
    }

    static ObjectNode toJson(Insight i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
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
                e.put(k, (String) v);
            }
        });
        o.put("firstSeen", i.firstSeen().toString());
        o.put("lastSeen", i.lastSeen().toString());
        return o;
    }

    static Insight fromJson(JsonNode o) {
        List<String> metrics = new ArrayList<>();
        o.path("metrics").forEach(m -> metrics.add(m.asText()));
        Map<String, Object> evidence = new LinkedHashMap<>();
        o.path("evidence").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            evidence.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText());
        });
        return new Insight(o.path("id").asText(), InsightKind.valueOf(o.path("kind").asText()),
                Severity.valueOf(o.path("severity").asText()), o.path("title").asText(), o.path("detail").asText(),
                metrics, evidence, Instant.parse(o.path("firstSeen").asText()), Instant.parse(o.path("lastSeen").asText()));
    }
}
