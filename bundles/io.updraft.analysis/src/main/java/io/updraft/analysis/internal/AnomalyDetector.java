package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Judges each new sample of one metric against its trailing window of samples. The baseline is a resistant line
 * (Tukey's three-group line: medians of the oldest and newest thirds) through the window, so slow drifts, daily
 * cycles and random walks move the baseline instead of raising alarms; the spread is 1.4826 times the median
 * absolute deviation of the window's residuals (falling back to the mean absolute deviation, and never below 1% of
 * the level so a metric that was perfectly flat does not alarm on its first small change). A sample is anomalous
 * when its robust z-score reaches the threshold (spikes, dips, large jumps) or when an EWMA of the z-scores, each
 * clipped to ±{@value #CLIP} so one spike cannot trip it, leaves its control limits (smaller sustained shifts).
 * Consecutive anomalous samples, with fewer than {@code quietSamples} normal ones between them, are one anomaly.
 */
final class AnomalyDetector {
    static final double CLIP = 3.0;
    /**
     * Anomalous samples from which an anomaly is a level shift rather than a spike; one found by the EWMA alone is a
     * shift too, as only a lasting deviation moves the EWMA that far.
     */
    static final int SUSTAINED = 3;
    private static final double RELATIVE_FLOOR = 0.01;

    /** One anomaly as far as it is known: reported when it starts and each time it is confirmed. */
    record Finding(Instant start, Instant last, double value, double baseline, double z, double sigma, double ewma,
            int anomalousSamples, boolean sustained) {
    }

    private final Settings.Anomaly settings;
    private final double[] values;
    private final long[] times;
    private int size;
    private double ewma;
    // The open anomaly, if openStart >= 0 (epoch milliseconds).
    private long openStart = -1;
    private long openLast;
    private double peakValue;
    private double peakBaseline;
    private double peakZ;
    private double peakSigma;
    private int anomalous;
    private int normalRun;

    AnomalyDetector(Settings.Anomaly settings) {
        this.settings = settings;
        values = new double[settings.window()];
        times = new long[settings.window()];
    }

    /** Judges and then keeps the sample; returns the anomaly it belongs to, or null. Out-of-order samples are ignored. */
    Finding add(Instant time, double value) {
        long t = time.toEpochMilli();
        if (size > 0 && t <= times[size - 1]) {
            return null;
        }
        Finding finding = size >= settings.minSamples() ? judge(t, value) : null;
        if (size == values.length) {
            System.arraycopy(values, 1, values, 0, size - 1);
            System.arraycopy(times, 1, times, 0, size - 1);
            size--;
        }
        values[size] = value;
        times[size++] = t;
        return finding;
    }

    private Finding judge(long t, double v) {
        int n = size;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (times[i] - t) / 3_600_000.0;
        }
        double[] line = resistantLine(x, values, n);
        double[] residuals = new double[n];
        double meanAbs = 0;
        for (int i = 0; i < n; i++) {
            residuals[i] = values[i] - (line[0] * x[i] + line[1]);
            meanAbs += Math.abs(residuals[i]);
        }
        meanAbs /= n;
        double level = Math.abs(Robust.median(values, n));
        double sigma = Math.max(Math.max(Robust.MAD_TO_SIGMA * Robust.mad(residuals, n, 0), 1.2533 * meanAbs),
                Math.max(RELATIVE_FLOOR * level, 1e-12));
        double baseline = line[1];
        double z = (v - baseline) / sigma;
        double lambda = settings.lambda();
        ewma = lambda * Math.max(-CLIP, Math.min(CLIP, z)) + (1 - lambda) * ewma;
        double ewmaLimit = settings.ewmaLimit() * Math.sqrt(lambda / (2 - lambda));
        boolean bad = Math.abs(z) >= settings.threshold() || Math.abs(ewma) >= ewmaLimit;
        if (!bad) {
            if (openStart >= 0 && ++normalRun >= settings.quietSamples()) {
                openStart = -1;
            }
            return null;
        }
        normalRun = 0;
        if (openStart < 0) {
            openStart = t;
            anomalous = 0;
            peakZ = 0;
        }
        openLast = t;
        anomalous++;
        if (Math.abs(z) >= Math.abs(peakZ)) {
            peakZ = z;
            peakValue = v;
            peakBaseline = baseline;
            peakSigma = sigma;
        }
        return new Finding(Instant.ofEpochMilli(openStart), Instant.ofEpochMilli(openLast), peakValue, peakBaseline,
                peakZ, peakSigma, ewma, anomalous, anomalous >= SUSTAINED || Math.abs(peakZ) < settings.threshold());
    }

    /** {slope, value at x = 0} of Tukey's resistant line: medians of the outer thirds by x. */
    static double[] resistantLine(double[] x, double[] y, int n) {
        int third = Math.max(1, n / 3);
        double xl = Robust.median(x, third);
        double yl = Robust.median(y, third);
        double xr = Robust.median(Arrays.copyOfRange(x, n - third, n), third);
        double yr = Robust.median(Arrays.copyOfRange(y, n - third, n), third);
        double slope = xr == xl ? 0 : (yr - yl) / (xr - xl);
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            rest[i] = y[i] - slope * x[i];
        }
        return new double[] {slope, Robust.median(rest, n)};
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode v = o.putArray("values");
        ArrayNode t = o.putArray("times");
        for (int i = 0; i < size; i++) {
            v.add(values[i]);
            t.add(times[i]);
        }
        o.put("ewma", ewma);
        if (openStart >= 0) {
            o.putArray("open").add(openStart).add(openLast).add(peakValue).add(peakBaseline).add(peakZ)
                    .add(peakSigma).add(anomalous).add(normalRun);
        }
        return o;
    }

    static AnomalyDetector fromJson(JsonNode o, Settings.Anomaly settings) {
        AnomalyDetector d = new AnomalyDetector(settings);
        if (o == null) {
            return d;
        }
        JsonNode v = o.path("values");
        JsonNode t = o.path("times");
        int skip = Math.max(0, v.size() - settings.window());
        for (int i = skip; i < v.size() && i < t.size(); i++) {
            d.values[d.size] = v.get(i).asDouble();
            d.times[d.size++] = t.get(i).asLong();
        }
        d.ewma = o.path("ewma").asDouble();
        JsonNode open = o.get("open");
        if (open != null && open.size() == 8) {
            d.openStart = open.get(0).asLong();
            d.openLast = open.get(1).asLong();
            d.peakValue = open.get(2).asDouble();
            d.peakBaseline = open.get(3).asDouble();
            d.peakZ = open.get(4).asDouble();
            d.peakSigma = open.get(5).asDouble();
            d.anomalous = open.get(6).asInt();
            d.normalRun = open.get(7).asInt();
        }
        return d;
    }
}
