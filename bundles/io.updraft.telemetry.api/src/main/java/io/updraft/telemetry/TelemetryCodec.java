package io.updraft.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stored form of an event: JSON record format {@value #FORMAT} version 1, with the short keys {@code f}
 * (format version), {@code id}, {@code seq}, {@code ts} (ISO-8601), {@code schema}, {@code v} (schema version),
 * {@code cat}, {@code type} and {@code fields}. The log store keeps events in this form and the forwarder and
 * analysis read them back with {@link #decode}. Thread-safe.
 */
public final class TelemetryCodec {
    /** The name of the record format. */
    public static final String FORMAT = "updraft.telemetry.record";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();

    /** The event's record bytes, UTF-8 JSON. */
    public byte[] encode(TelemetryEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("f", 1);
            g.writeStringField("id", e.id());
            g.writeNumberField("seq", e.sequence());
            g.writeStringField("ts", e.timestamp().toString());
            g.writeStringField("schema", e.schema());
            g.writeNumberField("v", e.schemaVersion());
            g.writeStringField("cat", e.category().id());
            g.writeStringField("type", e.type());
            g.writeFieldName("fields");
            writeValue(g, e.fields());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot encode telemetry event " + e.id(), ex);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> en : m.entrySet()) {
                g.writeFieldName((String) en.getKey());
                writeValue(g, en.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                writeValue(g, o);
            }
            g.writeEndArray();
        }
    }

    /** The event in {@code bytes}; as {@link #decode(byte[], int, int)} over the whole array. */
    public TelemetryEvent decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The event whose record is {@code length} bytes at {@code offset}.
     *
     * @throws IllegalArgumentException if the bytes are not an event record of a known format version
     */
    @SuppressWarnings("unchecked")
    public TelemetryEvent decode(byte[] bytes, int offset, int length) {
        Map<String, Object> m;
        try {
            m = mapper.readValue(bytes, offset, length, Map.class);
        } catch (IOException ex) {
            throw new IllegalArgumentException("record is not JSON: " + ex.getMessage(), ex);
        }
        Object format = m.get("f");
        if (!(format instanceof Number) || ((Number) format).intValue() != 1) {
            throw new IllegalArgumentException("record format version " + format + " is not supported (expected 1)");
        }
        try {
            return new TelemetryEvent((String) m.get("id"), ((Number) m.get("seq")).longValue(),
                    Instant.parse((String) m.get("ts")), (String) m.get("schema"), ((Number) m.get("v")).intValue(),
                    Category.parse((String) m.get("cat")), (String) m.get("type"),
                    (Map<String, Object>) m.get("fields"));
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("record is not a valid event: " + ex.getMessage(), ex);
        }
    }
}
