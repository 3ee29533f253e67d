package io.updraft.telemetry.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.TelemetryService;
import io.updraft.telemetry.TelemetryStatus;
import io.updraft.fs.DurableFiles;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.telemetry.internal.consent.ConsentManager;

/**
 * The telemetry path: collectors → consent → anonymizer → log store (streams {@code telemetry.<category>}; the
 * store syncs, rotates and applies retention itself). Plain Java, so tests and benchmarks build it with
 * {@code new}; the store is the caller's and outlives the engine.
 */
public final class TelemetryEngine implements TelemetryService, AutoCloseable {
    static final String PROBLEM_SCHEMA = "updraft.telemetry.collector";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEngine.class);

    private final Clock clock;
    private final Supplier<Anonymizer> anonymizer;
    private final EventLog store;
    private final ConsentManager consent;
    private final UsageCounters usage;
    private final CollectorScheduler scheduler;
    private volatile Settings settings;

    public TelemetryEngine(TelemetryConfig config, LogStore logStore, Clock clock, Supplier<Anonymizer> anonymizer)
            throws TelemetryException {
        this(Settings.of(config), logStore, clock, anonymizer);
    }

    TelemetryEngine(Settings settings, LogStore logStore, Clock clock, Supplier<Anonymizer> anonymizer)
            throws TelemetryException {
        this.settings = settings;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.anonymizer = Objects.requireNonNull(anonymizer, "anonymizer");
        try {
            DurableFiles.createDirectories(settings.telemetryDir());
            this.store = new EventLog(settings.telemetryDir(), logStore, clock);
        } catch (IOException | LogStoreException e) {
            throw new TelemetryException("cannot open the telemetry event log in " + settings.telemetryDir() + ": "
                    + e.getMessage(), e);
        }
        this.usage = new UsageCounters(clock);
        this.consent = new ConsentManager(settings.telemetryDir(), settings.policy(), clock, this::purge);
        this.scheduler = new CollectorScheduler(settings.collectorThreads(), settings.collectorTimeout(),
                settings.intervals(), consent::allowed, new Sink(), clock);
        scheduler.add(usage);
    }

    /**
     * A withdrawal flips consent before it clears the counters, so a count that passed the check just before it
     * is either cleared by the withdrawal or, when it landed after the clear, found here.
     */
    private void forgetIfWithdrawnMeanwhile() {
        if (!consent.allowed(Category.USAGE)) {
            usage.clear();
        }
    }

    private long purge(Category c) throws IOException {
        if (c == Category.USAGE) {
            usage.clear();
        }
        try {
            return store.purge(c);
        } catch (LogStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Whether new settings can be applied in place; otherwise the engine must be replaced. Everything but the
     * directory changes in place, so two engines never share a store: events the old one wrote after the new one
     * had listed the segments would escape the new one's purges and retention.
     */
    boolean canApply(Settings next) {
        return next.telemetryDir().equals(settings.telemetryDir());
    }

    void apply(Settings next) {
        if (!canApply(next)) {
            throw new IllegalArgumentException("settings for " + next.telemetryDir() + " need a new engine");
        }
        settings = next;
        consent.policy(next.policy());
        scheduler.threads(next.collectorThreads());
        scheduler.reconfigure(next.intervals(), next.collectorTimeout());
    }

    public ConsentManager consent() {
        return consent;
    }

    public EventLog store() {
        return store;
    }

    public void addCollector(Collector c) {
        scheduler.add(c);
    }

    public void removeCollector(Collector c) {
        scheduler.remove(c);
    }

    @Override
    public Optional<TelemetryEvent> publish(TelemetryEvent event) throws TelemetryException {
        Optional<TelemetryEvent> ready = prepare(event);
        return ready.isEmpty() ? ready : store(ready.get());
    }

    /**
     * The event as it may be stored: anonymized, or as it is if no anonymizer is bound and the maker let its
     * category be stored without one. Empty without consent, when the anonymizer drops it or fails on it, and
     * for every other category while no anonymizer is bound: storing raw events then could leak what the
     * anonymizer was meant to remove.
     */
    private Optional<TelemetryEvent> prepare(TelemetryEvent event) {
        Category category = event.category();
        if (!consent.allowed(category)) {
            return Optional.empty();
        }
        Anonymizer a = anonymizer.get();
        if (a == null) {
            return settings.storedWithoutAnonymizer().contains(category) ? Optional.of(event) : Optional.empty();
        }
        Optional<TelemetryEvent> anonymized;
        try {
            anonymized = a.anonymize(event);
        } catch (RuntimeException e) {
            // Without the message: it may quote the value the anonymizer choked on.
            LOG.warn("Anonymizer failed on a {} event of schema {} ({}); event dropped", category.id(),
                    event.schema(), Errors.describe(e));
            return Optional.empty();
        }
        if (anonymized.isPresent() && anonymized.get().category() != category) {
            LOG.warn("Anonymizer moved a {} event to {}; event dropped", category.id(),
                    anonymized.get().category().id());
            return Optional.empty();
        }
        return anonymized;
    }

    private Optional<TelemetryEvent> store(TelemetryEvent event) throws TelemetryException {
        try {
            return store.append(event, consent::allowed);
        } catch (IOException | LogStoreException | RuntimeException e) {
            throw new TelemetryException("cannot store a " + event.category().id() + " event of schema "
                    + event.schema() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void count(String name, long delta) {
        if (consent.allowed(Category.USAGE)) {
            usage.count(name, delta);
            forgetIfWithdrawnMeanwhile();
        }
    }

    @Override
    public void duration(String name, Duration duration) {
        if (consent.allowed(Category.USAGE)) {
            usage.duration(name, duration);
            forgetIfWithdrawnMeanwhile();
        }
    }

    @Override
    public TelemetryStatus status() {
        return new TelemetryStatus(clock.instant(), scheduler.statuses(), store.usage(), anonymizer.get() != null);
    }

    /** For tests: whether the collector has a call in progress. */
    boolean busy(Collector c) {
        return scheduler.runningSince(c) != null;
    }

    private final class Sink implements CollectorSink {
        @Override
        public void collected(Collector collector, List<TelemetryEvent> events) {
            for (TelemetryEvent e : events) {
                try {
                    publish(e);
                } catch (TelemetryException | RuntimeException ex) {
                    LOG.warn("Cannot store an event of telemetry collector {}", collector.name(), ex);
                }
            }
        }

        @Override
        public String problem(Collector collector, String summary, Throwable cause) {
            String safe = cause == null ? summary : summary + ": " + Errors.describe(cause);
            String shown = safe;
            Optional<TelemetryEvent> ready;
            if (cause != null && anonymizer.get() != null) {
                // The anonymizer decides what of the message may be kept, for the store and the log alike.
                ready = prepare(problemEvent(collector, summary + ": " + Errors.withMessages(cause)));
                if (ready.isPresent() && ready.get().fields().get("problem") instanceof String scrubbed) {
                    shown = scrubbed;
                }
            } else {
                ready = prepare(problemEvent(collector, safe));
            }
            LOG.warn("Telemetry collector {} {}", collector.name(), shown);
            if (ready.isPresent()) {
                try {
                    store(ready.get());
                } catch (TelemetryException | RuntimeException e) {
                    LOG.warn("Cannot store the problem of telemetry collector {}", collector.name(), e);
                }
            }
            return shown;
        }

        private TelemetryEvent problemEvent(Collector collector, String problem) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("collector", collector.name());
            fields.put("category", collector.category().id());
            fields.put("problem", problem);
            return TelemetryEvents.draft(clock.instant(), PROBLEM_SCHEMA, 1, Category.DIAGNOSTICS, "problem", fields);
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
