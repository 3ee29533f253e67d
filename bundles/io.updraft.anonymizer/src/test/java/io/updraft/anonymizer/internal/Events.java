package io.updraft.anonymizer.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryEvent;

/** Events for tests. */
final class Events {
    static final Instant T0 = Instant.parse("2024-05-01T12:30:45Z");

    private Events() {
    }

    static TelemetryEvent event(Category category, String schema, Map<String, Object> fields) {
        return new TelemetryEvent(UUID.randomUUID().toString(), 1, T0, schema, 1, category, "sample", fields);
    }
}
