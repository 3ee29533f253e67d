package io.updraft.telemetry.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.logstore.LogStore;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.TelemetryService;
import io.updraft.telemetry.TelemetryStatus;

/**
 * The telemetry runtime as a service: binds every {@link Collector} and the {@link Anonymizer} when one is there,
 * and offers the consent and publishing services. Every setting but the home changes in place; a new home
 * reopens the engine there.
 */
@Component(name = TelemetryComponent.PID, service = {TelemetryService.class, ConsentService.class}, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TelemetryConfig.class)
public final class TelemetryComponent implements TelemetryService, ConsentService {
    static final String PID = "io.updraft.telemetry";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Anonymizer anonymizer;

    private final Set<Collector> collectors = new CopyOnWriteArraySet<>();
    private volatile TelemetryEngine engine;

    private final LogStore logStore;

    @Activate
    public TelemetryComponent(TelemetryConfig config, @Reference LogStore logStore) throws TelemetryException {
        this.logStore = logStore;
        this.engine = new TelemetryEngine(config, logStore, Clock.systemUTC(), () -> anonymizer);
    }

    @Modified
    void modified(TelemetryConfig config) throws TelemetryException {
        Settings next = Settings.of(config);
        synchronized (this) {
            TelemetryEngine current = engine;
            if (current.canApply(next)) {
                current.apply(next);
                LOG.info("Telemetry configuration applied in place");
                return;
            }
            TelemetryEngine replacement = new TelemetryEngine(next, logStore, Clock.systemUTC(), () -> anonymizer);
            engine = replacement;
            current.close();
            collectors.forEach(replacement::addCollector);
            LOG.info("Telemetry reopened in {}", next.telemetryDir());
        }
    }

    @Deactivate
    public void deactivate() {
        engine.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addCollector(Collector collector) {
        collectors.add(collector);
        engine.addCollector(collector);
    }

    synchronized void removeCollector(Collector collector) {
        collectors.remove(collector);
        engine.removeCollector(collector);
    }

    @Override
    public Optional<TelemetryEvent> publish(TelemetryEvent event) throws TelemetryException {
        return engine.publish(event);
    }

    @Override
    public void count(String name, long delta) {
        engine.count(name, delta);
    }

    @Override
    public void duration(String name, Duration duration) {
        engine.duration(name, duration);
    }

    @Override
    public TelemetryStatus status() {
        return engine.status();
    }

    @Override
    public int policyVersion() {
        return engine.consent().policyVersion();
    }

    @Override
    public List<Consent> consents() {
        return engine.consent().consents();
    }

    @Override
    public Consent consent(Category category) {
        return engine.consent().consent(category);
    }

    @Override
    public boolean allowed(Category category) {
        return engine.consent().allowed(category);
    }

    @Override
    public List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw)
            throws TelemetryException {
        // Serialised with a reopen, so a decision never lands in an engine that is being replaced.
        synchronized (this) {
            return engine.consent().change(policyVersion, grant, withdraw);
        }
    }
}
