package io.updraft.rollback.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.install.SlotFile;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/**
 * The {@code <id>.json} beside each snapshot archive: the snapshot, the slot description it was taken from and the
 * configuration and data paths it holds. Listing reads only these files, never the archives.
 */
record SnapshotRecord(Snapshot snapshot, StagedSlot slot, List<String> configPaths, List<String> dataPaths) {
    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    SnapshotRecord {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(slot, "slot");
        configPaths = List.copyOf(configPaths);
        dataPaths = List.copyOf(dataPaths);
    }

    byte[] toJson() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode s = root.putObject("snapshot");
        s.put("id", snapshot.id());
        s.put("component", snapshot.component());
        s.put("version", snapshot.version().toString());
        s.put("installKind", snapshot.installKind());
        s.put("created", snapshot.created().toString());
        s.put("bytes", snapshot.bytes());
        s.put("sha256", snapshot.sha256());
        snapshot.parts().forEach(s.putArray("parts")::add);
        ObjectNode sl = root.putObject("slot");
        sl.put("component", slot.component());
        sl.put("version", slot.version().toString());
        sl.put("installKind", slot.installKind());
        ArrayNode entries = sl.putArray("entries");
        for (SlotFile f : slot.entries()) {
            ObjectNode n = entries.addObject();
            n.put("path", f.path());
            n.put("type", f.type());
            n.put("length", f.length());
            n.put("sha256", f.sha256());
            n.put("mode", f.mode());
            n.put("linkTarget", f.linkTarget());
        }
        configPaths.forEach(root.putArray("configPaths")::add);
        dataPaths.forEach(root.putArray("dataPaths")::add);
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** @throws IOException naming the problem when the file is not a snapshot record this runtime reads */
    static SnapshotRecord parse(byte[] json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        if (root.path("schema").asInt(-1) != SCHEMA) {
            throw new IOException("schema " + root.path("schema") + ", this runtime reads schema " + SCHEMA);
        }
        try {
            JsonNode s = root.path("snapshot");
            List<String> parts = new ArrayList<>();
            s.path("parts").forEach(p -> parts.add(p.asText()));
            Snapshot snapshot = new Snapshot(text(s, "id"), text(s, "component"), Version.parse(text(s, "version")),
                    text(s, "installKind"), Instant.parse(text(s, "created")), s.path("bytes").asLong(-1),
                    text(s, "sha256"), parts);
            JsonNode sl = root.path("slot");
            List<SlotFile> files = new ArrayList<>();
            for (JsonNode n : sl.path("entries")) {
                files.add(new SlotFile(text(n, "path"), text(n, "type"), n.path("length").asLong(), text(n, "sha256"),
                        n.path("mode").asInt(), text(n, "linkTarget")));
            }
            StagedSlot slot = new StagedSlot(text(sl, "component"), Version.parse(text(sl, "version")),
                    text(sl, "installKind"), files);
            return new SnapshotRecord(snapshot, slot, strings(root, "configPaths"), strings(root, "dataPaths"));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }
}
