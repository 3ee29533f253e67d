package io.updraft.anonymizer.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.telemetry.AnonymizedBatch;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.TelemetryEvent;

/**
 * The telemetry anonymizer. A configuration change takes effect without a restart: the new rules are checked
 * in full and swapped in at once, so every event sees either the old rules or the new ones. A faulty change is
 * refused and the rules in force stay, which keeps protecting the data.
 */
@Component(name = AnonymizerComponent.PID, service = Anonymizer.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AnonymizerConfig.class)
public final class AnonymizerComponent implements Anonymizer {
    static final String PID = "io.updraft.anonymizer";
    private static final Logger LOG = LoggerFactory.getLogger(AnonymizerComponent.class);

    private final Clock clock;
    private final SecureRandom random;
    private final String runtimeUser;
    private volatile Anonymization current;

    @Activate
    public AnonymizerComponent(AnonymizerConfig config) {
        this(config, Clock.systemUTC(), new SecureRandom(), System.getProperty("user.name"));
    }

    AnonymizerComponent(AnonymizerConfig config, Clock clock, SecureRandom random, String runtimeUser) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.runtimeUser = Objects.requireNonNull(runtimeUser, "runtimeUser");
        this.current = build(config);
        LOG.info("Anonymizer active: {}", describe(current.settings()));
    }

    @Modified
    void modified(AnonymizerConfig config) {
        Anonymization next;
        try {
            next = build(config);
        } catch (RuntimeException e) {
            LOG.error("Refused the new {} configuration; the rules in force stay: {}", PID, e.getMessage(), e);
            throw e;
        }
        current = next;
        LOG.info("Anonymizer reconfigured: {}", describe(next.settings()));
    }

    private Anonymization build(AnonymizerConfig config) {
        Settings settings = Settings.of(config);
        byte[] master;
        try {
            master = MasterKeyFile.loadOrCreate(settings.home(), random, runtimeUser);
        } catch (IOException e) {
            throw new IllegalStateException(PID + " home '" + settings.home() + "': cannot read or create the "
                    + "pseudonym key " + MasterKeyFile.location(settings.home()) + ": " + e, e);
        }
        try {
            return new Anonymization(settings, new KeyRing(master, settings.keyPeriod(), clock));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    private static String describe(Settings s) {
        return s.rules().fields().size() + " field rules, " + s.rules().locations().size() + " location rules, "
                + s.rules().droppedEvents().size() + " dropped scopes, " + s.rules().serials().size()
                + " serial patterns, detectors " + s.detectors() + ", key period " + s.keyPeriod() + ", k "
                + s.k() + " over " + s.quasiIdentifiers().size() + " quasi-identifiers";
    }

    @Override
    public Optional<TelemetryEvent> anonymize(TelemetryEvent event) {
        return current.anonymize(Objects.requireNonNull(event, "event"));
    }

    @Override
    public AnonymizedBatch protect(List<TelemetryEvent> batch) {
        return current.protect(Objects.requireNonNull(batch, "batch"));
    }
}
