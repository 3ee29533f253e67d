package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of one process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}.
 *
 * @param state the one-letter state (R, S, D, Z, ...)
 * @param cpuTicks user plus system time in clock ticks
 * @param rssBytes resident set size
 * @param peakRssBytes high-water mark of the resident set
 * @param threads number of threads
 */
record ProcessFigures(long pid, String state, long cpuTicks, long rssBytes, long peakRssBytes, long threads) {
    /** Clock ticks per second as seen in /proc: USER_HZ is 100 on every Linux architecture. */
    static final long TICKS_PER_SECOND = 100;

    static ProcessFigures read(Path procRoot, String pid) throws IOException {
        Path dir = procRoot.resolve(pid);
        String stat = Files.readString(dir.resolve("stat")).trim();
        Map<String, Long> status = status(dir.resolve("status"));
        // The command name in parentheses may hold spaces and ')': the fields start after its last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IOException(dir.resolve("stat") + " has no command name");
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 18) {
            throw new IOException(dir.resolve("stat") + " has " + f.length + " fields after the name, expected 18+");
        }
        try {
            long pidValue = Long.parseLong(stat.substring(0, stat.indexOf(' ')).trim());
            // After the name: state(0) ppid(1) ... utime(11) stime(12) ... num_threads(17)
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return new ProcessFigures(pidValue, f[0], ticks, status.getOrDefault("VmRSS", 0L),
                    status.getOrDefault("VmHWM", 0L), Long.parseLong(f[17]));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IOException(dir.resolve("stat") + " holds a field that is not a number", e);
        }
    }

    private static Map<String, Long> status(Path file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length == 2 && f[1].equals("kB")) {
                try {
                    out.put(line.substring(0, colon), Long.parseLong(f[0]) * 1024);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line '" + line + "' has no number", e);
                }
            }
        }
        return out;
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", pid);
        m.put("state", state);
        m.put("cpuSeconds", (double) cpuTicks / TICKS_PER_SECOND);
        m.put("rssBytes", rssBytes);
        m.put("peakRssBytes", peakRssBytes);
        m.put("threads", threads);
        return m;
    }
}
