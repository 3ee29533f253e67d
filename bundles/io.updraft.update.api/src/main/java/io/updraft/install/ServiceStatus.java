package io.updraft.install;

import java.time.Instant;
import java.util.Objects;

/**
 * A service's state as its manager sees it.
 *
 * @param component the component
 * @param service the service name
 * @param manager {@code systemd} or {@code supervisor}
 * @param running whether it runs now
 * @param pid its main process id, or -1
 * @param since when the current process started (or the unit became active); null if not running
 * @param restarts how often the supervisor restarted it after it exited since it was last started on purpose
 * @param detail e.g. the unit's {@code ActiveState/SubState} or the last exit code
 */
public record ServiceStatus(String component, String service, String manager, boolean running, long pid,
        Instant since, int restarts, String detail) {
    public ServiceStatus {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(manager, "manager");
        detail = detail == null ? "" : detail;
    }
}
