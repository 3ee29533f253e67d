package io.updraft.benchmarks.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.osgi.util.converter.Converters;

import io.updraft.anonymizer.internal.AnonymizerComponent;
import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;
import io.updraft.anonymizer.internal.AnonymizerConfig;
import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;
import io.updraft.telemetry.internal.TelemetryConfig;
import io.updraft.telemetry.internal.TelemetryEngine;

/**
 * Events per second through the whole device-side path on one thread: a collector's collect(), the consent check,
 * the real anonymizer with its default rules, and the append to the real log store on disk (stream
 * telemetry.&lt;category&gt;, with its default rotation, zstd compression, retention and quota, and the runtime's
 * periodic fsync). Run with {@code -prof gc} for the allocation rate.
 *
 * <p>{@code simple}: a performance sample of four numeric/short fields. {@code personal}: a usage event whose
 * free text holds an e-mail address and an IP address for the anonymizer to find.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TelemetryPipeline {
    private Path home;
    private TelemetryEngine engine;
    private FileLogStore store;
    private ScheduledExecutorService timer;
    private Collector simple;
    private Collector personal;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        home = Files.createTempDirectory("updraft-bench-telemetry");
        AnonymizerComponent anonymizer = new AnonymizerComponent(Converters.standardConverter()
                .convert(Map.of("home", home.toString())).to(AnonymizerConfig.class));
        TelemetryConfig config = Converters.standardConverter().convert(Map.of("home", home.toString(),
                "collectorThreads", 1)).to(TelemetryConfig.class);
        store = new FileLogStore(Converters.standardConverter().convert(Map.of("home", home.toString(),
                "minFreeBytes", "0", "minFreePercent", "0")).to(LogStoreConfig.class));
        timer = Executors.newSingleThreadScheduledExecutor();
        // The runtime's 5 s fsync, as the log store component schedules it.
        timer.scheduleWithFixedDelay(() -> {
            try {
                store.sync();
            } catch (LogStoreException e) {
                throw new IllegalStateException(e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        engine = new TelemetryEngine(config, store, Clock.systemUTC(), () -> anonymizer);
        engine.consent().change(engine.consent().policyVersion(), Set.of(Category.PERFORMANCE, Category.USAGE),
                Set.of());
        simple = collector("bench-simple", Category.PERFORMANCE, () -> TelemetryEvents.draft("updraft.metric.cpu", 1,
                Category.PERFORMANCE, "sample", Map.of("busyPercent", 37.5, "cores", 4L, "load1", 0.82,
                        "zone", "cpu0")));
        personal = collector("bench-personal", Category.USAGE, () -> TelemetryEvents.draft("updraft.usage.note", 1,
                Category.USAGE, "feedback", Map.of("screen", "settings", "note",
                        "call me at jane.doe@example.com from 192.168.17.42", "durationMs", 1200L)));
    }

    private interface EventSource {
        TelemetryEvent next();
    }

    private static Collector collector(String name, Category category, EventSource source) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Category category() {
                return category;
            }

            @Override
            public Duration interval() {
                return Duration.ZERO;
            }

            @Override
            public List<TelemetryEvent> collect() {
                return List.of(source.next());
            }
        };
    }

    private void run(Collector c, Blackhole bh) throws Exception {
        for (TelemetryEvent e : c.collect()) {
            bh.consume(engine.publish(e));
        }
    }

    @Benchmark
    public void simple(Blackhole bh) throws Exception {
        run(simple, bh);
    }

    @Benchmark
    public void personal(Blackhole bh) throws Exception {
        run(personal, bh);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        timer.shutdownNow();
        store.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
