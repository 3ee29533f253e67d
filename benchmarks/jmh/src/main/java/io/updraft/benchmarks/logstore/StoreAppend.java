package io.updraft.benchmarks.logstore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.util.converter.Converters;

import io.updraft.logstore.LogStoreException;
import io.updraft.logstore.internal.FileLogStore;
import io.updraft.logstore.internal.LogStoreConfig;

/**
 * Raw {@code append} rate of the log store on one thread: a 200-byte record to one stream, with the default
 * rotation (1 MiB segments), compression (zstd, on the store's own thread), retention and quota, and the runtime's
 * 5 s fsync. Besides records/s it prints, per iteration, the CPU time per 1,000 appends of the appending thread
 * (ThreadMXBean) and of the whole process, which adds the compressor and the fsync thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class StoreAppend {
    @Param({"zstd", "none"})
    public String compression;

    private Path home;
    private FileLogStore store;
    private ScheduledExecutorService timer;
    private byte[] payload;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long appends;
    private long threadStart;
    private long processStart;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        home = Files.createTempDirectory("updraft-bench-logstore");
        store = new FileLogStore(Converters.standardConverter().convert(Map.of("home", home.toString(),
                "compression", compression, "minFreeBytes", "0", "minFreePercent", "0")).to(LogStoreConfig.class));
        timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(() -> {
            try {
                store.sync();
            } catch (LogStoreException e) {
                throw new IllegalStateException(e);
            }
        }, 5, 5, TimeUnit.SECONDS);
        // Log-like text: compressible, but not trivially.
        Random r = new Random(42);
        StringBuilder b = new StringBuilder("{\"level\":\"INFO\",\"logger\":\"io.updraft.checker\",\"message\":\"");
        while (b.length() < 190) {
            b.append(Integer.toHexString(r.nextInt(4096))).append(' ');
        }
        payload = b.append("\"}").toString().getBytes();
    }

    @Setup(Level.Iteration)
    public void startCpu() {
        appends = 0;
        threadStart = threads.getCurrentThreadCpuTime();
        processStart = os.getProcessCpuTime();
    }

    /** Printed with each iteration's result: JMH has no unit for CPU per operation. */
    @TearDown(Level.Iteration)
    public void endCpu() {
        if (appends > 0) {
            System.out.printf("%n    cpu per 1000 appends: appending thread %.0f us, whole process %.0f us "
                    + "(%d appends)%n", (threads.getCurrentThreadCpuTime() - threadStart) / (appends / 1000.0) / 1e3,
                    (os.getProcessCpuTime() - processStart) / (appends / 1000.0) / 1e3, appends);
        }
    }

    @Benchmark
    public long append() throws LogStoreException {
        appends++;
        return store.append("log", Instant.now(), payload);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        timer.shutdownNow();
        store.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
