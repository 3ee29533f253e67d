package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/**
 * {@code slots/<x>.json}: what slot x holds, as its installer described it after staging. It exists only while the
 * slot really holds that content: it is deleted before the slot is cleared or written and written durably after.
 */
final class SlotJson {
    static final int SCHEMA = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SlotJson() {
    }

    static void write(Path file, StagedSlot slot) throws IOException {
        DurableFiles.createDirectories(file.getParent());
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(slot));
        DurableFiles.write(file, bytes, null, true, file.resolveSibling(file.getFileName() + ".tmp"));
    }

    /** The slot's description; empty if there is none. */
    static Optional<StagedSlot> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(MAPPER.readTree(bytes)));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("slot description " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            DurableFiles.syncDirectory(file.getParent());
        }
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
    }

    static ObjectNode toJson(StagedSlot slot) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("component", slot.component());
        json.put("version", slot.version().toString());
        json.put("installKind", slot.installKind());
        ArrayNode entries = json.putArray("entries");
        for (SlotFile f : slot.entries()) {
            entries.addObject().put("path", f.path()).put("type", f.type()).put("length", f.length())
                    .put("sha256", f.sha256()).put("mode", f.mode()).put("linkTarget", f.linkTarget());
        }
        return json;
    }

    static StagedSlot fromJson(JsonNode json) {
        int schema = json.path("schema").asInt(-1);
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("schema " + json.path("schema") + " is not " + SCHEMA);
        }
        List<SlotFile> entries = new ArrayList<>();
        for (JsonNode e : json.path("entries")) {
            entries.add(new SlotFile(text(e, "path"), text(e, "type"), e.path("length").asLong(),
                    e.path("sha256").asText(""), e.path("mode").asInt(), e.path("linkTarget").asText("")));
        }
        return new StagedSlot(text(json, "component"), Version.parse(text(json, "version")), text(json, "installKind"),
                entries);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.textValue();
    }
}
