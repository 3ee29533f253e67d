package io.updraft.analysis.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.analysis.Insight;
import io.updraft.analysis.MetricStatistics;
import io.updraft.logstore.LogRecord;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.StreamUsage;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.TelemetryCodec;
import io.updraft.telemetry.TelemetryEvent;

/**
 * One analysis over the store: reads what is new in the {@code telemetry.*} streams and the {@code log} stream
 * from the saved positions on, feeds metrics, crash counts and log entries into the rolling state, evaluates
 * trends, forecasts and correlations, and saves positions and state together. Reading the store happens outside
 * the lock, so queries answer while a run waits for the disk.
 *
 * <p>Consent: nothing from a category the user does not allow is read, kept or served. A run reads no record of a
 * denied category (its stream's position moves to the stream's end instead), and the log stream only from the
 * {@link Category#DIAGNOSTICS} grant on, the log forwarder's rule. Whenever a run or a query finds data fed from a
 * denied category (after a withdrawal), it forgets the metrics, series, insights and read positions fed from it
 * and rewrites the state file without them before doing anything else.
 */
final class Analyzer {
    static final String CRASH_PREFIX = "updraft.crash";
    static final String CRASHES = "updraft.crash.count";
    static final String LOG_ERRORS = "log.errors";
    private static final String TELEMETRY_PREFIX = Sources.TELEMETRY_PREFIX;
    private static final String OWN_SCHEMA_PREFIX = "updraft.analysis.";
    private static final int BATCH = 1000;
    private static final long BATCH_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(Analyzer.class);

    private final Settings settings;
    private final LogStore store;
    private final Clock clock;
    private final StateFile stateFile;
    private final ConsentView consent;
    private final TelemetryCodec codec = new TelemetryCodec();
    private final ObjectMapper mapper = new ObjectMapper();

    // Guarded by this.
    private final Map<String, Long> positions = new TreeMap<>();
    private final Map<String, MetricState> metrics = new HashMap<>();
    private HourlySeries crashes;
    private LogRates logs;
    private final Sources sources;
    /** Something was forgotten or a position moved without a save yet. */
    private boolean unsaved;
    private final InsightBook book = new InsightBook();
    private final List<Insight> fresh = new ArrayList<>();
    private boolean warnedFull;
    private long unreadable;
    /** The store the positions belong to; positions in another store's streams mean nothing. */
    private String positionsOf;

    private volatile List<Insight> current = List.of();

    Analyzer(Settings settings, LogStore store, Clock clock) {
        this(settings, store, clock, ConsentView.ALL_ALLOWED);
    }

