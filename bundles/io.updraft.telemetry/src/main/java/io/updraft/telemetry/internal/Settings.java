package io.updraft.telemetry.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.internal.consent.ConsentPolicy;
import io.updraft.config.Units;

/**
 * The runtime's configuration, checked: every bad value fails activation with a message naming it.
 *
 * @param telemetryDir {@code <home>/telemetry}
 * @param policy consent policy
 * @param storedWithoutAnonymizer the categories stored while no anonymizer is bound; every other category is held
 *        back then, so an anonymizer that is missing or failed to start never lets raw values reach disk. Never a
 *        personal category.
 * @param intervals collector interval overrides by collector name
 */
record Settings(Path telemetryDir, ConsentPolicy policy, Set<Category> storedWithoutAnonymizer, Map<String, Duration> intervals,
        Duration collectorTimeout, int collectorThreads) {

    static final int MAX_THREADS = 16;

    static Settings of(TelemetryConfig c) {
        Path dir = home(c.home()).resolve("telemetry");
        Set<Category> defaultOn = categories(c.defaultOn(), "defaultOn");
        Set<Category> raw = categories(c.storedWithoutAnonymizer(), "storedWithoutAnonymizer");
        for (Category cat : raw) {
            if (cat.personal()) {
                throw new IllegalArgumentException("storedWithoutAnonymizer: " + cat.id()
                        + " is personal and is never stored without an anonymizer");
            }
        }
        Map<String, Duration> intervals = new LinkedHashMap<>();
        Units.pairs(c.intervals(), "intervals").forEach((name, v) -> {
            Duration d = Units.duration(v, "intervals " + name);
            if (d.isNegative() || (!d.isZero() && d.toMillis() < 100)) {
                throw new IllegalArgumentException("intervals " + name + " '" + v + "' must be 0 (off) or at least 100ms");
            }
            intervals.put(name, d);
        });
        Duration timeout = positive(c.collectorTimeout(), "collectorTimeout");
        if (c.collectorThreads() < 1 || c.collectorThreads() > MAX_THREADS) {
            throw new IllegalArgumentException("collectorThreads " + c.collectorThreads() + " is out of range 1-" + MAX_THREADS);
        }
        return new Settings(dir, new ConsentPolicy(c.policyVersion(), defaultOn), Set.copyOf(raw),
                Map.copyOf(intervals), timeout, c.collectorThreads());
    }

    private static Duration positive(String value, String setting) {
        Duration d = Units.duration(value, setting);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(setting + " '" + value + "' must be positive");
        }
        return d;
    }

    private static Set<Category> categories(String[] values, String setting) {
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (String v : Units.list(values)) {
            try {
                out.add(Category.parse(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Path home(String home) {
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("home '" + home + "' is empty: set an absolute directory");
        }
        try {
            Path p = Path.of(home);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("home '" + home + "' is not an absolute path");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home '" + home + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
