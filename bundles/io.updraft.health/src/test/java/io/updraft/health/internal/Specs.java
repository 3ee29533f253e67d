package io.updraft.health.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.ServiceSpec;
import io.updraft.update.Version;

final class Specs {
    static final Version VERSION = Version.parse("1.2.0");

    private Specs() {
    }

    static HealthCheckSpec check(String type, String target, Map<String, String> params, Duration timeout) {
        return new HealthCheckSpec("probe", type, target, params, Duration.ofSeconds(1), timeout, 1, 1);
    }

    static ComponentSpec component(ServiceSpec... services) {
        return new ComponentSpec("app", ComponentSpec.ARCHIVE, null, List.of(services), List.of(), Duration.ofMinutes(1),
                List.of(), List.of(), List.of(), Map.of(), null, null, Map.of());
    }
}
