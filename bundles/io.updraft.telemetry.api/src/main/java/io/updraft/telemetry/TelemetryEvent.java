package io.updraft.telemetry;

import java.time.Instant;
import java.util.Arrays;
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

    /**
     * An immutable deep copy; a map or list that already is such a copy is taken as it is, so events made from
     * events (drafts stored, anonymized copies) do not copy their fields again.
     */
    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        if (map instanceof FieldMap frozen) {
            return frozen;
        }
        if (map.isEmpty()) {
            return FieldMap.EMPTY;
        }
        // Sized by size() but grown if a concurrently changed map yields more entries.
        FieldMap.Entry[] entries = new FieldMap.Entry[map.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("telemetry field key " + e.getKey() + " in " + path
                        + " must be a string");
            }
            if (n == entries.length) {
                entries = Arrays.copyOf(entries, n * 2);
            }
            entries[n++] = new FieldMap.Entry(key, copyValue(e.getValue(), path, key, 0));
        }
        return n == 0 ? FieldMap.EMPTY : new FieldMap(entries, n);
    }

    private static List<Object> copyList(List<?> list, String path) {
        if (list instanceof FieldList frozen) {
            return frozen;
        }
        Object[] copy = new Object[list.size()];
        int n = 0;
        for (Object v : list) {
            if (n == copy.length) {
                copy = Arrays.copyOf(copy, Math.max(4, n * 2));
            }
            copy[n] = copyValue(v, path, null, n);
            n++;
        }
        return new FieldList(copy, n);
    }

    /**
     * The value as it is stored. The path of a field, {@code parent.key} or {@code parent[index]}, is built only
     * for nested values and errors: building it for every field would cost more than the copy.
     */
    private static Object copyValue(Object value, String parent, String key, int index) {
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
            return copyMap((Map<?, ?>) value, path(parent, key, index));
        }
        if (value instanceof List) {
            return copyList((List<?>) value, path(parent, key, index));
        }
        throw new IllegalArgumentException("telemetry field " + path(parent, key, index) + " has "
                + (value == null ? "a null value" : "a value of unsupported type " + value.getClass().getName())
                + "; use String, Long, Double, Boolean, Map or List");
    }

    private static String path(String parent, String key, int index) {
        return key != null ? parent + "." + key : parent + "[" + index + "]";
    }
}