    Analyzer(Settings settings, LogStore store, Clock clock, ConsentView consent) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.consent = consent;
        this.stateFile = new StateFile(settings.home());
        JsonNode saved = stateFile.load();
        sources = Sources.fromJson(saved == null ? null : saved.get("sources"));
        if (saved == null) {
            crashes = new HourlySeries(settings.seriesHours());
            logs = new LogRates(settings.errors(), settings.seriesHours());
            return;
        }
        saved.path("positions").fields().forEachRemaining(e -> positions.put(e.getKey(), e.getValue().asLong()));
        positionsOf = saved.path("storeId").isTextual() ? saved.path("storeId").asText() : null;
        saved.path("metrics").fields().forEachRemaining(e -> {
            if (!settings.excluded(e.getKey()) && metrics.size() < settings.maxMetrics()) {
                metrics.put(e.getKey(), MetricState.fromJson(e.getKey(), e.getValue(), settings));
            }
        });
        crashes = HourlySeries.fromJson(saved.get("crashes"), settings.seriesHours());
        logs = LogRates.fromJson(saved.get("logs"), settings);
        for (JsonNode i : saved.path("insights")) {
            try {
                book.put(InsightJson.fromJson(i));
            } catch (RuntimeException e) {
                LOG.debug("Dropped a saved insight that no longer reads: {}", e.getMessage());
            }
        }
        current = List.copyOf(book.sorted());
        LOG.info("Analysis resumed from {}: {} metrics, positions {}", stateFile.path(), metrics.size(), positions);
    }

    /**
     * Runs one analysis.
     *
     * @return the insights first found in this run
     */
    List<Insight> run() throws LogStoreException, IOException {
        int budget = settings.maxRecordsPerRun();
        int read = 0;
        Set<Category> denied = consent.denied();
        synchronized (this) {
            // A withdrawal is honoured on disk first: a crash later in this run must not leave the data behind.
            if (forget(denied)) {
                save();
            }
        }
        Map<String, StreamUsage> usage = store.usage();
        forgetPositionsOfAnotherStore(store.storeId(), usage);
        for (Map.Entry<String, StreamUsage> stream : usage.entrySet()) {
            String name = stream.getKey();
            boolean telemetry = name.startsWith(TELEMETRY_PREFIX);
            if (!telemetry && !LogStore.LOG_STREAM.equals(name)) {
                continue;
            }
            Category source = Sources.ofStream(name);
            if (source != null && denied.contains(source)) {
                skip(name, stream.getValue());
                continue;
            }
            Instant notBefore = telemetry ? null : consent.grantedAt(Category.DIAGNOSTICS);
            long position = position(name, stream.getValue());
            while (budget > 0) {
                List<LogRecord> batch = store.read(name, position, Math.min(BATCH, budget), BATCH_BYTES);
                if (batch.isEmpty()) {
                    break;
                }
                synchronized (this) {
                    for (LogRecord r : batch) {
                        analyse(r, source, denied, notBefore);
                        position = r.sequence();
                    }
                    positions.put(name, position);
                }
                budget -= batch.size();
                read += batch.size();
            }
        }
        Set<Category> deniedNow = consent.denied();
        synchronized (this) {
            // Consent may have changed while the store was read: nothing denied is evaluated or saved.
            forget(deniedNow);
            Instant now = clock.instant();
            for (LogRates.Change c : logs.advance(now)) {
                record(Findings.errorRate(c, settings.errors()));
            }
            Set<String> confirmed = evaluate(now);
            Set<String> before = ids(current);
            book.prune(confirmed, now.minus(settings.insightRetention()));
            current = List.copyOf(book.sorted());
            if (read > 0 || unsaved || !before.equals(ids(current))) {
                save();
            }
            List<Insight> out = List.copyOf(fresh);
            fresh.clear();
            LOG.debug("Analysis read {} records; {} metrics, {} insights ({} new)", read, metrics.size(), current.size(),
                    out.size());
            return out;
        }
    }

    /**
     * A store made anew (its id changed) numbers its records from 1 again: positions saved for the old one would
     * skip the new records. Positions of streams that are gone are dropped, so the state file does not keep them.
     */
    private synchronized void forgetPositionsOfAnotherStore(String storeId, Map<String, StreamUsage> usage) {
        if (positionsOf != null && !positionsOf.equals(storeId) && !positions.isEmpty()) {
            LOG.info("The log store is new (id {}, was {}): reading its streams from the start", storeId,
                    positionsOf);
            positions.clear();
        }
        positionsOf = storeId;
        positions.keySet().retainAll(usage.keySet());
    }

    /**
     * Forgets everything fed from a denied category, and the read positions of its streams.
     *
     * @return whether anything was forgotten; the state file then needs saving
     */
    private boolean forget(Set<Category> denied) {
        if (denied.isEmpty()) {
            return false;
        }
        boolean forgot = book.removeIf(i -> sources.anyDenied(i.metrics(), denied));
        fresh.removeIf(i -> sources.anyDenied(i.metrics(), denied));
        Set<String> gone = new HashSet<>();
        for (String name : metrics.keySet()) {
            if (sources.denied(name, denied)) {
                gone.add(name);
            }
        }
        metrics.keySet().removeAll(gone);
        gone.forEach(sources::remove);
        forgot |= !gone.isEmpty();
        if (!crashes.isEmpty() && sources.denied(CRASHES, denied)) {
            crashes = new HourlySeries(settings.seriesHours());
            sources.remove(CRASHES);
            forgot = true;
        }
        if (denied.contains(Category.DIAGNOSTICS) && !logs.isEmpty()) {
            logs = new LogRates(settings.errors(), settings.seriesHours());
            forgot = true;
        }
        if (forgot) {
            for (Category c : denied) {
                positions.remove(TELEMETRY_PREFIX + c.id());
            }
            if (denied.contains(Category.DIAGNOSTICS)) {
                positions.remove(LogStore.LOG_STREAM);
            }
            current = List.copyOf(book.sorted());
            unsaved = true;
            LOG.info("Consent for {} is not in force: forgot {} metrics and the insights and series fed from them",
                    denied, gone.size());
        }
        return forgot;
    }

    /** Forgets what a denied category fed and saves at once, so a query never serves it; see {@link #forget}. */
    private void forgetDenied() {
        Set<Category> denied = consent.denied();
        if (denied.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (forget(denied)) {
                try {
                    save();
                } catch (IOException e) {
                    LOG.warn("Could not save the analysis state without the withdrawn data; the next run retries", e);
                }
            }
        }
    }

    private void save() throws IOException {
        stateFile.save(toJson());
        unsaved = false;
    }

    /** A denied category's stream is not read: its position moves to the stream's end. */
    private synchronized void skip(String stream, StreamUsage usage) {
        Long before = positions.put(stream, usage.lastSequence());
        if (before == null || before != usage.lastSequence()) {
            unsaved = true;
        }
    }

    /** One record; whatever is wrong with it, the analysis goes on past it. */
    private void analyse(LogRecord r, Category source, Set<Category> denied, Instant notBefore) {
        try {
            if (r.stream().startsWith(TELEMETRY_PREFIX)) {
                telemetry(r, source, denied);
            } else if (notBefore == null || !r.time().isBefore(notBefore)) {
                log(r);
            }
        } catch (RuntimeException ex) {
            if (unreadable++ == 0) {
                LOG.warn("Skipping record {} that the analysis cannot take: {}", r.id("store"), ex.toString());
            }
        }
    }

    /** The saved position, or 0 if the stream restarted below it (a store made anew). */
    private synchronized long position(String stream, StreamUsage usage) {
        long p = positions.getOrDefault(stream, 0L);
        if (p > usage.lastSequence()) {
            LOG.info("Stream {} ends at {} below the analysed position {}: reading it from the start", stream,
                    usage.lastSequence(), p);
            p = 0;
        }
        return p;
    }

    private void telemetry(LogRecord r, Category source, Set<Category> denied) {
        TelemetryEvent e;
        try {
            e = codec.decode(r.payload());
        } catch (IllegalArgumentException ex) {
            if (unreadable++ == 0) {
                LOG.warn("Skipping unreadable telemetry record {}: {}", r.id("store"), ex.getMessage());
            }
            return;
        }
        if (denied.contains(e.category())) {
            return;
        }
        Set<Category> from = source == null || source == e.category() ? Set.of(e.category())
                : Set.of(e.category(), source);
        if (e.schema().startsWith(CRASH_PREFIX)) {
            crashes.add(e.timestamp(), 1);
            from.forEach(c -> sources.add(CRASHES, c));
            return;
        }
        if (!MetricExtractor.SAMPLE_TYPE.equals(e.type()) || e.schema().startsWith(OWN_SCHEMA_PREFIX)) {
            return;
        }
        MetricExtractor.extract(e, (metric, value) -> sample(metric, e.timestamp(), value, from));
    }

    private void sample(String metric, Instant time, double value, Set<Category> from) {
        if (settings.excluded(metric)) {
            return;
        }
        MetricState m = metrics.get(metric);
        if (m == null) {
            if (metrics.size() >= settings.maxMetrics()) {
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.warn("Analysis tracks its maximum of {} metrics; ignoring {} and further new ones (raise maxMetrics or exclude some)",
                            settings.maxMetrics(), metric);
                }
                return;
            }
            m = MetricState.create(metric, settings);
            metrics.put(metric, m);
        }
        for (Category c : from) {
            sources.add(metric, c);
        }
        AnomalyDetector.Finding f = m.add(time, value);
        if (f != null) {
            record(Findings.anomaly(metric, f, settings.anomaly()));
        }
    }

    private void log(LogRecord r) {
        JsonNode entry;
        try {
            entry = mapper.readTree(r.payload());
        } catch (IOException ex) {
            if (unreadable++ == 0) {
                LOG.warn("Skipping unreadable log record {}: {}", r.id("store"), ex.getMessage());
            }
            return;
        }
        if (entry == null || !entry.isObject()) {
            return;
        }
        for (LogRates.Change c : logs.add(r.time(), entry.path("level").asText(), entry.path("logger").asText(),
                entry.path("message").asText())) {
            record(Findings.errorRate(c, settings.errors()));
        }
    }

    private Set<String> evaluate(Instant now) {
        Set<String> confirmed = new HashSet<>();
        for (MetricState m : metrics.values()) {
            for (LimitRule rule : settings.limits()) {
                if (rule.metrics().matches(m.name)) {
                    Trends.evaluate(m, rule, now, settings).ifPresent(i -> {
                        record(i);
                        confirmed.add(i.id());
                    });
                    break;
                }
            }
        }
        Map<String, HourlySeries> failures = new LinkedHashMap<>();
        failures.put(CRASHES, crashes);
        failures.put(LOG_ERRORS, logs.errorsHourly);
        for (Insight i : Correlations.evaluate(metrics.values(), failures, now, settings)) {
            record(i);
            confirmed.add(i.id());
        }
        return confirmed;
    }

    private void record(Insight i) {
        if (book.put(i)) {
            fresh.add(i);
        }
    }

    private static Set<String> ids(List<Insight> insights) {
        Set<String> s = new HashSet<>();
        insights.forEach(i -> s.add(i.id()));
        return s;
    }

    private ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("savedAt", clock.instant().toString());
        if (positionsOf != null) {
            root.put("storeId", positionsOf);
        }
        ObjectNode p = root.putObject("positions");
        positions.forEach(p::put);
        ObjectNode m = root.putObject("metrics");
        new TreeMap<>(metrics).forEach((name, state) -> m.set(name, state.toJson()));
        root.set("crashes", crashes.toJson());
        root.set("logs", logs.toJson());
        ArrayNode list = root.putArray("insights");
        current.forEach(i -> list.add(InsightJson.toJson(i)));
        Set<String> used = new HashSet<>(metrics.keySet());
        used.add(CRASHES);
        current.forEach(i -> used.addAll(i.metrics()));
        sources.retain(used);
        root.set("sources", sources.toJson());
        return root;
    }

    List<Insight> insights() {
        forgetDenied();
        return current;
    }

    Optional<MetricStatistics> statistics(String metric) {
        forgetDenied();
        return statisticsOf(metric);
    }

    private synchronized Optional<MetricStatistics> statisticsOf(String metric) {
        MetricState m = metrics.get(metric);
        return m == null ? Optional.empty() : Optional.of(m.statistics(clock.instant()));
    }

    List<String> metrics() {
        forgetDenied();
        return metricNames();
    }

    private synchronized List<String> metricNames() {
        return List.copyOf(new TreeMap<>(metrics).keySet());
    }

    synchronized Map<String, Long> positions() {
        return Map.copyOf(positions);
    }
}
