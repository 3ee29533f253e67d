package io.updraft.services.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.Executables;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceControl;
import io.updraft.install.ServiceSpec;
import io.updraft.install.ServiceStatus;

/**
 * Stops and starts components' services: units through systemd, commands through the built-in supervisor. Services
 * start in dependency order and stop in the reverse order; the first one that fails ends the operation, so a service
 * never runs without those it starts after.
 */
@Component(name = Settings.PID, service = ServiceControl.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServicesConfig.class)
public final class ServiceControlComponent implements ServiceControl {
    /** A process that exits with an error this soon after its start fails the start. */
    static final Duration START_GRACE = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceControlComponent.class);

    private final SystemdServices systemd;
    private final Supervisor supervisor;

    @Activate
    public ServiceControlComponent(ServicesConfig config) {
        this(Settings.of(config), new ProcessCommandRunner(),
                SystemdProbe.unavailableReason(SystemdProbe.RUN_DIR, System.getenv("PATH")),
                Executables.findOnPath("setsid", System.getenv("PATH")), Backoff.DEFAULT);
    }

    /** With the runtime's {@link #START_GRACE}; the parameters are those of the constructor below. */
    ServiceControlComponent(Settings settings, CommandRunner systemctl, Optional<String> systemdUnavailable,
            Optional<Path> setsid, Backoff backoff) {
        this(settings, systemctl, systemdUnavailable, setsid, backoff, START_GRACE);
    }

    /**
     * @param systemctl runs {@code systemctl}
     * @param systemdUnavailable why units cannot be managed here, or empty when systemd runs
     * @param setsid the setsid program, or empty if the device has none
     * @param startGrace a service that exits with an error, or a unit found stopped, this soon after its start fails
     *        the start ({@link #START_GRACE} in the runtime)
     */
    ServiceControlComponent(Settings settings, CommandRunner systemctl, Optional<String> systemdUnavailable,
            Optional<Path> setsid, Backoff backoff, Duration startGrace) {
        Clock clock = Clock.systemUTC();
        this.systemd = new SystemdServices(systemctl, systemdUnavailable, settings.systemctlTimeout(), startGrace, clock,
                () -> System.nanoTime() / 1000);
        RecordStore store = new RecordStore(settings.runDir());
        long ownPgid = ProcStat.read(ProcessHandle.current().pid()).map(ProcStat::pgid).orElse(-1L);
        this.supervisor = new Supervisor(store, new Launcher(store, setsid, settings.logLimit(), clock),
                new Terminator(new ProcessCommandRunner(), ProcStat.PROC, ownPgid), backoff, startGrace, clock);
        supervisor.adoptAll();
        if (setsid.isEmpty()) {
            LOG.warn("No setsid on the PATH: supervised services share the runtime's process group, and a stop "
                    + "reaches only the processes they have not detached");
        }
        LOG.info("Service control ready: supervisor records in {}, systemd {}", settings.runDir(),
                systemdUnavailable.map(r -> "not used: " + r).orElse("in use"));
    }

    @Deactivate
    void deactivate() {
        supervisor.close();
        LOG.info("Service control stopped; supervised services keep running");
    }

    @Override
    public void stop(ComponentSpec component) throws InstallException, InterruptedException {
        for (ServiceSpec s : ServiceOrder.stopOrder(component)) {
            if (isUnit(s)) {
                systemd.stop(component.name(), s);
            } else {
                supervisor.stop(component.name(), s);
            }
        }
    }

    @Override
    public void start(ComponentSpec component, Path activeSlot) throws InstallException, InterruptedException {
        List<ServiceSpec> order = ServiceOrder.startOrder(component);
        boolean supervised = order.stream().anyMatch(s -> !isUnit(s));
        if (supervised && (activeSlot == null || !activeSlot.isAbsolute() || !Files.isDirectory(activeSlot))) {
            throw new InstallException(InstallException.Reason.SERVICE_FAILED, "component " + component.name()
                    + ": active slot " + activeSlot + " is not an absolute path to a directory");
        }
        for (ServiceSpec s : order) {
            if (isUnit(s)) {
                systemd.start(component.name(), s);
            } else {
                supervisor.start(component.name(), s, activeSlot);
            }
        }
    }

    @Override
    public List<ServiceStatus> status(ComponentSpec component) {
        List<ServiceStatus> out = new ArrayList<>();
        for (ServiceSpec s : component.services()) {
            out.add(isUnit(s) ? systemd.status(component.name(), s) : supervisor.status(component.name(), s));
        }
        return out;
    }

    private static boolean isUnit(ServiceSpec s) {
        return s.command().isEmpty();
    }
}
