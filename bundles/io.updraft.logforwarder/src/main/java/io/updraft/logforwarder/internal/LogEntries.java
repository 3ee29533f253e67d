package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.logstore.LogRecord;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryEvent;

/**
 * The runtime's log entries ({@code {ts, level, logger, thread, message, exception, bundle}}) as they may leave the
 * device: only while consent for {@link Category#DIAGNOSTICS} is in force, never an entry written before a grant
 * that is in force, and with their text passed through {@link Anonymizer#anonymize} as a diagnostics event of
 * schema {@value #SCHEMA}, so identifiers in log text are scrubbed like crash text. Without a consent service or an
 * anonymizer the stream waits.
 */
final class LogEntries {
    static final String SCHEMA = "updraft.log";
    private static final Logger LOG = LoggerFactory.getLogger(LogEntries.class);
    private static final List<String> TEXT_FIELDS = List.of("message", "exception", "logger", "thread", "bundle");

    private final String storeId;
    private final Supplier<Anonymizer> anonymizer;
    private final Supplier<ConsentService> consent;
    private final ObjectMapper mapper = new ObjectMapper();

    LogEntries(String storeId, Supplier<Anonymizer> anonymizer, Supplier<ConsentService> consent) {
        this.storeId = storeId;
        this.anonymizer = anonymizer;
        this.consent = consent;
    }

    Prepared prepare(List<LogRecord> batch, boolean criticalOnly) {
        ConsentService consents = consent.get();
        if (consents == null) {
            return Prepared.hold("no consent service is bound: log entries wait until consent can be checked");
        }
        Consent diagnostics = consents.consent(Category.DIAGNOSTICS);
        Anonymizer a = anonymizer.get();
        if (diagnostics.allowed() && a == null) {
            return Prepared.hold("no anonymizer is bound: log text leaves the device only scrubbed");
        }
        List<Outgoing> out = new ArrayList<>();
        int withheld = 0;
        int suppressed = 0;
        int metered = 0;
        int malformed = 0;
        for (LogRecord r : batch) {
            Map<String, Object> entry = parse(r);
            if (entry == null) {
                malformed++;
                continue;
            }
            Instant time = time(entry.get("ts"), r.time());
            if (!diagnostics.allowed() || (diagnostics.decidedAt() != null && time.isBefore(diagnostics.decidedAt()))) {
                withheld++;
                continue;
            }
            Level level = Level.of(String.valueOf(entry.getOrDefault("level", "INFO")));
            if (criticalOnly && level.compareTo(Level.WARN) < 0) {
                metered++;
                continue;
            }
            Optional<Outgoing> o = scrubbed(r, entry, time, level, a);
            if (o.isPresent()) {
                out.add(o.get());
            } else {
                suppressed++;
            }
        }
        return new Prepared(out, suppressed, withheld, metered, malformed, "");
    }

    private Optional<Outgoing> scrubbed(LogRecord r, Map<String, Object> entry, Instant time, Level level,
            Anonymizer a) {
        String id = r.id(storeId);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : TEXT_FIELDS) {
            Object v = entry.get(key);
            if (v != null && !String.valueOf(v).isEmpty()) {
                fields.put(key, String.valueOf(v));
            }
        }
        fields.put("level", level.name());
        TelemetryEvent event = new TelemetryEvent(id, r.sequence(), time, SCHEMA, 1, Category.DIAGNOSTICS, "entry",
                fields);
        Optional<TelemetryEvent> clean = a.anonymize(event);
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> f = clean.get().fields();
        String message = text(f.get("message"));
        String exception = text(f.get("exception"));
        Map<String, Object> attributes = new LinkedHashMap<>();
        putText(attributes, "updraft.logger", f.get("logger"));
        putText(attributes, "thread.name", f.get("thread"));
        putText(attributes, "updraft.bundle", f.get("bundle"));
        putText(attributes, "exception.stacktrace", f.get("exception"));
        Attributes.putRecord(attributes, id, r.stream(), r.sequence());
        String text = exception.isEmpty() ? message : message + "\n" + exception;
        return Optional.of(new Outgoing(id, r.stream(), r.sequence(), time, level, message, "", attributes, text));
    }

    private Map<String, Object> parse(LogRecord r) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = mapper.readValue(r.payload(), LinkedHashMap.class);
            return m;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Log record {} is not a JSON object and is skipped: {}", r.id(storeId), e.getMessage());
            return null;
        }
    }

    /** The entry's own time (ISO-8601 text or epoch milliseconds), else the record's. */
    private static Instant time(Object ts, Instant fallback) {
        if (ts instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (ts instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static void putText(Map<String, Object> attributes, String key, Object v) {
        if (v != null && !String.valueOf(v).isEmpty()) {
            attributes.put(key, String.valueOf(v));
        }
    }
}
