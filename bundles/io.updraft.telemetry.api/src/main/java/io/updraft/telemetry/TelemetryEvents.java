package io.updraft.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * Makes events whose identity the runtime assigns when it stores them: a fresh UUID, the next sequence number
 * and, for drafts without a time, the time of storing.
 */
public final class TelemetryEvents {
    /** The id of an event whose id the runtime assigns. */
    public static final String UNASSIGNED_ID = "unassigned";
    /** The timestamp of an event whose time the runtime assigns. */
    public static final Instant UNASSIGNED_TIME = Instant.EPOCH;

    private TelemetryEvents() {
    }

    /** An event that happened at {@code timestamp}; id and sequence are assigned when it is stored. */
    public static TelemetryEvent draft(Instant timestamp, String schema, int schemaVersion, Category category,
            String type, Map<String, Object> fields) {
        return new TelemetryEvent(UNASSIGNED_ID, 0, timestamp, schema, schemaVersion, category, type, fields);
    }

    /** An event whose id, sequence and timestamp are all assigned when it is stored. */
    public static TelemetryEvent draft(String schema, int schemaVersion, Category category, String type,
            Map<String, Object> fields) {
        return draft(UNASSIGNED_TIME, schema, schemaVersion, category, type, fields);
    }

    /** Whether the runtime still has to assign the event's id. */
    public static boolean hasUnassignedId(TelemetryEvent event) {
        return UNASSIGNED_ID.equals(event.id());
    }

    /** Whether the runtime still has to assign the event's timestamp. */
    public static boolean hasUnassignedTime(TelemetryEvent event) {
        return UNASSIGNED_TIME.equals(event.timestamp());
    }
}
