package io.updraft.logforwarder.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Encodes a batch as an OTLP {@code ExportLogsServiceRequest} in the OTLP/JSON form: lowerCamelCase keys, 64-bit
 * integers and nanosecond times as decimal strings, enums as integers. One resource (the device), one scope (the
 * forwarder), one LogRecord per outgoing record. Thread-safe.
 */
final class OtlpJson {
    static final String SCOPE = "io.updraft.logforwarder";

    private final JsonFactory factory = new JsonFactory();
    private final Map<String, Object> resource;
    private final String scopeVersion;

    /** @param resource the device's resource attributes (service.name, host.id, ...) */
    OtlpJson(Map<String, Object> resource, String scopeVersion) {
        this.resource = Map.copyOf(resource);
        this.scopeVersion = scopeVersion;
    }

    byte[] encode(List<Outgoing> batch, Instant observed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + batch.size() * 512);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("resourceLogs");
            g.writeStartObject();
            g.writeObjectFieldStart("resource");
            writeAttributes(g, resource);
            g.writeEndObject();
            g.writeArrayFieldStart("scopeLogs");
            g.writeStartObject();
            g.writeObjectFieldStart("scope");
            g.writeStringField("name", SCOPE);
            g.writeStringField("version", scopeVersion);
            g.writeEndObject();
            g.writeArrayFieldStart("logRecords");
            String observedNanos = nanos(observed);
            for (Outgoing o : batch) {
                writeRecord(g, o, observedNanos);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an OTLP request", e);
        }
        return out.toByteArray();
    }

    private static void writeRecord(JsonGenerator g, Outgoing o, String observedNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("timeUnixNano", nanos(o.time()));
        g.writeStringField("observedTimeUnixNano", observedNanos);
        g.writeNumberField("severityNumber", o.level().otlpNumber());
        g.writeStringField("severityText", o.level().name());
        g.writeObjectFieldStart("body");
        g.writeStringField("stringValue", o.body());
        g.writeEndObject();
        writeAttributes(g, o.attributes());
        if (!o.eventName().isEmpty()) {
            g.writeStringField("eventName", o.eventName());
        }
        g.writeEndObject();
    }

    private static void writeAttributes(JsonGenerator g, Map<String, Object> attributes) throws IOException {
        g.writeArrayFieldStart("attributes");
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            g.writeStartObject();
            g.writeStringField("key", e.getKey());
            g.writeFieldName("value");
            writeValue(g, e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** An AnyValue. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        g.writeStartObject();
        if (v instanceof Boolean b) {
            g.writeBooleanField("boolValue", b);
        } else if (v instanceof Long l) {
            g.writeStringField("intValue", Long.toString(l));
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                // Proto3 JSON spells the non-finite doubles as strings.
                g.writeStringField("doubleValue", d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
            } else {
                g.writeNumberField("doubleValue", d);
            }
        } else if (v instanceof List<?> list) {
            g.writeObjectFieldStart("arrayValue");
            g.writeArrayFieldStart("values");
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
            g.writeEndObject();
        } else if (v instanceof Map<?, ?> map) {
            g.writeObjectFieldStart("kvlistValue");
            g.writeArrayFieldStart("values");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeStartObject();
                g.writeStringField("key", String.valueOf(e.getKey()));
                g.writeFieldName("value");
                writeValue(g, e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeStringField("stringValue", String.valueOf(v));
        }
        g.writeEndObject();
    }

    /** Nanoseconds since the epoch; an unsigned field, so a time before 1970 (a clock not yet set) is 0. */
    static String nanos(Instant t) {
        if (t.getEpochSecond() < 0) {
            return "0";
        }
        return java.math.BigInteger.valueOf(t.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(t.getNano())).toString();
    }
}
