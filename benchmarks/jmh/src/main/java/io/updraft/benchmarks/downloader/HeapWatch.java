package io.updraft.benchmarks.downloader;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Heap growth of a measured section: the heap in use after a GC just before it, against (a) the sum of the heap
 * pools' peak usage during it (peaks reset at the start; an upper bound, as pools may peak at different moments,
 * and it counts garbage not yet collected) and (b) the highest heap use sampled every 5 ms.
 */
final class HeapWatch {
    private static final double MIB = 1024.0 * 1024;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private long baseline;
    private long growth;
    private long sampledGrowth;
    private volatile long sampledMax;
    private volatile boolean sampling;
    private Thread sampler;

    void start() {
        System.gc();
        System.gc();
        baseline = memory.getHeapMemoryUsage().getUsed();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        sampledMax = baseline;
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                sampledMax = Math.max(sampledMax, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stop() throws InterruptedException {
        sampling = false;
        sampler.join();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        growth = Math.max(growth, peak - baseline);
        sampledGrowth = Math.max(sampledGrowth, sampledMax - baseline);
    }

    /** The largest growth by pool peaks over every measured section, MiB. */
    double growthMiB() {
        return growth / MIB;
    }

    /** The largest growth by sampling over every measured section, MiB. */
    double sampledGrowthMiB() {
        return sampledGrowth / MIB;
    }

    /** VmHWM of this process, MiB. */
    static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("/proc/self/status has no VmHWM line");
    }
}
