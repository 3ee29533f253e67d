package io.updraft.services.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the supervisor keeps on disk about a service process it started, so that after a restart of the runtime it
 * can find the process again, tell it from a process that got the same pid later, and restart it when it exits.
 *
 * @param component the component
 * @param service the service name
 * @param command the program (resolved) and its arguments, as run
 * @param slot the working directory, the slot active when it started
 * @param environment the variables set on top of the runtime's environment
 * @param pid the process id
 * @param startTime the process start time, field 22 of {@code /proc/<pid>/stat}
 * @param pgid the process group the service runs in, or -1 when it shares the runtime's group
 * @param startedAt when it was started
 * @param restarts restarts after unexpected exits since it was last started on purpose
 */
record ProcessRecord(String component, String service, List<String> command, Path slot, Map<String, String> environment,
        long pid, long startTime, long pgid, Instant startedAt, int restarts) {
    ProcessRecord {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(service, "service");
        command = List.copyOf(command);
        Objects.requireNonNull(slot, "slot");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(startedAt, "startedAt");
    }

    ProcessRecord withRestarts(int n) {
        return new ProcessRecord(component, service, command, slot, environment, pid, startTime, pgid, startedAt, n);
    }

    /** Whether this record's process still runs: same pid, same start time, not ended. */
    boolean matches(ProcStat stat) {
        return stat.pid() == pid && stat.startTime() == startTime && stat.alive();
    }
}
