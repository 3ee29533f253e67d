package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentState;
import io.updraft.install.HealthCheck;
import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;
import io.updraft.install.ServiceControl;
import io.updraft.install.SnapshotService;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.DeviceStateService;
import io.updraft.verifier.UpdateVerifier;

/**
 * The install service: takes due updates from the scheduler ({@value UpdateScheduler#INSTALL_DUE_TOPIC}) and offline
 * packages from users, and recovers at activation whatever the previous run left under way.
 */
@Component(name = Settings.PID, service = { InstallService.class, EventHandler.class }, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = EventConstants.EVENT_TOPIC + "=" + UpdateScheduler.INSTALL_DUE_TOPIC)
@Designate(ocd = InstallerConfig.class)
public final class InstallerComponent implements InstallService, EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InstallerComponent.class);
    /** How long the recovery waits for the installers and catalogs an interrupted attempt used. */
    private static final Duration PLUGIN_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final Plugins plugins;
    private final Installer installer;

    @Activate
    public InstallerComponent(InstallerConfig config, @Reference DeviceStateService state,
            @Reference UpdateVerifier verifier, @Reference UpdateScheduler scheduler,
            @Reference ServiceControl services, @Reference SnapshotService snapshots) throws IOException {
        Settings settings = Settings.of(config);
        this.plugins = new Plugins();
        this.installer = new Installer(settings, state, verifier, scheduler, services, snapshots, plugins,
                eventAdmin::get, Clock.systemUTC(), PLUGIN_WAIT, Migration.TIMEOUT);
        LOG.info("Installer created: home {}, repository '{}', autoCommit {}, snapshots {}, history {}",
                settings.home(), settings.repositoryId(), settings.autoCommit(), settings.snapshots(),
                settings.historyLimit());
    }

    /** Runs once the plugins available now are bound, so the recovery sees their declarations. */
    @Activate
    void activate() {
        installer.start();
    }

    @Deactivate
    void deactivate() {
        installer.stop(SHUTDOWN_GRACE);
        LOG.info("Installer stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindComponentInstaller(ComponentInstaller i) {
        plugins.add(i);
    }

    void unbindComponentInstaller(ComponentInstaller i) {
        plugins.remove(i);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindHealthCheck(HealthCheck c) {
        plugins.add(c);
    }

    void unbindHealthCheck(HealthCheck c) {
        plugins.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindComponentCatalog(ComponentCatalog c) {
        plugins.add(c);
    }

    void unbindComponentCatalog(ComponentCatalog c) {
        plugins.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty("updateId");
        if (id instanceof String s && !s.isBlank()) {
            installer.due(s);
        }
    }

    @Override
    public InstallRecord installFile(Path packageFile, String repositoryId, String by)
            throws InstallException, InterruptedException {
        return installer.installFile(packageFile, repositoryId, by);
    }

    @Override
    public InstallRecord commit(String by) throws InstallException {
        return installer.commit(by);
    }

    @Override
    public InstallRecord rollback(String component, String snapshotId, String by)
            throws InstallException, InterruptedException {
        return installer.rollback(component, snapshotId, by);
    }

    @Override
    public List<InstallRecord> history(int limit) {
        return installer.history(limit);
    }

    @Override
    public Optional<InstallProgressView> progress() {
        return installer.progress();
    }

    @Override
    public List<ComponentState> components() {
        return installer.components();
    }
}
