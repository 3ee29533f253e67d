package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

/**
 * Turns records read from the store into what may leave the device. Telemetry batches pass the anonymizer's
 * k-anonymity check ({@link Anonymizer#protect}); without an anonymizer they wait. Log entries go through
 * {@link LogEntries}. Store drop records carry only counts and stream names and go as they are.
 */
final class Preparer {
    static final String TELEMETRY_PREFIX = "telemetry.";
    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);

    private final String storeId;
    private final Supplier<Anonymizer> anonymizer;
    private final LogEntries logEntries;
    private final TelemetryCodec codec = new TelemetryCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    Preparer(String storeId, Supplier<Anonymizer> anonymizer, Supplier<ConsentService> consent) {
        this.storeId = storeId;
        this.anonymizer = anonymizer;
        this.logEntries = new LogEntries(storeId, anonymizer, consent);
    }

    /**
     * @param criticalOnly whether only critical records may go (metered link, policy critical): log entries below
     *        WARN are then dropped and counted
     */
    Prepared prepare(String stream, List<LogRecord> batch, boolean criticalOnly) {
        if (stream.startsWith(TELEMETRY_PREFIX)) {
            return telemetry(stream, batch);
        }
        if (stream.equals(LogStore.LOG_STREAM)) {
            return logEntries.prepare(batch, criticalOnly);
        }
        return plainJson(stream, batch);
    }

    private Prepared telemetry(String stream, List<LogRecord> batch) {
        Anonymizer a = anonymizer.get();
        if (a == null) {
            return Prepared.hold("no anonymizer is bound: telemetry leaves the device only after k-anonymity checks");
        }
        List<TelemetryEvent> events = new ArrayList<>(batch.size());
        Map<String, LogRecord> byEventId = new HashMap<>();
        int malformed = 0;
        for (LogRecord r : batch) {
            try {
                TelemetryEvent e = codec.decode(r.payload());
                events.add(e);
                byEventId.put(e.id(), r);
            } catch (IllegalArgumentException e) {
                malformed++;
                LOG.warn("Record {} is not a telemetry event and is skipped: {}", r.id(storeId), e.getMessage());
            }
        }
        AnonymizedBatch protectedBatch = a.protect(events);
        List<Outgoing> out = new ArrayList<>(protectedBatch.events().size());
        for (TelemetryEvent e : protectedBatch.events()) {
            LogRecord r = byEventId.get(e.id());
            if (r == null) {
                throw new IllegalStateException("the anonymizer returned event " + e.id() + " that was not in the batch");
            }
            out.add(TelemetryRecords.outgoing(r.id(storeId), stream, r.sequence(), e,
                    new String(codec.encode(e), StandardCharsets.UTF_8)));
        }
        return new Prepared(out, events.size() - out.size(), 0, 0, malformed, "");
    }

    private Prepared plainJson(String stream, List<LogRecord> batch) {
        List<Outgoing> out = new ArrayList<>(batch.size());
        int malformed = 0;
        for (LogRecord r : batch) {
            Map<String, Object> fields;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = mapper.readValue(r.payload(), LinkedHashMap.class);
                fields = m;
            } catch (IOException | RuntimeException e) {
                malformed++;
                LOG.warn("Record {} is not a JSON object and is skipped: {}", r.id(storeId), e.getMessage());
                continue;
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            Attributes.flatten("", fields, attributes);
            Attributes.putRecord(attributes, r.id(storeId), stream, r.sequence());
            boolean drops = stream.equals(LogStore.DROPS_STREAM);
            out.add(new Outgoing(r.id(storeId), stream, r.sequence(), r.time(), drops ? Level.WARN : Level.INFO,
                    drops ? "log store dropped records" : stream, "", attributes,
                    new String(r.payload(), StandardCharsets.UTF_8)));
        }
        return new Prepared(out, 0, 0, 0, malformed, "");
    }

    /** Whether the stream's records may go on a metered link under the critical policy. */
    static boolean critical(String stream) {
        return stream.equals(TELEMETRY_PREFIX + Category.CRASH.id()) || stream.equals(LogStore.DROPS_STREAM)
                || stream.equals(LogStore.LOG_STREAM);
    }
}
