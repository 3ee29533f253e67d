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

/**
 * CPU load from {@code /proc/stat} and {@code /proc/loadavg}: busy and I/O-wait shares since the previous sample
 * (since boot for the first one).
 */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class CpuCollector implements Collector {
    static final String SCHEMA = "updraft.metric.cpu";

    private final Path procRoot;
    private final Clock clock;
    private ProcStat previous;

    @Activate
    public CpuCollector(TelemetryConfig config) {
        this(Path.of(config.procRoot()), Clock.systemUTC());
    }

    CpuCollector(Path procRoot, Clock clock) {
        this.procRoot = procRoot;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cpu";
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
    public synchronized List<TelemetryEvent> collect() throws Exception {
        ProcStat now = ProcStat.read(procRoot);
        ProcStat before = previous == null ? new ProcStat(0, 0, 0, 0, 0, 0, 0, 0, now.cores()) : previous;
        previous = now;
        long total = now.totalTicks() - before.totalTicks();
        long idle = now.idleTicks() - before.idleTicks();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cores", (long) now.cores());
        f.put("busyPercent", total <= 0 ? 0.0 : 100.0 * (total - idle) / total);
        f.put("iowaitPercent", total <= 0 ? 0.0 : 100.0 * (now.iowait() - before.iowait()) / total);
        f.put("stealPercent", total <= 0 ? 0.0 : 100.0 * (now.steal() - before.steal()) / total);
        SysFiles.text(procRoot.resolve("loadavg")).ifPresent(text -> {
            String[] l = text.split("\\s+");
            if (l.length >= 3) {
                try {
                    f.put("load1", Double.parseDouble(l[0]));
                    f.put("load5", Double.parseDouble(l[1]));
                    f.put("load15", Double.parseDouble(l[2]));
                } catch (NumberFormatException e) {
                    // A malformed loadavg only loses the load figures.
                }
            }
        });
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.PERFORMANCE, "sample", f));
    }
}
