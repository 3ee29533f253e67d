package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Count, sum and maximum of a metric (or a count of occurrences) per hour over the last {@code hours} hours, in a
 * fixed ring: the input of trends (hourly means) and correlations (hourly maxima and counts).
 */
final class HourlySeries {
    private static final long HOUR = 3_600_000L;

    private final int hours;
    private final long[] hour;
    private final long[] count;
    private final double[] sum;
    private final double[] max;

    HourlySeries(int hours) {
        this.hours = hours;
        hour = new long[hours];
        count = new long[hours];
        sum = new double[hours];
        max = new double[hours];
        Arrays.fill(hour, Long.MIN_VALUE);
    }

    static long hourOf(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), HOUR);
    }

    void add(Instant time, double value) {
        long h = hourOf(time);
        int slot = (int) Math.floorMod(h, (long) hours);
        if (hour[slot] > h) {
            return;
        }
        if (hour[slot] != h) {
            hour[slot] = h;
            count[slot] = 0;
            sum[slot] = 0;
            max[slot] = Double.NEGATIVE_INFINITY;
        }
        count[slot]++;
        sum[slot] += value;
        max[slot] = Math.max(max[slot], value);
    }

    /** The hours with values within the series ending at {@code now}'s hour, oldest first. */
    long[] hours(Instant now) {
        long nowHour = hourOf(now);
        return Arrays.stream(hour).filter(h -> h > nowHour - hours && h <= nowHour).sorted().toArray();
    }

    private int slot(long h) {
        int slot = (int) Math.floorMod(h, (long) hours);
        return hour[slot] == h ? slot : -1;
    }

    double mean(long h) {
        int s = slot(h);
        return s < 0 ? Double.NaN : sum[s] / count[s];
    }

    double max(long h) {
        int s = slot(h);
        return s < 0 ? Double.NaN : max[s];
    }

    /** How many values (occurrences) fell into hour {@code h}; 0 if none. */
    long count(long h) {
        int s = slot(h);
        return s < 0 ? 0 : count[s];
    }

    /** Whether no value was ever added (or loaded). */
    boolean isEmpty() {
        for (long h : hour) {
            if (h != Long.MIN_VALUE) {
                return false;
            }
        }
        return true;
    }

    JsonNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < hours; i++) {
            if (hour[i] != Long.MIN_VALUE) {
                a.addArray().add(hour[i]).add(count[i]).add(sum[i]).add(max[i]);
            }
        }
        return a;
    }

    static HourlySeries fromJson(JsonNode a, int hours) {
        HourlySeries s = new HourlySeries(hours);
        if (a != null) {
            for (JsonNode row : a) {
                long h = row.get(0).asLong();
                int slot = (int) Math.floorMod(h, (long) hours);
                if (s.hour[slot] < h) {
                    s.hour[slot] = h;
                    s.count[slot] = row.get(1).asLong();
                    s.sum[slot] = row.get(2).asDouble();
                    s.max[slot] = row.get(3).asDouble();
                }
            }
        }
        return s;
    }
}
