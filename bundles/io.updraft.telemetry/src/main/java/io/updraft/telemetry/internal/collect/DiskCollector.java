package io.updraft.telemetry.internal.collect;

import java.nio.file.FileStore;
import java.nio.file.Files;
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

/** Space on the file system that holds the Updraft home, where updates are downloaded and staged. */
@Component(service = Collector.class, configurationPid = "io.updraft.telemetry",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DiskCollector implements Collector {
    static final String SCHEMA = "updraft.metric.disk";

    private final Path home;
    private final Clock clock;

    @Activate
    public DiskCollector(TelemetryConfig config) {
        this(Path.of(config.home()), Clock.systemUTC());
    }

    DiskCollector(Path home, Clock clock) {
        this.home = home;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public Category category() {
        return Category.PERFORMANCE;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public List<TelemetryEvent> collect() throws Exception {
        // Before the first update the home may not exist yet; its nearest existing parent is on the same disk.
        Path p = home.toAbsolutePath();
        while (!Files.exists(p) && p.getParent() != null) {
            p = p.getParent();
        }
        FileStore store = Files.getFileStore(p);
        long total = store.getTotalSpace();
        long usable = store.getUsableSpace();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("fileSystem", store.type());
        f.put("totalBytes", total);
        f.put("usableBytes", usable);
        f.put("unallocatedBytes", store.getUnallocatedSpace());
        f.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - usable) / total);
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.PERFORMANCE, "sample", f));
    }
}
