package io.updraft.telemetry.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
import io.updraft.telemetry.internal.consent.ConsentManager;
import io.updraft.telemetry.internal.store.SegmentStore;

/**
 * The telemetry path: collectors → consent → anonymizer → segment store, with the periodic sync and retention of
 * the store. Plain Java, so tests and benchmarks build it with {@code new}.
 */
public final class TelemetryEngine implements TelemetryService, AutoCloseable {
    static final String PROBLEM_SCHEMA = "updraft.telemetry.collector";
    private static final Duration RETENTION_PERIOD = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEngine.class);

    private final Clock clock;
    private final Supplier<Anonymizer> anonymizer;
    private final SegmentStore store;
    private final ConsentManager consent;
    private final UsageCounters usage;
    private final CollectorScheduler scheduler;
    private final ScheduledExecutorService maintenance;
    private volatile Settings settings;

    public TelemetryEngine(TelemetryConfig config, Clock clock, Supplier<Anonymizer> anonymizer)
            throws TelemetryException {
        this(Settings.of(config), clock, anonymizer);
    }

    TelemetryEngine(Settings settings, Clock clock, Supplier<Anonymizer> anonymizer) throws TelemetryException {
        this.settings = settings;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.anonymizer = Objects.requireNonNull(anonymizer, "anonymizer");
        try {
            this.store = new SegmentStore(settings.telemetryDir(), settings.limits(), clock);
        } catch (IOException e) {
            throw new TelemetryException("cannot open the telemetry store in " + settings.telemetryDir() + ": "
                    + e.getMessage(), e);
        }
        this.usage = new UsageCounters(clock);
        try {
            this.consent = new ConsentManager(settings.telemetryDir(), settings.policy(), clock, this::purge);
        } catch (TelemetryException e) {
            closeQuietly();
            throw e;
        }
        this.scheduler = new CollectorScheduler(settings.collectorThreads(), settings.collectorTimeout(),
                settings.intervals(), consent::allowed, new Sink(), clock);
        this.maintenance = new ScheduledThreadPoolExecutor(1, Threads.named("updraft-telemetry-store"));
        schedule(settings);
        scheduler.add(usage);
    }

    private void schedule(Settings s) {
        long sync = s.syncInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::sync, sync, sync, TimeUnit.MILLISECONDS);
        long retention = RETENTION_PERIOD.toMillis();
        maintenance.scheduleWithFixedDelay(this::enforceRetention, retention, retention, TimeUnit.MILLISECONDS);
    }

    private long purge(Category c) throws IOException {
        if (c == Category.USAGE) {
            usage.clear();
        }
        return store.purge(c);
    }

    /** Whether new settings can be applied in place; otherwise the engine must be replaced. */
    boolean canApply(Settings next) {
        return next.telemetryDir().equals(settings.telemetryDir())
                && next.collectorThreads() == settings.collectorThreads()
                && next.syncInterval().equals(settings.syncInterval());
    }

    void apply(Settings next) {
        if (!canApply(next)) {
            throw new IllegalArgumentException("settings for " + next.telemetryDir() + " need a new engine");
        }
        settings = next;
        consent.policy(next.policy());
        store.limits(next.limits());
        scheduler.reconfigure(next.intervals(), next.collectorTimeout());
    }

    public ConsentManager consent() {
        return consent;
    }

    public SegmentStore store() {
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
        Category category = event.category();
        if (!consent.allowed(category)) {
            return Optional.empty();
        }
        TelemetryEvent toStore = event;
        Anonymizer a = anonymizer.get();
        if (a != null) {
            Optional<TelemetryEvent> anonymized;
            try {
                anonymized = a.anonymize(event);
            } catch (RuntimeException e) {
                // Storing the raw event instead would leak what the anonymizer was meant to remove.
                LOG.warn("Anonymizer failed on a {} event of schema {}; event dropped", category.id(), event.schema(), e);
                return Optional.empty();
            }
            if (anonymized.isEmpty()) {
                return Optional.empty();
            }
            toStore = anonymized.get();
            if (toStore.category() != category) {
                LOG.warn("Anonymizer moved a {} event to {}; event dropped", category.id(), toStore.category().id());
                return Optional.empty();
            }
        } else if (settings.anonymized().contains(category)) {
            return Optional.empty();
        }
        try {
            return store.append(toStore, consent::allowed);
        } catch (IOException | RuntimeException e) {
            throw new TelemetryException("cannot store a " + category.id() + " event of schema " + event.schema()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void count(String name, long delta) {
        if (consent.allowed(Category.USAGE)) {
            usage.count(name, delta);
        }
    }

    @Override
    public void duration(String name, Duration duration) {
        if (consent.allowed(Category.USAGE)) {
            usage.duration(name, duration);
        }
    }

    @Override
    public TelemetryStatus status() {
        return new TelemetryStatus(clock.instant(), scheduler.statuses(), store.usage(), anonymizer.get() != null);
    }

    void sync() {
        try {
            store.sync();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot sync the telemetry store; recent events may be lost on a power cut", e);
        }
    }

    void enforceRetention() {
        try {
            store.enforceRetention();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot enforce telemetry retention", e);
        }
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
        public void problem(Collector collector, String problem) {
            LOG.warn("Telemetry collector {} {}", collector.name(), problem);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("collector", collector.name());
            fields.put("category", collector.category().id());
            fields.put("problem", problem);
            try {
                publish(TelemetryEvents.draft(clock.instant(), PROBLEM_SCHEMA, 1, Category.DIAGNOSTICS, "problem",
                        fields));
            } catch (TelemetryException | RuntimeException e) {
                LOG.warn("Cannot store the problem of telemetry collector {}", collector.name(), e);
            }
        }
    }

    private void closeQuietly() {
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("Cannot close the telemetry store", e);
        }
    }

    @Override
    public void close() {
        scheduler.close();
        maintenance.shutdownNow();
        closeQuietly();
    }
}
