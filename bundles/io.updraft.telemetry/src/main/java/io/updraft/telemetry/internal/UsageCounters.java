package io.updraft.telemetry.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.TelemetryEvent;
import io.updraft.telemetry.TelemetryEvents;

/**
 * Usage counters and durations that other bundles report through the telemetry service, added up in memory and
 * stored as one {@code updraft.usage} event per interval. Counting is cheap and lock-free per name; nothing is
 * kept while usage lacks consent.
 */
final class UsageCounters implements Collector {
    static final String NAME = "usage";
    static final String SCHEMA = "updraft.usage";
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    static final int MAX_NAMES = 1000;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Running totals of one name; guarded by its own monitor. */
    private static final class Tally {
        long count;
        long total;
        long totalMillis;
        long maxMillis;
        boolean timed;
        /** Taken by collect(); a late update goes to a fresh tally instead of being lost. */
        boolean retired;
    }

    private final Clock clock;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    UsageCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Category category() {
        return Category.USAGE;
    }

    @Override
    public Duration interval() {
        return DEFAULT_INTERVAL;
    }

    void count(String name, long delta) {
        while (true) {
            Tally t = tally(name);
            synchronized (t) {
                if (!t.retired) {
                    t.count++;
                    t.total += delta;
                    return;
                }
            }
        }
    }

    void duration(String name, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("usage duration " + duration + " of " + name + " is negative");
        }
        long ms = duration.toMillis();
        while (true) {
            Tally t = tally(name);
            synchronized (t) {
                if (!t.retired) {
                    t.count++;
                    t.timed = true;
                    t.totalMillis += ms;
                    t.maxMillis = Math.max(t.maxMillis, ms);
                    return;
                }
            }
        }
    }

    private Tally tally(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("usage name '" + name
                    + "' is invalid: use 1-64 characters of A-Z, a-z, 0-9, '.', '_', '-'");
        }
        Tally t = tallies.get(name);
        if (t == null) {
            if (tallies.size() >= MAX_NAMES) {
                throw new IllegalArgumentException("usage name '" + name + "' is one too many: at most " + MAX_NAMES
                        + " names are counted per interval");
            }
            t = tallies.computeIfAbsent(name, n -> new Tally());
        }
        return t;
    }

    /** Forgets everything counted so far, e.g. when consent is withdrawn. */
    void clear() {
        tallies.clear();
    }

    @Override
    public List<TelemetryEvent> collect() {
        Map<String, Object> counters = new TreeMap<>();
        Map<String, Object> durations = new TreeMap<>();
        for (String name : List.copyOf(tallies.keySet())) {
            Tally t = tallies.remove(name);
            if (t == null) {
                continue;
            }
            synchronized (t) {
                t.retired = true;
                if (t.timed) {
                    durations.put(name, Map.of("count", t.count, "totalMs", t.totalMillis, "maxMs", t.maxMillis));
                } else {
                    counters.put(name, Map.of("count", t.count, "total", t.total));
                }
            }
        }
        if (counters.isEmpty() && durations.isEmpty()) {
            return List.of();
        }
        return List.of(TelemetryEvents.draft(clock.instant(), SCHEMA, 1, Category.USAGE, "totals",
                Map.of("counters", counters, "durations", durations)));
    }
}
