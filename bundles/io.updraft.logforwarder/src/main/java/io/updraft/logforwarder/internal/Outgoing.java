package io.updraft.logforwarder.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record as it leaves the device, after the privacy checks: the common shape both wire formats are made from.
 *
 * @param id the record id ({@code storeId/stream/sequence}), the receiver's de-duplication key
 * @param stream the log store stream it comes from
 * @param sequence its sequence in the stream
 * @param time when what it describes happened
 * @param level its severity
 * @param body the log message, or the event type of a telemetry event
 * @param eventName the event's name ({@code schema.type}); empty for log entries
 * @param attributes what else it carries, nested maps and lists allowed (String, Long, Double, Boolean values)
 * @param text the syslog MSG: the log message (with the exception after a line break) or the event as JSON
 */
record Outgoing(String id, String stream, long sequence, Instant time, Level level, String body, String eventName,
        Map<String, Object> attributes, String text) {
    Outgoing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(eventName, "eventName");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(text, "text");
    }
}
