package io.updraft.logstore.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code io.updraft.logstore}, shared by the store and its log appender. Durations as {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d} or ISO-8601; sizes as bytes or with {@code KiB}, {@code MiB},
 * {@code GiB}. Retention and priorities syntax: {@link Retention}, {@link Priorities}. Every value is text, numbers
 * included: Karaf's {@code .cfg} files hand every value over as a string (trailing blanks and all), and a typed
 * number would fail activation on them.
 */
@ObjectClassDefinition(name = "Updraft log store",
        description = "Where telemetry events and the runtime's log are kept, how segments rotate and compress, and how much is kept.")
public @interface LogStoreConfig {
    @AttributeDefinition(name = "Home", description = "The Updraft home directory; segments live in telemetry/segments/<stream>/. Absolute path.")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(name = "Compression", description = "How sealed segments are compressed: zstd, gzip or none.")
    String compression() default "zstd";

    @AttributeDefinition(name = "Segment size", description = "A segment is sealed before it grows past this.")
    String segmentMaxSize() default "1MiB";

    @AttributeDefinition(name = "Segment age", description = "A segment is sealed once it has been written to for this long.")
    String segmentMaxAge() default "1h";

    @AttributeDefinition(name = "Sync interval", description = "How often appended records are made durable (fsync); a power cut loses at most this much.")
    String syncInterval() default "5s";

    @AttributeDefinition(name = "Retention", description = "Per stream pattern: age, size and count limits, as 'pattern: age=30d, size=16MiB, count=100000' separated by ';'.")
    String[] retention() default {"store.drops: age=30d, size=256KiB; telemetry.performance: age=7d; "
            + "telemetry.*: age=30d, size=16MiB; log: age=14d, size=8MiB, count=200000"};

    @AttributeDefinition(name = "Priorities", description = "Per stream pattern, 0-100: when over quota or short of disk space the lowest priority is dropped first.")
    String[] priorities() default {"telemetry.crash=90, telemetry.ota=80, log=50, telemetry.diagnostics=40, "
            + "telemetry.performance=20, telemetry.usage=10, telemetry.location=10, *=30"};

    @AttributeDefinition(name = "Quota", description = "The most the store keeps on disk in all.")
    String maxTotalBytes() default "64MiB";

    @AttributeDefinition(name = "Minimum free bytes", description = "The store drops data rather than leave less free space on its file system.")
    String minFreeBytes() default "32MiB";

    @AttributeDefinition(name = "Minimum free percent", description = "The store drops data rather than leave less of its file system free (0-50).")
    String minFreePercent() default "5";

    @AttributeDefinition(name = "Log level", description = "The lowest level of the runtime's own log events kept in stream 'log': ERROR, WARN, INFO, DEBUG or TRACE.")
    String logLevel() default "INFO";
}
