package io.updraft.downloader.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.updraft.config.Units;

/**
 * {@link DownloaderConfig} checked once: every bad value is refused naming the attribute and the value.
 *
 * @param downloads the downloads folder, {@code <home>/downloads}
 */
record Settings(Path downloads, long rateLimit, MeteredPolicy meteredPolicy, long meteredRateLimit,
        long checkpointBytes, Duration connectTimeout, Duration readTimeout, long minBytesPerSecond,
        Duration minRateWindow, Duration retryDelay, Duration maxRetryDelay, Duration giveUpAfter, long reserveBytes,
        int poorLinkAttempts, long minAdaptiveRate, Duration adaptiveRestoreAfter, Duration networkCheckInterval,
        Optional<Path> caFile, UrlPolicy urlPolicy) {

    static final String PID = "io.updraft.downloader";
    /** Below this a checkpoint (two fsyncs) would cost more than the data it saves. */
    static final long MIN_CHECKPOINT_BYTES = 64 * 1024;

    Settings {
        if (retryDelay.compareTo(maxRetryDelay) > 0) {
            throw new IllegalArgumentException(PID + " retryDelay " + retryDelay + " is longer than maxRetryDelay "
                    + maxRetryDelay);
        }
    }

    static Settings of(DownloaderConfig c) {
        String ca = c.caFile() == null ? "" : c.caFile().strip();
        return new Settings(absolute("home", c.home()).resolve("downloads"),
                atLeast("rateLimit", c.rateLimit(), 0),
                MeteredPolicy.parse(c.meteredPolicy()),
                atLeast("meteredRateLimit", c.meteredRateLimit(), 1),
                atLeast("checkpointBytes", c.checkpointBytes(), MIN_CHECKPOINT_BYTES),
                positive("connectTimeout", c.connectTimeout()),
                positive("readTimeout", c.readTimeout()),
                atLeast("minBytesPerSecond", c.minBytesPerSecond(), 0),
                positive("minRateWindow", c.minRateWindow()),
                positive("retryDelay", c.retryDelay()),
                positive("maxRetryDelay", c.maxRetryDelay()),
                positive("giveUpAfter", c.giveUpAfter()),
                atLeast("reserveBytes", c.reserveBytes(), 0),
                (int) atLeast("poorLinkAttempts", c.poorLinkAttempts(), 1),
                atLeast("minAdaptiveRate", c.minAdaptiveRate(), 1024),
                positive("adaptiveRestoreAfter", c.adaptiveRestoreAfter()),
                positive("networkCheckInterval", c.networkCheckInterval()),
                ca.isEmpty() ? Optional.empty() : Optional.of(absolute("caFile", ca)),
                new UrlPolicy(c.allowInsecureHttp()));
    }

    private static Path absolute(String attribute, String value) {
        return Units.absolutePath(value, PID + " " + attribute);
    }

    private static long atLeast(String attribute, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(PID + " " + attribute + " " + value + " is below the minimum " + min);
        }
        return value;
    }

    private static Duration positive(String attribute, String text) {
        if (text == null) {
            throw new IllegalArgumentException(PID + " " + attribute + " is missing");
        }
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(PID + " " + attribute + " '" + text
                    + "' is not an ISO-8601 duration such as PT30S or P1D", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(PID + " " + attribute + " '" + text + "' must be positive");
        }
        return d;
    }
}
