package io.updraft.analysis.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.analysis.AnalysisService;
import io.updraft.analysis.Insight;
import io.updraft.analysis.MetricStatistics;
import io.updraft.logstore.LogStore;
import io.updraft.logstore.LogStoreException;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.TelemetryService;

/**
 * Runs the analysis every {@code interval} on its own thread, the first run right after start, and publishes each
 * new insight as a telemetry event (schema {@value #SCHEMA}, category diagnostics) when telemetry is present.
 * With a {@link ConsentService} present, data of a category whose consent is not in force is neither read nor kept
 * nor served (see {@link Analyzer}); it offers no change listener, so each run and each query checks it, and a
 * newly bound service triggers a run at once. Without one, the analysis reads what the store holds: the telemetry
 * runtime stores only consented events.
 */
@Component(name = AnalysisComponent.PID, service = AnalysisService.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AnalysisConfig.class)
public final class AnalysisComponent implements AnalysisService {
    static final String PID = "io.updraft.analysis";
    static final String SCHEMA = "updraft.analysis.insight";
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisComponent.class);
    private static final long SHUTDOWN_SECONDS = 10;

    private final Analyzer analyzer;
    private final ScheduledExecutorService thread;
    private final AtomicReference<TelemetryService> telemetry = new AtomicReference<>();
    private final AtomicReference<ConsentService> consent = new AtomicReference<>();
    private final boolean scheduled;

    @Activate
    public AnalysisComponent(AnalysisConfig config, @Reference LogStore store) {
        this(Settings.of(config), store, Clock.systemUTC(), true);
    }

    AnalysisComponent(Settings settings, LogStore store, Clock clock, boolean schedule) {
        this.analyzer = new Analyzer(settings, store, clock, ConsentView.of(consent::get));
        this.scheduled = schedule;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "updraft-analysis");
            t.setDaemon(true);
            return t;
        });
        if (schedule) {
            long every = settings.interval().toMillis();
            thread.scheduleWithFixedDelay(this::runOnce, 0, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("Analysis started: every {}, windows {}, state in {}", settings.interval(), settings.windows(),
                settings.home().resolve("analysis"));
    }

    @Deactivate
    public void deactivate() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Analysis thread did not stop within {} s", SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Analysis stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindTelemetryService(TelemetryService service) {
        telemetry.set(service);
    }

    void unbindTelemetryService(TelemetryService service) {
        telemetry.compareAndSet(service, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConsentService(ConsentService service) {
        consent.set(service);
        if (scheduled && !thread.isShutdown()) {
            // The new service may deny what the analysis holds: forget it now, not at the next interval.
            try {
                thread.execute(this::runOnce);
            } catch (RejectedExecutionException e) {
                LOG.debug("Analysis is stopping; no run for the new consent service");
            }
        }
    }

    void unbindConsentService(ConsentService service) {
        consent.compareAndSet(service, null);
    }

    /** One run; failures are logged and the next run tries again, so one bad disk moment does not stop analysis. */
    void runOnce() {
        List<Insight> fresh;
        try {
            fresh = analyzer.run();
        } catch (LogStoreException | IOException e) {
            LOG.warn("Analysis run failed; retrying at the next interval", e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Analysis run failed unexpectedly; retrying at the next interval", e);
            return;
        }
        for (Insight i : fresh) {
            LOG.info("Insight {} {}: {}", i.severity(), i.kind(), i.title());
            publish(i);
        }
    }

    private void publish(Insight i) {
        TelemetryService t = telemetry.get();
        if (t == null) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", i.id());
        fields.put("kind", i.kind().name());
        fields.put("severity", i.severity().name());
        fields.put("title", i.title());
        fields.put("detail", i.detail());
        fields.put("metrics", i.metrics());
        fields.put("evidence", i.evidence());
        fields.put("firstSeen", i.firstSeen().toString());
        Instant at = i.firstSeen();
        try {
            t.publish(TelemetryEvents.draft(at, SCHEMA, 1, Category.DIAGNOSTICS,
                    i.kind().name().toLowerCase(Locale.ROOT), fields));
        } catch (TelemetryException e) {
            LOG.warn("Could not publish insight {} as telemetry", i.id(), e);
        }
    }

    @Override
    public List<Insight> insights() {
        return analyzer.insights();
    }

    @Override
    public Optional<MetricStatistics> statistics(String metric) {
        return analyzer.statistics(metric);
    }

    @Override
    public List<String> metrics() {
        return analyzer.metrics();
    }
}
