package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.install.ComponentChange;
import io.updraft.install.InstallRecord;
import io.updraft.update.Version;

/**
 * {@code state/install-history.json}: every install and rollback attempt, oldest first on disk, at most
 * {@code limit}. Written durably when an attempt starts and when it ends.
 */
final class HistoryStore {
    static final int SCHEMA = 1;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final int limit;
    // Guarded by this.
    private List<InstallRecord> records;

    HistoryStore(Path file, int limit) throws IOException {
        this.file = file;
        this.limit = limit;
        this.records = load(file);
    }

    /** Adds a record, or replaces the one with the same id that is still running. */
    synchronized void put(InstallRecord record) throws IOException {
        List<InstallRecord> next = new ArrayList<>(records);
        int at = -1;
        for (int i = next.size() - 1; i >= 0; i--) {
            if (next.get(i).id().equals(record.id()) && next.get(i).outcome() == InstallRecord.Outcome.RUNNING) {
                at = i;
                break;
            }
        }
        if (at >= 0) {
            next.set(at, record);
        } else {
            next.add(record);
        }
        if (next.size() > limit) {
            next = new ArrayList<>(next.subList(next.size() - limit, next.size()));
        }
        DurableFiles.createDirectories(file.getParent());
        DurableFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(next)), null, true,
                file.resolveSibling(file.getFileName() + ".tmp"));
        records = List.copyOf(next);
    }

    /** Newest first, at most {@code max}. */
    synchronized List<InstallRecord> newestFirst(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("history limit " + max + " is negative");
        }
        List<InstallRecord> out = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && out.size() < max; i--) {
            out.add(records.get(i));
        }
        return out;
    }

    synchronized List<InstallRecord> running() {
        return records.stream().filter(r -> r.outcome() == InstallRecord.Outcome.RUNNING).toList();
    }

    synchronized Optional<InstallRecord> latest(String id) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).id().equals(id)) {
                return Optional.of(records.get(i));
            }
        }
        return Optional.empty();
    }

    private static List<InstallRecord> load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try {
            JsonNode json = MAPPER.readTree(bytes);
            int schema = json.path("schema").asInt(-1);
            if (schema > SCHEMA) {
                throw new IOException(file + " has schema " + schema + ", newer than this runtime's " + SCHEMA
                        + "; refusing to overwrite it");
            }
            if (schema != SCHEMA) {
                throw new IllegalArgumentException("schema " + json.path("schema") + " is not " + SCHEMA);
            }
            List<InstallRecord> out = new ArrayList<>();
            for (JsonNode r : json.path("records")) {
                out.add(fromJson(r));
            }
            return List.copyOf(out);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            Path aside = DurableFiles.moveAside(file, "corrupt", Long.toString(System.currentTimeMillis()));
            LOG.warn("Install history {} is unreadable ({}); kept it as {} and started a new one", file, e.getMessage(),
                    aside);
            return List.of();
        }
    }

    private static ObjectNode toJson(List<InstallRecord> records) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        ArrayNode list = json.putArray("records");
        for (InstallRecord r : records) {
            ObjectNode o = list.addObject();
            o.put("id", r.id());
            o.put("action", r.action().name());
            ArrayNode changes = o.putArray("changes");
            for (ComponentChange c : r.changes()) {
                ObjectNode co = changes.addObject().put("component", c.component()).put("to", c.to().toString());
                if (c.from() != null) {
                    co.put("from", c.from().toString());
                }
            }
            o.put("started", r.started().toString());
            if (r.finished() != null) {
                o.put("finished", r.finished().toString());
            }
            o.put("outcome", r.outcome().name());
            o.put("reason", r.reason());
            o.put("by", r.by());
        }
        return json;
    }

    private static InstallRecord fromJson(JsonNode o) {
        List<ComponentChange> changes = new ArrayList<>();
        for (JsonNode c : o.path("changes")) {
            changes.add(new ComponentChange(c.get("component").textValue(),
                    c.hasNonNull("from") ? Version.parse(c.get("from").textValue()) : null,
                    Version.parse(c.get("to").textValue())));
        }
        return new InstallRecord(o.get("id").textValue(), InstallRecord.Action.valueOf(o.get("action").textValue()),
                changes, Instant.parse(o.get("started").textValue()),
                o.hasNonNull("finished") ? Instant.parse(o.get("finished").textValue()) : null,
                InstallRecord.Outcome.valueOf(o.get("outcome").textValue()), o.path("reason").asText(""),
                o.path("by").asText(""));
    }
}
