package io.updraft.analysis.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.telemetry.Category;

/**
 * The telemetry categories each metric (and the crash series) was fed from, so that a withdrawn category's
 * statistics, series and insights can be found and forgotten. Names derived from the log stream ({@value #LOG_PREFIX}
 * ...) follow {@link Category#DIAGNOSTICS}, the rule the log forwarder applies. A name fed by several categories
 * counts as coming from each of them. A name with no recorded source (state saved before sources were kept) cannot
 * be shown to be allowed and is forgotten as soon as any category is denied.
 */
final class Sources {
    static final String LOG_PREFIX = "log.";
    static final String TELEMETRY_PREFIX = "telemetry.";

    private final Map<String, Set<Category>> byName = new HashMap<>();

    /** The category of a stream, or null for a stream that names no known category. */
    static Category ofStream(String stream) {
        if (stream.equals(io.updraft.logstore.LogStore.LOG_STREAM)) {
            return Category.DIAGNOSTICS;
        }
        if (stream.startsWith(TELEMETRY_PREFIX)) {
            String id = stream.substring(TELEMETRY_PREFIX.length());
            for (Category c : Category.values()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        return null;
    }

    void add(String name, Category category) {
        byName.computeIfAbsent(name, k -> EnumSet.noneOf(Category.class)).add(category);
    }

    /** Whether data under the name may come from a denied category. */
    boolean denied(String name, Set<Category> denied) {
        if (denied.isEmpty()) {
            return false;
        }
        if (name.startsWith(LOG_PREFIX)) {
            return denied.contains(Category.DIAGNOSTICS);
        }
        Set<Category> from = byName.get(name);
        if (from == null) {
            return true;
        }
        for (Category c : from) {
            if (denied.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of the names may come from a denied category. */
    boolean anyDenied(Collection<String> names, Set<Category> denied) {
        for (String n : names) {
            if (denied(n, denied)) {
                return true;
            }
        }
        return false;
    }

    void remove(String name) {
        byName.remove(name);
    }

    /** Keeps only the names still in use, so the file does not grow with names long gone. */
    void retain(Set<String> names) {
        byName.keySet().retainAll(names);
    }

    JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(byName).forEach((name, cats) -> {
            var a = o.putArray(name);
            cats.forEach(c -> a.add(c.id()));
        });
        return o;
    }

    static Sources fromJson(JsonNode o) {
        Sources s = new Sources();
        if (o != null) {
            o.fields().forEachRemaining(e -> {
                for (JsonNode c : e.getValue()) {
                    Category cat = ofStream(TELEMETRY_PREFIX + c.asText());
                    if (cat != null) {
                        s.add(e.getKey(), cat);
                    }
                }
            });
        }
        return s;
    }
}
