package io.updraft.state.internal;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.update.CheckResult;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

/**
 * JSON of the state files, schema 1. Written by hand through tree nodes so the on-disk format does not follow
 * renamed record components by accident; instants are ISO-8601 strings.
 */
final class StateCodec {
    static final int SCHEMA = 1;

    private final ObjectMapper mapper = new ObjectMapper();

    byte[] device(DeviceData data) throws IOException {
        ObjectNode root = header("device");
        root.put("nextSequence", data.nextSequence());
        ObjectNode status = root.putObject("status");
        status.put("state", data.status().state().name());
        status.put("updateId", data.status().updateId());
        status.put("since", data.status().since().toString());
        status.put("reason", data.status().reason());
        ArrayNode components = root.putArray("components");
        for (InstalledComponent c : data.components().values()) {
            components.addObject().put("name", c.name()).put("version", c.version().toString())
                    .put("installedAt", c.installedAt().toString());
        }
        return mapper.writeValueAsBytes(root);
    }

    DeviceData parseDevice(byte[] json) throws CorruptFileException, NewerSchemaException {
        try {
            JsonNode root = open(json, "device");
            JsonNode s = object(root, "status");
            UpdateStatus status = new UpdateStatus(UpdateState.valueOf(text(s, "state")), text(s, "updateId"),
                    Instant.parse(text(s, "since")), text(s, "reason"));
            TreeMap<String, InstalledComponent> components = new TreeMap<>();
            for (JsonNode c : array(root, "components")) {
                InstalledComponent ic = new InstalledComponent(text(c, "name"), Version.parse(text(c, "version")),
                        Instant.parse(text(c, "installedAt")));
                if (components.put(ic.name(), ic) != null) {
                    throw new CorruptFileException("component '" + ic.name() + "' is listed twice");
                }
            }
            return new DeviceData(components, status, number(root, "nextSequence"));
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            throw new CorruptFileException("unparseable device state: " + e.getMessage(), e);
        }
    }

    byte[] history(List<StateTransition> transitions) throws IOException {
        ObjectNode root = header("history");
        ArrayNode list = root.putArray("transitions");
        for (StateTransition t : transitions) {
            list.addObject().put("sequence", t.sequence()).put("from", t.from().name()).put("to", t.to().name())
                    .put("at", t.at().toString()).put("updateId", t.updateId()).put("reason", t.reason());
        }
        return mapper.writeValueAsBytes(root);
    }

    List<StateTransition> parseHistory(byte[] json) throws CorruptFileException, NewerSchemaException {
        try {
            List<StateTransition> out = new ArrayList<>();
            for (JsonNode t : array(open(json, "history"), "transitions")) {
                StateTransition st = new StateTransition(number(t, "sequence"), UpdateState.valueOf(text(t, "from")),
                        UpdateState.valueOf(text(t, "to")), Instant.parse(text(t, "at")), text(t, "updateId"),
                        text(t, "reason"));
                if (!out.isEmpty() && st.sequence() <= out.get(out.size() - 1).sequence()) {
                    throw new CorruptFileException("transition sequence " + st.sequence() + " does not increase");
                }
                out.add(st);
            }
            return out;
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            throw new CorruptFileException("unparseable history: " + e.getMessage(), e);
        }
    }

    byte[] journal(String updateId, List<JournalEntry> entries) throws IOException {
        ObjectNode root = header("journal");
        root.put("updateId", updateId);
        ArrayNode list = root.putArray("entries");
        for (JournalEntry e : entries) {
            ObjectNode n = list.addObject().put("sequence", e.sequence()).put("at", e.at().toString())
                    .put("step", e.step());
            ObjectNode details = n.putObject("details");
            // Sorted so that equal journals give equal bytes.
            new TreeMap<>(e.details()).forEach(details::put);
        }
        return mapper.writeValueAsBytes(root);
    }

    List<JournalEntry> parseJournal(String updateId, byte[] json)
            throws CorruptFileException, NewerSchemaException {
        try {
            JsonNode root = open(json, "journal");
            if (!updateId.equals(text(root, "updateId"))) {
                throw new CorruptFileException("journal belongs to update '" + text(root, "updateId") + "'");
            }
            List<JournalEntry> out = new ArrayList<>();
            for (JsonNode e : array(root, "entries")) {
                Map<String, String> details = new LinkedHashMap<>();
                JsonNode d = object(e, "details");
                for (Map.Entry<String, JsonNode> f : d.properties()) {
                    details.put(f.getKey(), text(d, f.getKey()));
                }
                JournalEntry je = new JournalEntry(number(e, "sequence"), Instant.parse(text(e, "at")),
                        text(e, "step"), details);
                if (je.sequence() != out.size() + 1) {
                    throw new CorruptFileException("journal entry " + (out.size() + 1) + " has sequence " + je.sequence());
                }
                out.add(je);
            }
            return out;
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            throw new CorruptFileException("unparseable journal: " + e.getMessage(), e);
        }
    }

    byte[] check(CheckResult result) throws IOException {
        return mapper.writeValueAsBytes(CheckJson.write(header("check"), result));
    }

    CheckResult parseCheck(byte[] json) throws CorruptFileException, NewerSchemaException {
        try {
            return CheckJson.read(open(json, "check"));
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            throw new CorruptFileException("unparseable check result: " + e.getMessage(), e);
        }
    }

    private ObjectNode header(String kind) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("kind", kind);
        return root;
    }

    /**
     * The root object after checking schema and kind.
     *
     * @throws NewerSchemaException for a schema above {@link #SCHEMA}: that file is not damaged, only too new
     * @throws CorruptFileException for anything else that is not schema {@link #SCHEMA} of {@code kind}
     */
    private JsonNode open(byte[] json, String kind) throws IOException, CorruptFileException, NewerSchemaException {
        JsonNode root = mapper.readTree(json);
        if (root == null || !root.isObject()) {
            throw new CorruptFileException("not a JSON object");
        }
        long schema = number(root, "schema");
        if (schema > SCHEMA) {
            throw new NewerSchemaException(schema, SCHEMA);
        }
        if (schema != SCHEMA) {
            throw new CorruptFileException("unsupported schema version " + schema + " (this agent reads " + SCHEMA + ")");
        }
        if (!kind.equals(text(root, "kind"))) {
            throw new CorruptFileException("holds '" + text(root, "kind") + "' where '" + kind + "' was expected");
        }
        return root;
    }

    static String text(JsonNode node, String field) throws CorruptFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new CorruptFileException("field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    static long number(JsonNode node, String field) throws CorruptFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new CorruptFileException("field '" + field + "' is missing or not an integer");
        }
        return v.asLong();
    }

    static JsonNode object(JsonNode node, String field) throws CorruptFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new CorruptFileException("field '" + field + "' is missing or not an object");
        }
        return v;
    }

    static JsonNode array(JsonNode node, String field) throws CorruptFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new CorruptFileException("field '" + field + "' is missing or not an array");
        }
        return v;
    }
}
