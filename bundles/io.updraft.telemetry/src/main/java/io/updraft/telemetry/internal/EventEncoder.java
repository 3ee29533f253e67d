package io.updraft.telemetry.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

/**
 * Encodes events byte for byte as {@link TelemetryCodec#encode} does, without a fresh generator and buffer per
 * event: one generator writes every record into one reused buffer, and the timestamp's date is formatted once per
 * second. Only the returned copy is allocated per event. Not thread-safe; the event log uses it under its lock.
 */
final class EventEncoder {
    private final JsonFactory factory = new JsonFactory();
    private final Sink sink = new Sink();
    private final InstantText timestamps = new InstantText();
    private JsonGenerator generator;

    byte[] encode(TelemetryEvent e) {
        sink.reset();
        try {
            if (generator == null) {
                generator = factory.createGenerator(sink);
                // No separator between records: each record's bytes are what the codec gives.
                generator.setRootValueSeparator(null);
            }
            write(generator, e);
            generator.flush();
        } catch (IOException | RuntimeException ex) {
            // The generator may be left inside an unfinished object; the next record starts with a new one.
            generator = null;
            if (ex instanceof IOException io) {
                throw new UncheckedIOException("cannot encode telemetry event " + e.id(), io);
            }
            throw (RuntimeException) ex;
        }
        return Arrays.copyOf(sink.buf, sink.count);
    }

    private void write(JsonGenerator g, TelemetryEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("f", 1);
        g.writeStringField("id", e.id());
        g.writeNumberField("seq", e.sequence());
        g.writeFieldName("ts");
        g.writeString(timestamps.chars(), 0, timestamps.format(e.timestamp()));
        g.writeStringField("schema", e.schema());
        g.writeNumberField("v", e.schemaVersion());
        g.writeStringField("cat", e.category().id());
        g.writeStringField("type", e.type());
        g.writeFieldName("fields");
        writeValue(g, e.fields());
        g.writeEndObject();
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

    /** A byte array output stream without locking. */
    private static final class Sink extends OutputStream {
        private static final int INITIAL = 1024;
        /** A buffer grown past this for an unusually large event is let go rather than kept for good. */
        private static final int KEPT = 64 * 1024;
        byte[] buf = new byte[INITIAL];
        int count;

        void reset() {
            if (buf.length > KEPT) {
                buf = new byte[INITIAL];
            }
            count = 0;
        }

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }
    }
}
