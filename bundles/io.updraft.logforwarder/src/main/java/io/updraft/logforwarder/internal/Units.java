package io.updraft.logforwarder.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations and sizes of the configuration; every error names the setting and the value. */
final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|mib|gib)");

    private Units() {
    }

    static Duration duration(String value, String setting) {
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
                    + "' is not a duration; use e.g. 500ms, 30s, 5m or PT30S");
        }
    }

    static long size(String value, String setting) {
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
        throw new IllegalArgumentException(setting + " '" + value + "' is not a size; use e.g. 4096, 512KiB, 1MiB");
    }
}
