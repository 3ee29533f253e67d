package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The aggregate CPU line of {@code /proc/stat}, in clock ticks since boot.
 *
 * @param cores how many {@code cpuN} lines there are
 */
record ProcStat(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal,
        int cores) {

    static ProcStat read(Path procRoot) throws IOException {
        return parse(Files.readAllLines(procRoot.resolve("stat")), procRoot.resolve("stat"));
    }

    static ProcStat parse(List<String> lines, Path source) throws IOException {
        long[] v = null;
        int cores = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                if (f.length < 5) {
                    throw new IOException(source + ": cpu line '" + line + "' has too few fields");
                }
                v = new long[8];
                for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                    try {
                        v[i] = Long.parseLong(f[i + 1]);
                    } catch (NumberFormatException e) {
                        throw new IOException(source + ": cpu line '" + line + "' has a non-number", e);
                    }
                }
            } else if (f[0].startsWith("cpu")) {
                cores++;
            }
        }
        if (v == null) {
            throw new IOException(source + " has no aggregate cpu line");
        }
        return new ProcStat(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], cores);
    }

    long idleTicks() {
        return idle + iowait;
    }

    long totalTicks() {
        return user + nice + system + idle + iowait + irq + softirq + steal;
    }
}
