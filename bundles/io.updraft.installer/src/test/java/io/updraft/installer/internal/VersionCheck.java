package io.updraft.installer.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.update.Version;

/**
 * A test health check of type {@code version}: sleeps {@code params.sleepMs}, then is healthy unless the version's
 * pre-release names it bad, or the active slot lacks the file {@code target} names.
 */
final class VersionCheck implements HealthCheck {
    @Override
    public String type() {
        return "version";
    }

    @Override
    public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
            throws InterruptedException {
        Thread.sleep(Long.parseLong(check.params().getOrDefault("sleepMs", "1")));
        if (version.preRelease().contains("bad")) {
            return HealthResult.unhealthy(component.name() + " " + version + " answers 503");
        }
        if (!check.target().isEmpty() && !Files.exists(activeSlot.resolve(check.target()))) {
            return HealthResult.unhealthy(activeSlot.resolve(check.target()) + " is missing");
        }
        return HealthResult.healthy(component.name() + " " + version + " answers 200");
    }
}
