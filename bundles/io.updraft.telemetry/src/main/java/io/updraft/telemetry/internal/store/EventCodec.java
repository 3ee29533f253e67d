package io.updraft.telemetry.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/**
 * The JSON form of an event in a segment record, schema {@value #FORMAT} version 1. Keys are short because every
 * stored event carries them.
 */
public final class EventCodec {
    static final String FORMAT = "updraft.telemetry.record";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();

    public byte[] encode(TelemetryEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, e, null);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot encode telemetry event " + e.id(), ex);
        }
        return out.toByteArray();
    }

    /**
     * A generator for writing one record after another with {@link #write}: no separator between them, so each
     * record's bytes are what {@link #encode} gives.
     */
    JsonGenerator recordGenerator(OutputStream out) throws IOException {
        JsonGenerator g = factory.createGenerator(out);
        g.setRootValueSeparator(null);
        return g;
    }

    /** Writes the event's JSON; with {@code timestamps}, its time is formatted there instead of by the JDK. */
    void write(JsonGenerator g, TelemetryEvent e, InstantText timestamps) throws IOException {
        g.writeStartObject();
        g.writeNumberField("f", 1);
        g.writeStringField("id", e.id());
        g.writeNumberField("seq", e.sequence());
        g.writeFieldName("ts");
        if (timestamps == null) {
            g.writeString(e.timestamp().toString());
        } else {
            g.writeString(timestamps.chars(), 0, timestamps.format(e.timestamp()));
        }
        g.writeStringField("schema", e.schema());
        g.writeNumberField("v", e.schemaVersion());
        g.writeStringField("cat", e.category().id());
        g.writeStringField("type", e.type());
        g.writeFieldName("fields");
        writeValue(g, e.fields());
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> en : ((Map<?, ?>) v).entrySet()) {
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

    /** @throws IllegalArgumentException if the bytes are not an event record of a known format version */
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
