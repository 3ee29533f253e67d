package io.updraft.telemetry.internal.collect;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/** The agent's own JVM: heap and non-heap memory, threads, garbage collection totals. */
@Component(service = Collector.class)
public final class JvmCollector implements Collector {
    static final String SCHEMA = "updraft.metric.jvm";

    private final Clock clock;

    @Activate
    public JvmCollector() {
        this(Clock.systemUTC());
    }

    JvmCollector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "jvm";
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
    public List<TelemetryEvent> collect() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("heap", usage(memory.getHeapMemoryUsage()));
        f.put("nonHeap", usage(memory.getNonHeapMemoryUsage()));
        f.put("threads", (long) threads.getThreadCount());
        f.put("peakThreads", (long) threads.getPeakThreadCount());
        f.put("daemonThreads", (long) threads.getDaemonThreadCount());
        Map<String, Object> gc = new LinkedHashMap<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.put(b.getName(), Map.of("collections", b.getCollectionCount(), "timeMs", b.getCollectionTime()));
        }
        f.put("gc", gc);
        f.put("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.PERFORMANCE, "sample", f));
    }

    private static Map<String, Object> usage(MemoryUsage u) {
        // max is -1 when undefined; kept as is so consumers can tell "no limit" from zero.
        return Map.of("usedBytes", u.getUsed(), "committedBytes", u.getCommitted(), "maxBytes", u.getMax());
    }
}
