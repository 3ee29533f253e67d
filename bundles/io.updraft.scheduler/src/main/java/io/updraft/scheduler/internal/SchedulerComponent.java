package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;
import io.updraft.product.DeviceInfo;
import io.updraft.product.NetworkMonitor;
import io.updraft.product.NetworkStatus;
import io.updraft.product.PowerMonitor;
import io.updraft.product.PowerStatus;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.DeviceStateService;
import io.updraft.verifier.UpdateVerifier;

/**
 * The update scheduler: takes each successful check's releases (announced on {@value #CHECK_TOPIC}), decides when
 * to download and install them, and drives download and verification up to the point where the install is due.
 */
@Component(name = Settings.PID, service = { UpdateScheduler.class, EventHandler.class }, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = EventConstants.EVENT_TOPIC + "=" + SchedulerComponent.CHECK_TOPIC)
@Designate(ocd = SchedulerConfig.class)
public final class SchedulerComponent implements UpdateScheduler, EventHandler {
    static final String CHECK_TOPIC = "io/updraft/update/CHECK";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerComponent.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final AtomicReference<PowerMonitor> powerMonitor = new AtomicReference<>();
    private final AtomicReference<NetworkMonitor> networkMonitor = new AtomicReference<>();
    private final DeviceStateService state;
    private final Downloader downloader;
    private final Scheduler scheduler;
    private final Intake intake;
    private final Requests requests;
    private final Handoff handoff;

    @Activate
    public SchedulerComponent(SchedulerConfig config, @Reference DeviceStateService state,
            @Reference Downloader downloader, @Reference UpdateVerifier verifier, @Reference DeviceInfo device)
            throws IOException {
        this(Settings.of(config), state, downloader, verifier, () -> device.identity().product(),
                new ExecutorWorkThread(), Clock.systemUTC(), SpaceProbe.FILE_SYSTEM);
    }

    SchedulerComponent(Settings settings, DeviceStateService state, Downloader downloader, UpdateVerifier verifier,
            java.util.function.Supplier<String> product, WorkThread work, Clock clock, SpaceProbe space)
            throws IOException {
        this.state = state;
        this.downloader = downloader;
        this.scheduler = new Scheduler(settings, state, new ScheduleStore(settings.home(), clock), work,
                new Events(eventAdmin::get), clock, product);
        Denial denial = new Denial(scheduler, downloader);
        Fetcher fetcher = new Fetcher(scheduler, downloader, verifier, denial);
        Prechecks prechecks = new Prechecks(settings.home(), space, downloader, this::power, this::network);
        Steps steps = new Steps(scheduler, prechecks, fetcher, denial);
        fetcher.steps(steps);
        this.handoff = new Handoff(scheduler, downloader, denial);
        this.intake = new Intake(scheduler, denial, steps, handoff);
        this.requests = new Requests(scheduler, denial, steps);
        scheduler.load();
        scheduler.kick(() -> intake.resume(state.lastCheck(), true));
        LOG.info("Update scheduler started: {}", describe(settings));
    }

    @Modified
    void modified(SchedulerConfig config) {
        Settings updated = Settings.of(config);
        scheduler.settings(updated);
        // Windows and policies are read at each step: one step now applies the new ones.
        scheduler.kick(() -> intake.resume(state.lastCheck(), false));
        LOG.info("Update scheduler reconfigured: {}", describe(updated));
    }

    @Deactivate
    public void deactivate() {
        Schedule s = scheduler.last();
        scheduler.stop(SHUTDOWN_GRACE);
        LOG.info("Update scheduler stopped{}", s == null ? "" : " with update " + s.updateId() + " in stage " + s.stage());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPowerMonitor(PowerMonitor monitor) {
        powerMonitor.set(monitor);
    }

    void unbindPowerMonitor(PowerMonitor monitor) {
        powerMonitor.compareAndSet(monitor, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNetworkMonitor(NetworkMonitor monitor) {
        networkMonitor.set(monitor);
    }

    void unbindNetworkMonitor(NetworkMonitor monitor) {
        networkMonitor.compareAndSet(monitor, null);
    }

    private Optional<PowerStatus> power() {
        PowerMonitor m = powerMonitor.get();
        return m == null ? Optional.empty() : m.power();
    }

    private Optional<NetworkStatus> network() {
        NetworkMonitor m = networkMonitor.get();
        return m == null ? Optional.empty() : Optional.of(m.network());
    }

    @Override
    public void handleEvent(Event event) {
        if (!"ok".equals(event.getProperty("result"))) {
            return;
        }
        // Not on the event thread: deciding may write files and move the device state.
        scheduler.kick(() -> state.lastCheck().ifPresent(intake::checked));
    }

    @Override
    public Optional<Schedule> current() {
        return scheduler.current();
    }

    /** The schedule, also one that ended (declined, failed); null when there never was one. */
    Schedule last() {
        return scheduler.last();
    }

    @Override
    public Schedule installNow(String by) throws SchedulerException {
        return requests.installNow(by);
    }

    @Override
    public Schedule installInWindow(String by) throws SchedulerException {
        return requests.installInWindow(by);
    }

    @Override
    public Schedule deny(String by) throws SchedulerException {
        return requests.deny(by);
    }

    @Override
    public Schedule pause(String by) throws SchedulerException {
        return requests.pause(by);
    }

    @Override
    public Schedule resume(String by) throws SchedulerException {
        return requests.resume(by);
    }

    @Override
    public UpdateProgress progress() {
        Optional<Schedule> current = scheduler.current();
        if (current.isEmpty()) {
            return UpdateProgress.NONE;
        }
        Schedule s = current.get();
        List<DownloadStatus> downloads = new ArrayList<>();
        for (String id : UpdateIds.downloadIds(s.updateId(), s.offers())) {
            downloader.status(id).ifPresent(downloads::add);
        }
        long total = s.offers().stream().mapToLong(o -> o.length()).sum();
        boolean fetched = s.stage() == Stage.VERIFYING || s.stage() == Stage.WAITING_TO_INSTALL
                || s.stage() == Stage.INSTALL_DUE || s.stage() == Stage.AWAITING_CONFIRMATION && scheduler.ready(s);
        long done = fetched ? total : Math.min(total, downloads.stream().mapToLong(DownloadStatus::bytes).sum());
        long rate = downloads.stream().mapToLong(DownloadStatus::bytesPerSecond).sum();
        Duration eta = s.stage() == Stage.DOWNLOADING && rate > 0 ? Duration.ofSeconds((total - done + rate - 1) / rate)
                : null;
        return new UpdateProgress(s.updateId(), s.stage(), done, total, rate, eta, downloads);
    }

    @Override
    public Map<String, Path> duePackages(String updateId) throws SchedulerException {
        return handoff.duePackages(updateId);
    }

    @Override
    public void installFinished(String updateId, boolean installed, String reason) throws SchedulerException {
        handoff.installFinished(updateId, installed, reason);
    }

    private static String describe(Settings s) {
        return "download " + s.defaults().download() + ", install " + s.defaults().install() + ", window "
                + s.defaults().window() + " " + s.zone() + ", confirmation timeout " + s.defaults().confirmationTimeout()
                + " then " + (s.defaults().installOnTimeout() ? "install" : "deny") + ", recheck after "
                + s.recheckDelay() + ", min battery " + s.minBattery() + "%";
    }
}
