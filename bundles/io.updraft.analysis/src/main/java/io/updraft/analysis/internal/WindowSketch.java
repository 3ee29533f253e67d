package io.updraft.analysis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.analysis.WindowStatistics;

/**
 * Rolling statistics of one metric over one trailing window in fixed memory: the window is cut into
 * {@value #BUCKETS} time buckets, each keeping the exact count, sum, minimum and maximum of its values and a
 * reservoir sample of at most {@value #RESERVOIR} of them. Percentiles are the weighted quantiles of the reservoirs
 * (exact while no bucket holds more than {@value #RESERVOIR} values, e.g. 5-minute samples in a 1-hour window).
 * The window covers the current bucket and the {@code BUCKETS - 1} before it, so its span is between
 * {@code window - window/BUCKETS} and {@code window}. Which values a full reservoir keeps is decided by a hash of
 * the bucket and the count rather than a random generator, so the choice needs no state to survive a restart.
 */
final class WindowSketch {
    static final int BUCKETS = 12;
    static final int RESERVOIR = 8;

    private final Duration window;
    private final long width;
    private final long[] bucket = new long[BUCKETS];
    private final long[] count = new long[BUCKETS];
    private final double[] sum = new double[BUCKETS];
    private final double[] min = new double[BUCKETS];
    private final double[] max = new double[BUCKETS];
    private final double[][] sample = new double[BUCKETS][RESERVOIR];

    WindowSketch(Duration window) {
        this.window = window;
        this.width = Math.max(1, window.toMillis() / BUCKETS);
        Arrays.fill(bucket, Long.MIN_VALUE);
    }

    void add(Instant time, double value) {
        long id = Math.floorDiv(time.toEpochMilli(), width);
        int slot = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucket[slot] > id) {
            return; // older than the window
        }
        if (bucket[slot] != id) {
            bucket[slot] = id;
            count[slot] = 0;
            sum[slot] = 0;
            min[slot] = Double.POSITIVE_INFINITY;
            max[slot] = Double.NEGATIVE_INFINITY;
        }
        long n = ++count[slot];
        sum[slot] += value;
        min[slot] = Math.min(min[slot], value);
        max[slot] = Math.max(max[slot], value);
        if (n <= RESERVOIR) {
            sample[slot][(int) n - 1] = value;
        } else {
            long j = Math.floorMod(mix(id * 31 + n), n);
            if (j < RESERVOIR) {
                sample[slot][(int) j] = value;
            }
        }
    }

    WindowStatistics statistics(Instant now) {
        long nowId = Math.floorDiv(now.toEpochMilli(), width);
        long n = 0;
        double s = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] values = new double[BUCKETS * RESERVOIR];
        double[] weights = new double[BUCKETS * RESERVOIR];
        int k = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucket[i] > nowId - BUCKETS && bucket[i] <= nowId && count[i] > 0) {
                n += count[i];
                s += sum[i];
                lo = Math.min(lo, min[i]);
                hi = Math.max(hi, max[i]);
                int kept = (int) Math.min(count[i], RESERVOIR);
                for (int j = 0; j < kept; j++) {
                    values[k] = sample[i][j];
                    weights[k++] = (double) count[i] / kept;
                }
            }
        }
        if (n == 0) {
            return new WindowStatistics(window, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[][] sorted = sortByValue(values, weights, k);
        return new WindowStatistics(window, n, s / n, lo, hi, quantile(sorted, 0.5, lo, hi), quantile(sorted, 0.9, lo, hi),
                quantile(sorted, 0.99, lo, hi));
    }

    private static double[][] sortByValue(double[] values, double[] weights, int k) {
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[][] out = new double[2][k];
        for (int i = 0; i < k; i++) {
            out[0][i] = values[order[i]];
            out[1][i] = weights[order[i]];
        }
        return out;
    }

    /** The weighted quantile, each kept value standing for its share of its bucket, clamped to the exact range. */
    private static double quantile(double[][] sorted, double q, double lo, double hi) {
        double[] v = sorted[0];
        double[] w = sorted[1];
        double total = 0;
        for (double x : w) {
            total += x;
        }
        // Midpoint ranks: value i covers cumulative weight up to c, centred at c - w/2.
        double target = q * total;
        double cum = 0;
        double prevCentre = Double.NaN;
        double prevValue = Double.NaN;
        for (int i = 0; i < v.length; i++) {
            double centre = cum + w[i] / 2;
            if (centre >= target) {
                if (Double.isNaN(prevCentre)) {
                    return clamp(v[i], lo, hi);
                }
                double f = (target - prevCentre) / (centre - prevCentre);
                return clamp(prevValue + f * (v[i] - prevValue), lo, hi);
            }
            cum += w[i];
            prevCentre = centre;
            prevValue = v[i];
        }
        return clamp(v[v.length - 1], lo, hi);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("window", window.toString());
        ArrayNode b = o.putArray("buckets");
        for (int i = 0; i < BUCKETS; i++) {
            if (bucket[i] == Long.MIN_VALUE) {
                continue;
            }
            ArrayNode row = b.addArray().add(bucket[i]).add(count[i]).add(sum[i]).add(min[i]).add(max[i]);
            for (int j = 0; j < Math.min(count[i], RESERVOIR); j++) {
                row.add(sample[i][j]);
            }
        }
        return o;
    }

    /** The sketch saved by {@link #toJson}, or an empty one if it was saved for another window. */
    static WindowSketch fromJson(JsonNode o, Duration window) {
        WindowSketch s = new WindowSketch(window);
        if (o == null || !window.toString().equals(o.path("window").asText())) {
            return s;
        }
        for (JsonNode row : o.path("buckets")) {
            long id = row.get(0).asLong();
            int slot = (int) Math.floorMod(id, (long) BUCKETS);
            s.bucket[slot] = id;
            s.count[slot] = row.get(1).asLong();
            s.sum[slot] = row.get(2).asDouble();
            s.min[slot] = row.get(3).asDouble();
            s.max[slot] = row.get(4).asDouble();
            for (int j = 5; j < row.size() && j - 5 < RESERVOIR; j++) {
                s.sample[slot][j - 5] = row.get(j).asDouble();
            }
        }
        return s;
    }
}
