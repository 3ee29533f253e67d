package io.updraft.logstore.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.updraft.config.Units;

/**
 * Retention rules, {@code pattern: limit=value, ...} separated by {@code ;}, e.g.
 * {@code telemetry.performance: age=7d; telemetry.*: age=30d, size=16MiB}. Limits are {@code age} (records whose
 * segment holds nothing newer are dropped), {@code size} (bytes on disk, compressed where sealed) and {@code count}
 * (records). Each limit of a stream comes from the most specific rule that sets it ({@link StreamPattern}); a limit
 * no matching rule sets does not apply. Retention drops whole segments, oldest first.
 */
final class Retention {
    /** One stream's limits; {@code null} age and 0 size or count mean no limit. */
    record Limits(Duration age, long size, long count) {
        static final Limits NONE = new Limits(null, 0, 0);
    }

    private record Rule(StreamPattern pattern, Duration age, long size, long count) {
    }

    private final List<Rule> rules;

    private Retention(List<Rule> rules) {
        this.rules = rules;
    }

    /** @throws IllegalArgumentException naming the bad rule or value */
    static Retention parse(String[] values) {
        List<Rule> rules = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            for (String text : value.split(";")) {
                if (!text.isBlank()) {
                    rules.add(rule(text.strip()));
                }
            }
        }
        return new Retention(List.copyOf(rules));
    }

    private static Rule rule(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("retention rule '" + text + "' is not of the form "
                    + "pattern: age=30d, size=16MiB, count=100000");
        }
        StreamPattern pattern = StreamPattern.parse(text.substring(0, colon), "retention");
        Map<String, String> limits = Units.pairs(new String[] {text.substring(colon + 1)}, "retention " + pattern);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("retention rule '" + text + "' sets no limit");
        }
        Duration age = null;
        long size = 0;
        long count = 0;
        for (Map.Entry<String, String> e : limits.entrySet()) {
            String setting = "retention " + pattern + " " + e.getKey();
            switch (e.getKey()) {
                case "age" -> {
                    age = Units.duration(e.getValue(), setting);
                    if (age.isZero() || age.isNegative()) {
                        throw new IllegalArgumentException(setting + " '" + e.getValue() + "' must be positive");
                    }
                }
                case "size" -> size = positive(Units.size(e.getValue(), setting), setting, e.getValue());
                case "count" -> count = positive(parseCount(e.getValue(), setting), setting, e.getValue());
                default -> throw new IllegalArgumentException("retention " + pattern + ": limit '" + e.getKey()
                        + "' is unknown; valid: age, size, count");
            }
        }
        return new Rule(pattern, age, size, count);
    }

    private static long parseCount(String v, String setting) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " '" + v + "' is not a whole number");
        }
    }

    private static long positive(long v, String setting, String text) {
        if (v <= 0) {
            throw new IllegalArgumentException(setting + " '" + text + "' must be positive");
        }
        return v;
    }

    Limits limits(String stream) {
        Duration age = null;
        long size = 0;
        long count = 0;
        int ageRank = -1;
        int sizeRank = -1;
        int countRank = -1;
        for (Rule r : rules) {
            int rank = r.pattern().specificity(stream);
            if (rank < 0) {
                continue;
            }
            if (r.age() != null && rank > ageRank) {
                age = r.age();
                ageRank = rank;
            }
            if (r.size() > 0 && rank > sizeRank) {
                size = r.size();
                sizeRank = rank;
            }
            if (r.count() > 0 && rank > countRank) {
                count = r.count();
                countRank = rank;
            }
        }
        return new Limits(age, size, count);
    }
}
