package io.updraft.telemetry.internal.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.ProcessCrash;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.internal.TelemetryConfig;

/**
 * Crashes of services that systemd supervises, on devices that run it (nothing is collected where systemctl is
 * not on the configured path or systemd is not the running init): units that entered the failed state and units systemd restarted since the last
 * sample ({@code NRestarts} grew), as {@link ProcessCrash} events with the unit's last log lines from the journal.
 * A unit is reported once per failure. Clean exits are not crashes and are not reported.
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SystemdCollector implements Collector {
    /** systemd's ExecMainCode values: the CLD_* codes of waitid(2). */
    private static final int CLD_EXITED = 1;
    private static final int CLD_KILLED = 2;
    private static final int CLD_DUMPED = 3;
    /** What PID 1 logs about a unit's main process, found in its journal when a restart reset ExecMainCode. */
    private static final Pattern MAIN_EXIT = Pattern.compile(
            "Main process exited, code=(exited|killed|dumped), status=(\\d+)");

    private final Systemd systemd;
    private final List<String> units;
    private final int logLines;
    private final Clock clock;
    /** What the last sample saw of each unit; calls never overlap, see {@link Collector}. */
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(long restarts, boolean failed, long pid) {
    }

    @Activate
    public SystemdCollector(TelemetryConfig config) {
        this(new Systemd(Systemd.searchPath(config.systemdPath()), Duration.ofSeconds(20), Systemd.BOOTED),
                List.of(config.systemdUnits()), config.crashLogLines(), Clock.systemUTC());
    }

    SystemdCollector(Systemd systemd, List<String> units, int logLines, Clock clock) {
        if (logLines < 0 || logLines > ProcessCrash.MAX_LOG_LINES) {
            throw new IllegalArgumentException("crashLogLines " + logLines + " is out of range 0-"
                    + ProcessCrash.MAX_LOG_LINES);
        }
        for (String u : units) {
            if (u.isBlank() || u.startsWith("-")) {
                throw new IllegalArgumentException("systemdUnits entry '" + u + "' is not a unit name or pattern");
            }
        }
        this.systemd = systemd;
        this.units = List.copyOf(units);
        this.logLines = logLines;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public Category category() {
        return Category.CRASH;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public synchronized List<TelemetryEvent> collect() throws Exception {
        if (!systemd.present()) {
            return List.of();
        }
        Set<String> asked = new LinkedHashSet<>(units);
        asked.addAll(systemd.failedUnits());
        if (asked.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<TelemetryEvent> out = new ArrayList<>();
        Map<String, Seen> next = new HashMap<>();
        for (Map<String, String> unit : systemd.show(List.copyOf(asked))) {
            String id = unit.get("Id");
            Seen current = new Seen(number(unit, "NRestarts"), "failed".equals(unit.get("ActiveState")),
                    number(unit, "ExecMainPID"));
            Seen before = seen.get(id);
            next.put(id, current);
            boolean restarted = before != null && current.restarts() > before.restarts();
            // A unit failed when first seen failed while the agent was not looking: still worth one report.
            boolean newlyFailed = current.failed()
                    && (before == null || !before.failed() || before.pid() != current.pid());
            if (restarted || newlyFailed) {
                crash(id, unit, current).ifPresent(c -> out.add(c.event(now)));
            }
        }
        seen.clear();
        seen.putAll(next);
        return out;
    }

    /** The crash report, or empty for a clean exit or when systemd no longer knows how the process ended. */
    private Optional<ProcessCrash> crash(String id, Map<String, String> unit, Seen state) throws Exception {
        List<String> lines = systemd.journal(id, logLines);
        int code = (int) number(unit, "ExecMainCode");
        long status = number(unit, "ExecMainStatus");
        long pid = state.pid();
        if (code < CLD_EXITED || code > CLD_DUMPED) {
            pid = 0;
            // A restarted unit's new process reset ExecMainCode and ExecMainPID is the new one's; PID 1 logged
            // how the previous process ended.
            for (int i = lines.size() - 1; i >= 0 && code == 0; i--) {
                Matcher m = MAIN_EXIT.matcher(lines.get(i));
                if (m.find()) {
                    code = switch (m.group(1)) {
                        case "exited" -> CLD_EXITED;
                        case "killed" -> CLD_KILLED;
                        default -> CLD_DUMPED;
                    };
                    status = Long.parseLong(m.group(2));
                }
            }
        }
        ProcessCrash crash;
        if (code == CLD_EXITED && status > 0 && status <= 255) {
            crash = ProcessCrash.exited(id, pid, (int) status);
        } else if ((code == CLD_KILLED || code == CLD_DUMPED) && status > 0 && status <= 64) {
            crash = ProcessCrash.killed(id, pid, (int) status, code == CLD_DUMPED);
        } else {
            return Optional.empty();
        }
        return Optional.of(crash.withRestarts(state.restarts()).withLogLines(lines));
    }

    private static long number(Map<String, String> unit, String property) {
        try {
            return Math.max(0, Long.parseLong(unit.getOrDefault(property, "0")));
        } catch (NumberFormatException e) {
            // "[not set]" and empty values of units that never ran.
            return 0;
        }
    }
}
