package io.updraft.publisher.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.tuf.TufKey;

/** The shapes of TUF 1.0 metadata this tool writes (specification version {@value #SPEC_VERSION}). */
final class Metadata {
    static final String SPEC_VERSION = "1.0.31";
    static final String ROOT = "root";
    static final String TARGETS = "targets";
    static final String SNAPSHOT = "snapshot";
    static final String TIMESTAMP = "timestamp";
    static final java.util.List<String> TOP_LEVEL = java.util.List.of(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);

    private Metadata() {
    }

    /** The common fields, in the order the specification lists them. */
    static ObjectNode header(String type, long version, Instant expires) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_type", type);
        json.put("spec_version", SPEC_VERSION);
        json.put("version", version);
        json.put("expires", Times.format(expires));
        return json;
    }

    static long version(JsonNode signed) {
        return signed.path("version").asLong();
    }

    static void bump(ObjectNode signed, Instant expires) {
        signed.put("version", version(signed) + 1);
        signed.put("expires", Times.format(expires));
    }

    /** A role entry of root ({@code keyids}, {@code threshold}). */
    static ObjectNode roleEntry(Collection<String> keyIds, int threshold) {
        ObjectNode role = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = role.putArray("keyids");
        new TreeSet<>(keyIds).forEach(ids::add);
        role.put("threshold", threshold);
        return role;
    }

    /** Puts the keys into a {@code keys} object, sorted by id. */
    static void putKeys(ObjectNode keysObject, Map<String, TufKey> keys) {
        new TreeSet<>(keys.keySet()).forEach(id -> keysObject.set(id, keys.get(id).toJson()));
    }

    static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Whether a delegation's path pattern matches a target path: shell-style, where {@code *} and {@code ?} do
     * not match {@code /} (TUF 1.0.29+), so {@code robot/*} covers {@code robot/app-1.0.0.updraft} only.
     */
    static boolean matches(String pattern, String path) {
        String[] p = pattern.split("/", -1);
        String[] s = path.split("/", -1);
        if (p.length != s.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + escapeBraces(p[i]))
                    .matches(java.nio.file.Path.of(s[i].isEmpty() ? "." : s[i])) && !p[i].equals(s[i])) {
                return false;
            }
        }
        return true;
    }

    private static String escapeBraces(String segment) {
        return segment.replace("{", "\\{").replace("}", "\\}");
    }
}
