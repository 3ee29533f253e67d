package io.updraft.services.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import io.updraft.config.Units;

/**
 * {@link ServicesConfig} checked once: every bad value is refused naming the attribute and the value.
 *
 * @param runDir {@code <home>/run}, where supervised services' records and logs live
 */
record Settings(Path runDir, Duration systemctlTimeout, long logLimit) {
    static final String PID = "io.updraft.services";
    static final long MIN_LOG_LIMIT = 4096;

    static Settings of(ServicesConfig c) {
        return new Settings(absolute("home", c.home()).resolve("run"), positive("systemctlTimeout", c.systemctlTimeout()),
                logLimit(c.logLimit()));
    }

    private static long logLimit(long value) {
        if (value < MIN_LOG_LIMIT) {
            throw new IllegalArgumentException(PID + " logLimit " + value + " is below the minimum " + MIN_LOG_LIMIT);
        }
        return value;
    }

    private static Path absolute(String attribute, String value) {
        return Units.absolutePath(value, PID + " " + attribute);
    }

    private static Duration positive(String attribute, String text) {
        Duration d;
        try {
            d = Duration.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(PID + " " + attribute + " '" + text
                    + "' is not an ISO-8601 duration such as PT90S", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PID + " " + attribute + " '" + text + "' must be positive");
        }
        return d;
    }
}
