package io.updraft.rollback.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.update.Version;

/**
 * The first entry of every snapshot archive ({@code snapshot.json}): what the archive holds, entry by entry, in
 * archive order, so the archive can be checked completely before anything is restored from it.
 *
 * @param configPaths the configuration paths snapshotted, in order ({@code config/<i>} is the i-th)
 * @param dataPaths the data paths snapshotted, in order
 */
record InnerManifest(String component, Version version, String installKind, Instant created, List<String> configPaths,
        List<String> dataPaths, List<ManifestEntry> entries) {
    static final String NAME = "snapshot.json";
    static final int SCHEMA = 1;
    /** Far above any real manifest; bounds what a damaged archive can make us read into memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    InnerManifest {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installKind, "installKind");
        Objects.requireNonNull(created, "created");
        configPaths = List.copyOf(configPaths);
        dataPaths = List.copyOf(dataPaths);
        entries = List.copyOf(entries);
    }

    byte[] toJson() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("component", component);
        root.put("version", version.toString());
        root.put("installKind", installKind);
        root.put("created", created.toString());
        configPaths.forEach(root.putArray("configPaths")::add);
        dataPaths.forEach(root.putArray("dataPaths")::add);
        ArrayNode list = root.putArray("entries");
        for (ManifestEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("name", e.name());
            n.put("type", e.type());
            n.put("mode", e.mode());
            n.put("length", e.length());
            n.put("sha256", e.sha256());
            n.put("linkTarget", e.linkTarget());
            n.put("origin", e.origin());
            n.put("uid", e.uid());
            n.put("gid", e.gid());
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * Reads and checks a manifest.
     *
     * @param where names the snapshot in messages
     * @throws InstallException {@code NO_SNAPSHOT} naming what is wrong
     */
    static InnerManifest parse(byte[] json, String where) throws InstallException {
        InnerManifest m;
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw bad(where, "is not a JSON object");
            }
            if (root.path("schema").asInt(-1) != SCHEMA) {
                throw bad(where, "has schema " + root.path("schema") + ", this runtime reads schema " + SCHEMA);
            }
            List<ManifestEntry> entries = new ArrayList<>();
            for (JsonNode n : array(root, "entries")) {
                try {
                    entries.add(new ManifestEntry(text(n, "name"), text(n, "type"), integer(n, "mode"),
                            number(n, "length"), text(n, "sha256"), text(n, "linkTarget"),
                            text(n, "origin"), integer(n, "uid"), integer(n, "gid")));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("entry " + (entries.size() + 1) + ": " + e.getMessage(), e);
                }
            }
            m = new InnerManifest(text(root, "component"), Version.parse(text(root, "version")),
                    text(root, "installKind"), Instant.parse(text(root, "created")),
                    strings(root, "configPaths"), strings(root, "dataPaths"), entries);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new InstallException(Reason.NO_SNAPSHOT, where + ": " + NAME + " is unreadable: " + e.getMessage(), e);
        }
        ManifestRules.check(m, where);
        return m;
    }

    private static InstallException bad(String where, String what) {
        return new InstallException(Reason.NO_SNAPSHOT, where + ": " + NAME + " " + what);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a list");
        }
        return a;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(node, field)) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException("'" + field + "' holds " + n + ", not a path");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a number");
        }
        return v.asLong();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a number");
        }
        return v.asInt();
    }
}
