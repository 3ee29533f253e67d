package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService;
import io.updraft.install.StagedSlot;
import io.updraft.update.Names;

/**
 * Snapshots under {@code <home>/snapshots/}. Creating, restoring and deleting are serialised, so retention never
 * removes a snapshot being restored; listing and checking run alongside.
 */
@Component(name = SnapshotComponent.PID, service = SnapshotService.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SnapshotComponent.Config.class)
public final class SnapshotComponent implements SnapshotService {
    static final String PID = "io.updraft.rollback";
    static final int MAX_KEEP = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotComponent.class);

    @ObjectClassDefinition(name = "Updraft snapshots",
            description = "Compressed, verified copies of a component's slot, configuration and data taken before each update.")
    public @interface Config {
        @AttributeDefinition(name = "Home", description = "The Updraft home directory; snapshots live in its snapshots/ folder. Absolute path.")
        String home() default "/var/lib/updraft";

        @AttributeDefinition(name = "Keep", description = "Newest snapshots kept per component (1-100).")
        int keep() default 2;

        @AttributeDefinition(name = "Compression level", description = "zstd level, 1 (fastest) to 19 (smallest).")
        int level() default 3;
    }

    private final SnapshotStore store;
    private final SnapshotCreator creator;

    @Activate
    public SnapshotComponent(Config config) {
        this(config, Clock.systemUTC());
    }

    SnapshotComponent(Config config, Clock clock) {
        Path home;
        try {
            home = Path.of(config.home());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home '" + config.home() + "' is not a path", e);
        }
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home '" + config.home() + "' must be an absolute path");
        }
        if (config.keep() < 1 || config.keep() > MAX_KEEP) {
            throw new IllegalArgumentException("keep " + config.keep() + " must be between 1 and " + MAX_KEEP);
        }
        if (config.level() < 1 || config.level() > 19) {
            throw new IllegalArgumentException("level " + config.level() + " must be a zstd level between 1 and 19");
        }
        store = new SnapshotStore(home.resolve("snapshots"));
        creator = new SnapshotCreator(store, config.keep(), config.level(), clock);
        try {
            for (String component : store.components()) {
                store.cleanUp(component);
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean up interrupted snapshots in {}: {}", store.root(), e.getMessage());
        }
        LOG.info("Snapshots in {}: newest {} kept per component, zstd level {}", store.root(), config.keep(),
                config.level());
    }

    @Override
    public synchronized Snapshot create(ComponentSpec component, StagedSlot staged, Path slot)
            throws InstallException, IOException {
        return creator.create(component, staged, slot);
    }

    @Override
    public List<Snapshot> list(String component) {
        Names.requireComponentName(component);
        return store.records(component).stream().map(SnapshotRecord::snapshot).toList();
    }

    @Override
    public Optional<Snapshot> find(String id) {
        return store.find(id).map(SnapshotRecord::snapshot);
    }

    @Override
    public void verify(Snapshot snapshot) throws InstallException, IOException {
        SnapshotRecord record = record(snapshot);
        SnapshotVerifier.verify(store.archive(snapshot), record, "snapshot " + snapshot.id());
    }

    @Override
    public synchronized StagedSlot restore(Snapshot snapshot, Set<Part> parts, Path slotTarget)
            throws InstallException, IOException {
        if (parts.contains(Part.SLOT) && slotTarget == null) {
            throw new IllegalArgumentException("restoring the slot of snapshot " + snapshot.id() + " needs a target");
        }
        SnapshotRecord record = record(snapshot);
        String where = "snapshot " + snapshot.id();
        // A damaged snapshot restores nothing: the whole archive is checked before the first write.
        SnapshotVerifier.verify(store.archive(snapshot), record, where);
        LOG.info("Restoring {} of {} from {}", parts, snapshot.component(), snapshot.id());
        return Restorer.restore(record, store.archive(snapshot), parts, slotTarget, where);
    }

    @Override
    public synchronized boolean delete(String id) throws IOException {
        Optional<SnapshotRecord> r = store.find(id);
        if (r.isEmpty()) {
            return false;
        }
        boolean existed = store.delete(r.get().snapshot());
        LOG.info("Snapshot {} deleted", id);
        return existed;
    }

    /** The stored record of a snapshot, which must be the one the caller holds. */
    private SnapshotRecord record(Snapshot snapshot) throws InstallException {
        SnapshotRecord record = store.find(snapshot.id()).orElseThrow(() -> new InstallException(Reason.NO_SNAPSHOT,
                "snapshot " + snapshot.id() + " of " + snapshot.component() + " does not exist (any more)"));
        if (!record.snapshot().equals(snapshot)) {
            throw new InstallException(Reason.NO_SNAPSHOT, "snapshot " + snapshot.id() + " as given differs from its "
                    + "stored record (" + record.snapshot().sha256() + ", " + record.snapshot().bytes() + " bytes)");
        }
        return record;
    }
}
