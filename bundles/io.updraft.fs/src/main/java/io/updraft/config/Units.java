package io.updraft.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations, sizes, paths and lists of configuration values as ConfigAdmin delivers them from {@code .cfg} files
 * (strings, possibly with blanks around them); every error names the setting and the value.
 */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib)");

    private Units() {
    }

    public static Duration duration(String value, String setting) {
        String v = value == null ? "" : value.strip();
        Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                        return Duration.ofMinutes(n);
                    case "h":
                        return Duration.ofHours(n);
                    default:
                        return Duration.ofDays(n);
                }
            }
            return Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(setting + " '" + value
                    + "' is not a duration; use e.g. 500ms, 30s, 5m, 1h, 7d or PT30S");
        }
    }

    public static long size(String value, String setting) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIZE.matcher(v);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "kib":
                        return Math.multiplyExact(n, 1024L);
                    case "mib":
                        return Math.multiplyExact(n, 1024L * 1024);
                    case "gib":
                        return Math.multiplyExact(n, 1024L * 1024 * 1024);
                    default:
                        return n;
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new IllegalArgumentException(setting + " '" + value + "' is not a size; use e.g. 4096, 512KiB, 16MiB, 1GiB");
    }

    /**
     * An absolute path setting, normalized.
     *
     * @throws IllegalArgumentException naming the setting and the value when it is empty, not a path, or relative
     */
    public static Path absolutePath(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " '" + value + "' must not be empty");
        }
        Path path;
        try {
            path = Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(setting + " '" + value + "' is not a valid path", e);
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(setting + " '" + value + "' must be an absolute path");
        }
        return path.normalize();
    }

    /** The items of a list setting, splitting comma-separated strings and dropping blanks. */
    public static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    /** {@code key=value} items in order. */
    public static Map<String, String> pairs(String[] values, String setting) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : list(values)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException(setting + " item '" + item + "' is not of the form name=value");
            }
            String key = item.substring(0, eq).strip();
            if (out.put(key, item.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(setting + " names '" + key + "' twice");
            }
        }
        return out;
    }
}
