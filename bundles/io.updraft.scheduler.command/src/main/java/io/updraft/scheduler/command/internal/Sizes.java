package io.updraft.scheduler.command.internal;

import java.util.Locale;

/** Byte counts and rates for people; the same units as the other ota: commands. */
final class Sizes {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** {@code 512 B}, {@code 1.5 MiB}: binary units, one decimal. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 1.2 MiB/s}; {@code -} when nothing is moving. */
    static String rate(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? "-" : human(bytesPerSecond) + "/s";
    }
}
