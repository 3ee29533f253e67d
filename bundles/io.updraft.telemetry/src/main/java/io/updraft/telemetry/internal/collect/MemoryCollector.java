package io.updraft.telemetry.internal.collect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/** System memory from {@code /proc/meminfo}. */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class MemoryCollector implements Collector {
    static final String SCHEMA = "updraft.metric.memory";

    private final Path procRoot;
    private final Clock clock;

    @Activate
    public MemoryCollector(TelemetryConfig config) {
        this(Path.of(config.procRoot()), Clock.systemUTC());
    }

    MemoryCollector(Path procRoot, Clock clock) {
        this.procRoot = procRoot;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Category category() {
        return Category.PERFORMANCE;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public List<TelemetryEvent> collect() throws Exception {
        Map<String, Long> m = MemInfo.read(procRoot);
        long total = m.get("MemTotal");
        // Kernels before 3.14 lack MemAvailable; free plus page cache is the usual stand-in.
        long available = m.getOrDefault("MemAvailable",
                m.getOrDefault("MemFree", 0L) + m.getOrDefault("Cached", 0L) + m.getOrDefault("Buffers", 0L));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("totalBytes", total);
        f.put("availableBytes", available);
        f.put("freeBytes", m.getOrDefault("MemFree", 0L));
        f.put("cachedBytes", m.getOrDefault("Cached", 0L));
        f.put("swapTotalBytes", m.getOrDefault("SwapTotal", 0L));
        f.put("swapFreeBytes", m.getOrDefault("SwapFree", 0L));
        f.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - available) / total);
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.PERFORMANCE, "sample", f));
    }
}
