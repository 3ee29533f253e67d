package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /proc/meminfo} as bytes per key. */
final class MemInfo {
    private MemInfo() {
    }

    static Map<String, Long> read(Path procRoot) throws IOException {
        Path file = procRoot.resolve("meminfo");
        return parse(Files.readAllLines(file), file);
    }

    /** Lines like {@code MemTotal:  16308364 kB}; a value without a unit is a count (HugePages_Total). */
    static Map<String, Long> parse(List<String> lines, Path source) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            try {
                long n = Long.parseLong(f[0]);
                out.put(line.substring(0, colon).trim(), f.length > 1 && f[1].equalsIgnoreCase("kB") ? n * 1024 : n);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": line '" + line + "' has no number", e);
            }
        }
        if (!out.containsKey("MemTotal")) {
            throw new IOException(source + " has no MemTotal");
        }
        return out;
    }
}
