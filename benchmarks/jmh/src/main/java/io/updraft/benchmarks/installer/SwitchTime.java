package io.updraft.benchmarks.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.updraft.fs.DurableFiles;

/**
 * Times the switch of a file-tree component: {@code current} replaced by a new symbolic link renamed over it, then
 * the folder synced, alternating between slots {@code a} and {@code b}. Usage: {@code SwitchTime COMPONENT_DIR
 * ITERATIONS}. Prints the code path used, then one line: iterations, median, p90, p99, max and mean in ms. The first
 * 20 switches warm the JIT and are not counted. Each switch is checked by reading the link back (untimed).
 */
public final class SwitchTime {
    private static final int WARM_UP = 20;

    private SwitchTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SwitchTime COMPONENT_DIR ITERATIONS");
            System.exit(2);
        }
        Path componentDir = Path.of(args[0]).toAbsolutePath();
        int iterations = Integer.parseInt(args[1]);
        Path[] slots = {componentDir.resolve("slots/a"), componentDir.resolve("slots/b")};
        for (Path slot : slots) {
            DurableFiles.createDirectories(slot);
        }
        InstallerInternals internals = InstallerInternals.load();
        System.out.println("switch code: " + internals.source());
        double[] ms = new double[iterations];
        for (int i = -WARM_UP; i < iterations; i++) {
            Path to = slots[(i + WARM_UP) % 2];
            long start = System.nanoTime();
            internals.point(componentDir, to);
            long end = System.nanoTime();
            Path now = componentDir.resolve(Files.readSymbolicLink(componentDir.resolve("current"))).normalize();
            if (!now.equals(to)) {
                throw new IllegalStateException("current points at " + now + " after switching to " + to);
            }
            if (i >= 0) {
                ms[i] = Timing.millis(start, end);
            }
        }
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        System.out.printf("%d %.3f %.3f %.3f %.3f %.3f%n", iterations, Timing.quantile(ms, 0.5),
                Timing.quantile(ms, 0.9), Timing.quantile(ms, 0.99), Timing.max(ms), mean);
    }
}
