package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryConfig;

/**
 * Temperatures of {@code /sys/class/thermal/thermal_zone*}. Machines without thermal zones (most VMs and
 * containers) produce no event.
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ThermalCollector implements Collector {
    static final String SCHEMA = "updraft.health.thermal";

    private final Path sysRoot;
    private final Clock clock;

    @Activate
    public ThermalCollector(TelemetryConfig config) {
        this(Path.of(config.sysRoot()), Clock.systemUTC());
    }

    ThermalCollector(Path sysRoot, Clock clock) {
        this.sysRoot = sysRoot;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "thermal";
    }

    @Override
    public Category category() {
        return Category.DIAGNOSTICS;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public List<TelemetryEvent> collect() throws IOException {
        Path dir = sysRoot.resolve("class/thermal");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Object> zones = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "thermal_zone*")) {
            for (Path zone : SortedPaths.of(entries)) {
                OptionalLong milli = SysFiles.number(zone.resolve("temp"));
                if (milli.isEmpty()) {
                    continue;
                }
                Map<String, Object> z = new LinkedHashMap<>();
                z.put("zone", zone.getFileName().toString());
                z.put("type", SysFiles.text(zone.resolve("type")).orElse("unknown"));
                z.put("celsius", milli.getAsLong() / 1000.0);
                zones.add(z);
            }
        }
        if (zones.isEmpty()) {
            return List.of();
        }
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.DIAGNOSTICS, "sample",
                Map.of("zones", zones)));
    }
}
