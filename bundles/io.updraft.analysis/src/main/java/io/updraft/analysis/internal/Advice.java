package io.updraft.analysis.internal;

import java.util.Locale;

/** What a field engineer can do about a finding on a metric, by what the metric measures. */
final class Advice {
    private Advice() {
    }

    static String forMetric(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.startsWith("updraft.metric.disk")) {
            return "Free space on the device (old downloads, logs, snapshots) or find what writes to it, e.g. with du on the data partition";
        }
        if (m.startsWith("updraft.metric.memory") || m.contains("heap") || m.contains("rssbytes")) {
            return "Look for a process whose memory keeps growing (telemetry process figures, top); a leak ends in the out-of-memory killer";
        }
        if (m.startsWith("updraft.health.thermal") || m.contains("celsius")) {
            return "Check cooling: fans, vents, dust, ambient temperature and the load that heats the device";
        }
        if (m.startsWith("updraft.health.power")) {
            return "Check the battery and charger: health, cycle count, charging current; plan a battery replacement if it keeps wearing";
        }
        if (m.startsWith("updraft.health.smart")) {
            return "Back up the device's data and plan a storage replacement: the drive reports wear or errors";
        }
        if (m.startsWith("updraft.metric.cpu") || m.startsWith("updraft.metric.process")) {
            return "Find the process behind the load (top, telemetry process figures) and what it was doing at that time";
        }
        return "Check what changed on the device at that time: an update, a configuration change, the load or the hardware";
    }

    /** A number with about four significant digits, without exponent for everyday magnitudes. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Rounds for evidence: enough digits to check the claim, not the noise of floating point. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 5 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
