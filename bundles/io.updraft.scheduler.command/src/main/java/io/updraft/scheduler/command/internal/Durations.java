package io.updraft.scheduler.command.internal;

import java.time.Duration;
import java.util.Locale;

/** Remaining times for people: two units at most, as a glance at a progress line needs. */
final class Durations {
    private Durations() {
    }

    /** {@code 45s}, {@code 3m 05s}, {@code 2h 03m}, {@code 1d 04h}; {@code -} when unknown. */
    static String human(Duration d) {
        if (d == null || d.isNegative()) {
            return "-";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
