package io.updraft.telemetry.internal.consent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;
import io.updraft.telemetry.TelemetryException;
import io.updraft.telemetry.internal.consent.ConsentFile.Content;
import io.updraft.telemetry.internal.consent.ConsentFile.Decision;

/**
 * Consent kept in {@code <telemetry>/consent.json}. What is allowed is an immutable snapshot read without locking
 * on every event; changes are serialised, written durably first and only then put in force.
 */
public final class ConsentManager implements ConsentService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentManager.class);

    /** Removes what was stored of withdrawn categories. */
    @FunctionalInterface
    public interface Purger {
        /** @return how many stored events were deleted */
        long purge(Category category) throws IOException;
    }

    private record Snapshot(ConsentPolicy policy, Content content, Map<Category, Consent> consents) {
    }

    private final ConsentFile file;
    private final Clock clock;
    private final Purger purger;
    private volatile Snapshot snapshot;

    public ConsentManager(Path telemetryDir, ConsentPolicy policy, Clock clock, Purger purger)
            throws TelemetryException {
        this.file = new ConsentFile(telemetryDir.resolve("consent.json"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.purger = Objects.requireNonNull(purger, "purger");
        Content content;
        try {
            content = file.read();
        } catch (ConsentFile.DamagedException e) {
            content = recover(e);
        } catch (IOException e) {
            throw new TelemetryException("cannot read consent file " + file.path() + ": " + e.getMessage(), e);
        }
        this.snapshot = snapshot(policy, content);
        LOG.info("Telemetry consent under policy version {}: {}", policy.version(), summary());
        finishWithdrawals();
    }

    /**
     * A withdrawal is stored before its purge runs, so a crash in between leaves events of a withdrawn category
     * in the store, where nothing would ever purge them; purging every withdrawn category at start completes it.
     */
    private void finishWithdrawals() throws TelemetryException {
        for (Consent c : snapshot.consents().values()) {
            if (c.status() == Consent.Status.WITHDRAWN) {
                long purged = purge(c.category());
                if (purged > 0) {
                    LOG.warn("Purged {} stored {} events left by a withdrawal of consent that was interrupted",
                            purged, c.category().id());
                }
            }
        }
    }

    private long purge(Category c) throws TelemetryException {
        try {
            return purger.purge(c);
        } catch (IOException e) {
            throw new TelemetryException("consent for " + c.id() + " is withdrawn but its stored events could "
                    + "not all be purged: " + e.getMessage(), e);
        }
    }

    /** A damaged file may have held withdrawals: keep it aside and collect nothing until the user decides again. */
    private Content recover(ConsentFile.DamagedException damage) throws TelemetryException {
        try {
            Path aside = DurableFiles.moveAside(file.path(), "damaged", Long.toString(clock.millis()));
            Content suspended = new Content(Map.of(), true);
            file.write(suspended);
            LOG.warn("{}; moved to {}. No category is collected until consent is given again", damage.getMessage(),
                    aside, damage);
            return suspended;
        } catch (IOException e) {
            throw new TelemetryException(damage.getMessage() + ", and it could not be replaced: " + e.getMessage(), e);
        }
    }

    private static Snapshot snapshot(ConsentPolicy policy, Content content) {
        Map<Category, Consent> consents = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            Decision d = content.decisions().get(c);
            Consent consent;
            if (d == null) {
                boolean on = policy.defaultOn().contains(c) && !content.defaultsSuspended();
                consent = new Consent(c, on ? Consent.Status.DEFAULT_ON : Consent.Status.DEFAULT_OFF, null, 0);
            } else if (!d.granted()) {
                consent = new Consent(c, Consent.Status.WITHDRAWN, d.at(), d.policyVersion());
            } else if (d.policyVersion() == policy.version()) {
                consent = new Consent(c, Consent.Status.GRANTED, d.at(), d.policyVersion());
            } else {
                consent = new Consent(c, Consent.Status.RENEWAL_REQUIRED, d.at(), d.policyVersion());
            }
            consents.put(c, consent);
        }
        return new Snapshot(policy, content, consents);
    }

    /** Puts a new policy in force: grants for another version now need renewal. */
    public synchronized void policy(ConsentPolicy policy) {
        Snapshot old = snapshot;
        snapshot = snapshot(policy, old.content());
        if (old.policy().version() != policy.version()) {
            LOG.info("Telemetry policy version {} replaces {}: {}", policy.version(), old.policy().version(), summary());
        }
    }

    @Override
    public int policyVersion() {
        return snapshot.policy().version();
    }

    @Override
    public List<Consent> consents() {
        return List.copyOf(snapshot.consents().values());
    }

    @Override
    public Consent consent(Category category) {
        return snapshot.consents().get(Objects.requireNonNull(category, "category"));
    }

    @Override
    public boolean allowed(Category category) {
        return snapshot.consents().get(category).allowed();
    }

    @Override
    public synchronized List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw)
            throws TelemetryException {
        Snapshot old = snapshot;
        Set<Category> both = grant.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(grant);
        both.retainAll(withdraw);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("categories " + ids(both) + " are both granted and withdrawn");
        }
        if (!grant.isEmpty() && policyVersion != old.policy().version()) {
            throw new IllegalArgumentException("consent was given for policy version " + policyVersion
                    + " but the policy in force is version " + old.policy().version()
                    + "; show the current policy and ask again");
        }
        Instant now = clock.instant();
        Map<Category, Decision> decisions = new EnumMap<>(Category.class);
        decisions.putAll(old.content().decisions());
        for (Category c : grant) {
            decisions.put(c, new Decision(true, now, old.policy().version()));
        }
        for (Category c : withdraw) {
            decisions.put(c, new Decision(false, now, old.policy().version()));
        }
        Content content = new Content(decisions, old.content().defaultsSuspended());
        try {
            file.write(content);
        } catch (IOException e) {
            throw new TelemetryException("cannot store consent in " + file.path() + ": " + e.getMessage(), e);
        }
        snapshot = snapshot(old.policy(), content);
        LOG.info("Telemetry consent changed (granted {}, withdrawn {}): {}", ids(grant), ids(withdraw), summary());
        for (Category c : withdraw) {
            LOG.info("Purged {} stored {} events after consent was withdrawn", purge(c), c.id());
        }
        return consents();
    }

    private String summary() {
        List<String> parts = new ArrayList<>();
        for (Consent c : snapshot.consents().values()) {
            parts.add(c.category().id() + "=" + c.status().name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", parts);
    }

    private static String ids(Set<Category> categories) {
        List<String> ids = new ArrayList<>();
        for (Category c : categories) {
            ids.add(c.id());
        }
        return ids.toString();
    }
}
