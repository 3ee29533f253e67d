package io.updraft.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One structured telemetry event. Field keys are strings; values are String, Long, Double, Boolean, or nested
 * {@code Map<String,Object>} / {@code List<Object>} of those. The compact constructor makes immutable deep copies
 * (keeping the key order), widens Integer/Short/Byte to Long and Float to Double, and refuses nulls and other types.
 *
 * @param id UUID string, for de-duplication downstream
 * @param sequence per-device sequence number, increasing in the order events are stored; 0 until assigned
 * @param timestamp when the event happened
 * @param schema the name of the fields' schema, e.g. {@code updraft.metric.cpu}
 * @param schemaVersion the schema's version, at least 1
 * @param category what the event is about; decides consent and retention
 * @param type the kind of event within the schema, e.g. {@code sample}
 * @param fields the payload
 */
public record TelemetryEvent(String id, long sequence, Instant timestamp, String schema, int schemaVersion,
        Category category, String type, Map<String, Object> fields) {

    public TelemetryEvent {
        requireText(id, "id");
        requireText(schema, "schema");
        requireText(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(category, "category");
        if (sequence < 0) {
            throw new IllegalArgumentException("event " + id + ": sequence " + sequence + " is negative");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("event " + id + ": schema version " + schemaVersion
                    + " of " + schema + " must be at least 1");
        }
        fields = copyMap(Objects.requireNonNull(fields, "fields"), "fields");
    }

    /** This event with other fields, e.g. after anonymization; everything else is kept. */
    public TelemetryEvent withFields(Map<String, Object> newFields) {
        return new TelemetryEvent(id, sequence, timestamp, schema, schemaVersion, category, type, newFields);
    }

    /** This event with the identity the runtime assigns when it stores it. */
    public TelemetryEvent withIdentity(String newId, long newSequence) {
        return new TelemetryEvent(newId, newSequence, timestamp, schema, schemaVersion, category, type, fields);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("telemetry event " + name + " '" + value + "' must not be blank");
        }
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("telemetry field key " + e.getKey() + " in " + path
                        + " must be a string");
            }
            String key = (String) e.getKey();
            copy.put(key, copyValue(e.getValue(), path + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String path) {
        if (value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof Map) {
            return copyMap((Map<?, ?>) value, path);
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("telemetry field " + path + " has "
                + (value == null ? "a null value" : "a value of unsupported type " + value.getClass().getName())
                + "; use String, Long, Double, Boolean, Map or List");
    }
}
