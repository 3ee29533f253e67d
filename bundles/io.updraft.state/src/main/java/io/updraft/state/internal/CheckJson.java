package io.updraft.state.internal;

import static io.updraft.state.internal.StateCodec.array;
import static io.updraft.state.internal.StateCodec.number;
import static io.updraft.state.internal.StateCodec.object;
import static io.updraft.state.internal.StateCodec.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.update.CheckResult;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

/**
 * The body of {@code last-check.json}: a {@link CheckResult} with its offers. Sets and maps are written sorted so
 * that equal results give equal bytes.
 */
final class CheckJson {
    private CheckJson() {
    }

    static ObjectNode write(ObjectNode root, CheckResult r) {
        root.put("source", r.source());
        root.put("checkedAt", r.checkedAt().toString());
        root.put("error", r.error());
        ArrayNode updates = root.putArray("updates");
        for (Offer o : r.updates()) {
            ObjectNode n = updates.addObject();
            Release rel = o.release();
            n.put("component", rel.component()).put("version", rel.version().toString());
            new TreeSet<>(rel.products()).forEach(n.putArray("products")::add);
            new TreeSet<>(rel.hardware()).forEach(n.putArray("hardware")::add);
            n.put("kind", rel.kind().name());
            n.put("deltaBase", rel.deltaBase() == null ? "" : rel.deltaBase().toString());
            n.put("source", o.source()).put("artifact", o.artifact()).put("length", o.length());
            putMap(n.putObject("hashes"), o.hashes());
            putMap(n.putObject("requires"), o.requires());
            putMap(n.putObject("conflicts"), o.conflicts());
            n.put("install", o.install());
            o.mirrors().forEach(n.putArray("mirrors")::add);
        }
        r.skipped().forEach(root.putArray("skipped")::add);
        return root;
    }

    static CheckResult read(JsonNode root) throws CorruptFileException {
        List<Offer> updates = new ArrayList<>();
        for (JsonNode n : array(root, "updates")) {
            String base = text(n, "deltaBase");
            Release release = new Release(text(n, "component"), Version.parse(text(n, "version")),
                    strings(n, "products"), strings(n, "hardware"), kind(text(n, "kind")),
                    base.isEmpty() ? null : Version.parse(base));
            // Checks recorded before mirrors were kept have none.
            List<String> mirrors = n.has("mirrors") ? orderedStrings(n, "mirrors") : List.of();
            updates.add(new Offer(release, text(n, "source"), text(n, "artifact"), number(n, "length"),
                    map(n, "hashes"), map(n, "requires"), map(n, "conflicts"), text(n, "install"), mirrors));
        }
        List<String> skipped = new ArrayList<>();
        JsonNode s = array(root, "skipped");
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i).isTextual()) {
                throw new CorruptFileException("skipped entry " + i + " is not a string");
            }
            skipped.add(s.get(i).textValue());
        }
        return new CheckResult(text(root, "source"), Instant.parse(text(root, "checkedAt")), updates, skipped,
                text(root, "error"));
    }

    private static Release.Kind kind(String name) throws CorruptFileException {
        try {
            return Release.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException("release kind '" + name + "' is unknown", e);
        }
    }

    private static void putMap(ObjectNode into, Map<String, String> map) {
        new TreeMap<>(map).forEach(into::put);
    }

    private static Map<String, String> map(JsonNode node, String field) throws CorruptFileException {
        JsonNode m = object(node, field);
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            out.put(e.getKey(), text(m, e.getKey()));
        }
        return out;
    }

    private static List<String> orderedStrings(JsonNode node, String field) throws CorruptFileException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(node, field)) {
            if (!v.isTextual()) {
                throw new CorruptFileException("field '" + field + "' holds " + v + ", not a string");
            }
            out.add(v.textValue());
        }
        return out;
    }

    private static Set<String> strings(JsonNode node, String field) throws CorruptFileException {
        Set<String> out = new TreeSet<>();
        for (JsonNode v : array(node, field)) {
            if (!v.isTextual()) {
                throw new CorruptFileException("field '" + field + "' holds " + v + ", not a string");
            }
            out.add(v.textValue());
        }
        return out;
    }
}
