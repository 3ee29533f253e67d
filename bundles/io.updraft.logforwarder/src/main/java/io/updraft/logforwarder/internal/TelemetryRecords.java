package io.updraft.logforwarder.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/** The outgoing form of a telemetry event: body the event type, attributes its schema and fields. */
final class TelemetryRecords {
    private TelemetryRecords() {
    }

    static Outgoing outgoing(String recordId, String stream, long sequence, TelemetryEvent e, String json) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        // Fields first, so a field can never take the name of one of the record's own attributes below.
        Attributes.flatten("", e.fields(), attributes);
        Attributes.putRecord(attributes, recordId, stream, sequence);
        attributes.put("updraft.event.id", e.id());
        attributes.put("updraft.event.sequence", e.sequence());
        attributes.put("updraft.schema", e.schema());
        attributes.put("updraft.schema.version", (long) e.schemaVersion());
        attributes.put("updraft.category", e.category().id());
        attributes.put("updraft.event.type", e.type());
        Level level = e.category() == Category.CRASH ? Level.ERROR : Level.INFO;
        return new Outgoing(recordId, stream, sequence, e.timestamp(), level, e.type(), e.schema() + "." + e.type(),
                attributes, json);
    }
}
