package io.updraft.logstore.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

import io.updraft.logstore.LogStore;
import io.updraft.config.Units;

/**
 * The store's configuration, checked: every bad value fails activation with a message naming it.
 *
 * @param telemetryDir {@code <home>/telemetry}, the root of the store
 */
record StoreSettings(Path telemetryDir, Compression compression, long segmentMaxBytes, Duration segmentMaxAge,
        Duration syncInterval, Retention retention, Priorities priorities, long maxTotalBytes, long minFreeBytes,
        int minFreePercent) {

    /** Below this the quota could not hold a few segments of the smallest useful size. */
    static final long MIN_QUOTA = 64 * 1024;
    static final long MIN_SEGMENT = 1024;
    static final int MAX_FREE_PERCENT = 50;
    /** The drops stream's size limit when no retention rule sets one. */
    static final long DROPS_SIZE = 256 * 1024;

    static StoreSettings of(LogStoreConfig c) {
        long segment = Units.size(c.segmentMaxSize(), "segmentMaxSize");
        if (segment < MIN_SEGMENT) {
            throw new IllegalArgumentException("segmentMaxSize '" + c.segmentMaxSize() + "' is below " + MIN_SEGMENT
                    + " bytes");
        }
        long quota = Units.size(c.maxTotalBytes(), "maxTotalBytes");
        if (quota < MIN_QUOTA) {
            throw new IllegalArgumentException("maxTotalBytes '" + c.maxTotalBytes() + "' is below " + MIN_QUOTA
                    + " bytes");
        }
        int minFreePercent = percent(c.minFreePercent());
        return new StoreSettings(home(c.home()).resolve("telemetry"), Compression.parse(c.compression()), segment,
                positive(c.segmentMaxAge(), "segmentMaxAge"), positive(c.syncInterval(), "syncInterval"),
                Retention.parse(c.retention()), Priorities.parse(c.priorities()), quota,
                Units.size(c.minFreeBytes(), "minFreeBytes"), minFreePercent);
    }

    private static int percent(String value) {
        int p;
        try {
            p = Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("minFreePercent '" + value + "' is not a whole number from 0 to "
                    + MAX_FREE_PERCENT, e);
        }
        if (p < 0 || p > MAX_FREE_PERCENT) {
            throw new IllegalArgumentException("minFreePercent '" + value + "' is out of range 0-" + MAX_FREE_PERCENT);
        }
        return p;
    }

    /**
     * A stream's retention limits. The drops stream always has a size limit, at most a sixteenth of the quota: it
     * outranks every other stream, so without one its notes would in time crowd out the data they are about.
     */
    Retention.Limits limits(String stream) {
        Retention.Limits l = retention.limits(stream);
        if (!LogStore.DROPS_STREAM.equals(stream)) {
            return l;
        }
        long size = Math.min(l.size() > 0 ? l.size() : DROPS_SIZE, Math.max(4 * MIN_SEGMENT, maxTotalBytes / 16));
        return new Retention.Limits(l.age(), size, l.count());
    }

    /** The largest payload an append takes: a fraction of the quota, so one record never crowds out the rest. */
    int maxRecordBytes() {
        return (int) Math.min(RecordFormat.MAX_PAYLOAD, maxTotalBytes / 8 - RecordFormat.OVERHEAD);
    }

    /**
     * The size at which a stream's segment is sealed: small enough that retention and the quota drop data in
     * steps of at most a quarter of the stream's size limit and an eighth of the quota.
     */
    long segmentBytes(Retention.Limits limits) {
        long bytes = Math.min(segmentMaxBytes, maxTotalBytes / 8);
        return limits.size() > 0 ? Math.max(MIN_SEGMENT, Math.min(bytes, limits.size() / 4)) : bytes;
    }

    private static Duration positive(String value, String setting) {
        Duration d = Units.duration(value, setting);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(setting + " '" + value + "' must be positive");
        }
        return d;
    }

    static Path home(String home) {
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("home '" + home + "' is empty: set an absolute directory");
        }
        try {
            // A .cfg keeps blanks at the end of a value; no one means them as part of a directory name.
            Path p = Path.of(home.strip());
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("home '" + home + "' is not an absolute path");
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("home '" + home + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
