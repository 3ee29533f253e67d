package io.updraft.logstore.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

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
        if (c.minFreePercent() < 0 || c.minFreePercent() > MAX_FREE_PERCENT) {
            throw new IllegalArgumentException("minFreePercent " + c.minFreePercent() + " is out of range 0-"
                    + MAX_FREE_PERCENT);
        }
        return new StoreSettings(home(c.home()).resolve("telemetry"), Compression.parse(c.compression()), segment,
                positive(c.segmentMaxAge(), "segmentMaxAge"), positive(c.syncInterval(), "syncInterval"),
                Retention.parse(c.retention()), Priorities.parse(c.priorities()), quota,
                Units.size(c.minFreeBytes(), "minFreeBytes"), c.minFreePercent());
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
