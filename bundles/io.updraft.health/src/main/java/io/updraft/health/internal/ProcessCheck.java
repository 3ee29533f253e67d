package io.updraft.health.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.install.ServiceControl;
import io.updraft.install.ServiceStatus;
import io.updraft.update.Version;

/**
 * Health check {@code process}: the service named by the target runs and has not been restarted since the trial
 * began. Services are started on purpose right after the switch, which resets their restart count, so any restart
 * seen here is a crash of the new version.
 */
@Component(service = HealthCheck.class)
public final class ProcessCheck implements HealthCheck {
    static final String TYPE = "process";

    private final ServiceControl services;

    @Activate
    public ProcessCheck(@Reference ServiceControl services) {
        this.services = services;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version) {
        String name = check.target().strip();
        if (component.services().stream().noneMatch(s -> s.name().equals(name))) {
            return HealthResult.unhealthy("component " + component.name() + " declares no service '" + name + "'");
        }
        Optional<ServiceStatus> found = services.status(component).stream().filter(s -> s.service().equals(name))
                .findFirst();
        if (found.isEmpty()) {
            return HealthResult.unhealthy("no status for service " + name + " of component " + component.name());
        }
        ServiceStatus s = found.get();
        String state = s.detail().isEmpty() ? "" : " (" + s.detail() + ")";
        if (!s.running()) {
            return HealthResult.unhealthy("service " + name + " is not running" + state);
        }
        if (s.restarts() > 0) {
            return HealthResult.unhealthy("service " + name + " was restarted " + s.restarts()
                    + (s.restarts() == 1 ? " time" : " times") + " since the trial began, now pid " + s.pid() + state);
        }
        return HealthResult.healthy("service " + name + " runs as pid " + s.pid() + state);
    }
}
