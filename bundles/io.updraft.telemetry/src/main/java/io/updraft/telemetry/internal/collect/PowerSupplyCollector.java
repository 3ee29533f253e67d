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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryConfig;

/**
 * Batteries and mains adapters of {@code /sys/class/power_supply}. Each driver offers a different subset of
 * attributes; only those present are reported, converted from the kernel's micro-units. No supplies, no event.
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class PowerSupplyCollector implements Collector {
    static final String SCHEMA = "updraft.health.power";

    private final Path sysRoot;
    private final Clock clock;

    @Activate
    public PowerSupplyCollector(TelemetryConfig config) {
        this(Path.of(config.sysRoot()), Clock.systemUTC());
    }

    PowerSupplyCollector(Path sysRoot, Clock clock) {
        this.sysRoot = sysRoot;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "power";
    }

    @Override
    public Category category() {
        return Category.DIAGNOSTICS;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public List<TelemetryEvent> collect() throws IOException {
        Path dir = sysRoot.resolve("class/power_supply");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Object> supplies = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path s : SortedPaths.of(entries)) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("supply", s.getFileName().toString());
                f.put("type", SysFiles.text(s.resolve("type")).orElse("Unknown"));
                SysFiles.text(s.resolve("status")).ifPresent(v -> f.put("status", v));
                SysFiles.text(s.resolve("health")).ifPresent(v -> f.put("health", v));
                SysFiles.number(s.resolve("online")).ifPresent(v -> f.put("online", v != 0));
                SysFiles.number(s.resolve("capacity")).ifPresent(v -> f.put("capacityPercent", v));
                SysFiles.number(s.resolve("cycle_count")).ifPresent(v -> f.put("cycles", v));
                SysFiles.number(s.resolve("voltage_now")).ifPresent(v -> f.put("volts", v / 1_000_000.0));
                SysFiles.number(s.resolve("current_now")).ifPresent(v -> f.put("amperes", v / 1_000_000.0));
                SysFiles.number(s.resolve("power_now")).ifPresent(v -> f.put("watts", v / 1_000_000.0));
                // temp is in tenths of a degree Celsius.
                SysFiles.number(s.resolve("temp")).ifPresent(v -> f.put("celsius", v / 10.0));
                supplies.add(f);
            }
        }
        if (supplies.isEmpty()) {
            return List.of();
        }
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.DIAGNOSTICS, "sample",
                Map.of("supplies", supplies)));
    }
}
