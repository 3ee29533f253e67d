package io.updraft.services.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;
import io.updraft.install.ServiceStatus;

/**
 * Services declared with a systemd unit, managed through {@code systemctl}. systemd bounds a stop by the unit's own
 * TimeoutStopSec; the service's stop timeout is enforced on top with {@code systemctl kill --signal=SIGKILL}.
 */
final class SystemdServices {
    static final String MANAGER = "systemd";
    static final String PROPERTIES = "ActiveState,SubState,MainPID,ExecMainStartTimestampMonotonic,NRestarts";
    private static final Logger LOG = LoggerFactory.getLogger(SystemdServices.class);
    private static final Set<String> STOPPED = Set.of("inactive", "failed");
    private static final Duration POLL = Duration.ofMillis(200);

    private final CommandRunner runner;
    private final Optional<String> unavailable;
    private final Duration systemctlTimeout;
    private final Duration startGrace;
    private final Clock clock;
    private final LongSupplier monotonicMicros;

    /**
     * @param unavailable why systemd cannot be used here, or empty
     * @param startGrace how long after a start the unit must still be up
     * @param monotonicMicros CLOCK_MONOTONIC in microseconds, the clock of {@code ExecMainStartTimestampMonotonic}
     */
    SystemdServices(CommandRunner runner, Optional<String> unavailable, Duration systemctlTimeout, Duration startGrace,
            Clock clock, LongSupplier monotonicMicros) {
        this.runner = runner;
        this.unavailable = unavailable;
        this.systemctlTimeout = systemctlTimeout;
        this.startGrace = startGrace;
        this.clock = clock;
        this.monotonicMicros = monotonicMicros;
    }

    void stop(String component, ServiceSpec spec) throws InstallException, InterruptedException {
        String unit = unitOf(component, spec);
        CommandRunner.Result r = systemctl(component, spec, spec.stopTimeout(), "stop", unit);
        if (r.timedOut()) {
            LOG.warn("Unit {} of component {} did not stop within {}; killing it", unit, component, spec.stopTimeout());
            systemctl(component, spec, systemctlTimeout, "kill", "--signal=SIGKILL", unit);
        }
        long deadline = System.nanoTime() + systemctlTimeout.toNanos();
        Map<String, String> state = show(component, spec, unit);
        while (!STOPPED.contains(state.getOrDefault("ActiveState", "")) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            state = show(component, spec, unit);
        }
        if (!STOPPED.contains(state.getOrDefault("ActiveState", ""))) {
            throw failed(component, spec, "unit " + unit + " is still " + describe(state) + " after systemctl stop"
                    + (r.output().isEmpty() ? "" : ": " + r.output()));
        }
        LOG.info("Stopped unit {} of component {}", unit, component);
    }

    /** Starts the unit, or restarts it if it runs, and checks that it is still up after the start grace. */
    void start(String component, ServiceSpec spec) throws InstallException, InterruptedException {
        String unit = unitOf(component, spec);
        CommandRunner.Result r = systemctl(component, spec, systemctlTimeout, "restart", unit);
        if (r.timedOut()) {
            throw failed(component, spec, "systemctl restart " + unit + " did not finish within " + systemctlTimeout);
        }
        if (r.exitCode() != 0) {
            throw failed(component, spec, "systemctl restart " + unit + " exited with code " + r.exitCode() + ": "
                    + r.output() + " (see journalctl -u " + unit + ")");
        }
        Thread.sleep(startGrace.toMillis());
        Map<String, String> state = show(component, spec, unit);
        if (STOPPED.contains(state.getOrDefault("ActiveState", ""))) {
            throw failed(component, spec, "unit " + unit + " is " + describe(state) + " " + startGrace.toMillis()
                    + " ms after its start (see journalctl -u " + unit + ")");
        }
        LOG.info("Started unit {} of component {}: {}", unit, component, describe(state));
    }

    ServiceStatus status(String component, ServiceSpec spec) {
        if (unavailable.isPresent()) {
            return new ServiceStatus(component, spec.name(), MANAGER, false, -1, null, 0, unavailable.get());
        }
        try {
            String unit = UnitNames.require(spec.name(), spec.unit());
            Map<String, String> s = show(component, spec, unit);
            String active = s.getOrDefault("ActiveState", "");
            boolean running = active.equals("active") || active.equals("reloading");
            long pid = number(s.get("MainPID"));
            long startedMicros = number(s.get("ExecMainStartTimestampMonotonic"));
            Instant since = running && startedMicros > 0 ? sinceMonotonic(startedMicros) : null;
            int restarts = (int) Math.max(0, Math.min(Integer.MAX_VALUE, number(s.get("NRestarts"))));
            return new ServiceStatus(component, spec.name(), MANAGER, running, pid > 0 ? pid : -1, since, restarts,
                    describe(s));
        } catch (InstallException | IllegalArgumentException e) {
            return new ServiceStatus(component, spec.name(), MANAGER, false, -1, null, 0, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceStatus(component, spec.name(), MANAGER, false, -1, null, 0, "status query interrupted");
        }
    }

    private Instant sinceMonotonic(long startedMicros) {
        long agoMicros = Math.max(0, monotonicMicros.getAsLong() - startedMicros);
        return clock.instant().minus(Duration.ofNanos(Math.multiplyExact(agoMicros, 1000L)));
    }

    private Map<String, String> show(String component, ServiceSpec spec, String unit)
            throws InstallException, InterruptedException {
        CommandRunner.Result r = systemctl(component, spec, systemctlTimeout, "show", "-p", PROPERTIES, unit);
        if (!r.succeeded()) {
            throw failed(component, spec, "systemctl show " + unit + (r.timedOut() ? " timed out" : " exited with code "
                    + r.exitCode()) + ": " + r.output());
        }
        Map<String, String> props = new HashMap<>();
        for (String line : r.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                props.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return props;
    }

    private CommandRunner.Result systemctl(String component, ServiceSpec spec, Duration timeout, String... args)
            throws InstallException, InterruptedException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("systemctl");
        command.addAll(List.of(args));
        try {
            return runner.run(command, timeout);
        } catch (IOException e) {
            throw new InstallException(InstallException.Reason.SERVICE_FAILED, "component " + component + ", service "
                    + spec.name() + ": cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    private String unitOf(String component, ServiceSpec spec) throws InstallException {
        String unit;
        try {
            unit = UnitNames.require(spec.name(), spec.unit());
        } catch (IllegalArgumentException e) {
            throw failed(component, spec, e.getMessage());
        }
        if (unavailable.isPresent()) {
            throw failed(component, spec, "unit " + unit + " cannot be managed: " + unavailable.get());
        }
        return unit;
    }

    private static String describe(Map<String, String> s) {
        return s.getOrDefault("ActiveState", "unknown") + "/" + s.getOrDefault("SubState", "unknown");
    }

    private static long number(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static InstallException failed(String component, ServiceSpec spec, String why) {
        return new InstallException(InstallException.Reason.SERVICE_FAILED,
                "component " + component + ", service " + spec.name() + ": " + why);
    }
}
