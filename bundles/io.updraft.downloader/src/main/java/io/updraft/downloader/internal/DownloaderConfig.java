package io.updraft.downloader.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft downloader",
        description = "Where artifacts are downloaded to, how fast, how long to keep trying and what to do on metered or poor networks")
public @interface DownloaderConfig {

    @AttributeDefinition(description = "Root of Updraft's files (absolute); artifacts go to its downloads/ folder")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "Bandwidth limit for all downloads together, bytes per second; 0: none. "
            + "Running downloads pick up a change within a second")
    long rateLimit() default 0;

    @AttributeDefinition(description = "On a metered link (cellular, tethering): allow (as on any link), throttle "
            + "(to meteredRateLimit) or defer (wait for an unmetered link, up to giveUpAfter)")
    String meteredPolicy() default "allow";

    @AttributeDefinition(description = "Bandwidth limit on a metered link when meteredPolicy is throttle, bytes per second")
    long meteredRateLimit() default 64 * 1024;

    @AttributeDefinition(description = "Bytes received between two checkpoints (data synced, offset saved). Bounds "
            + "only what is fetched again after a power cut or crash: a cut connection or a stop goes on from the "
            + "exact byte, and a restart hashes the kept data again from disk")
    long checkpointBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Time to wait for a connection, ISO-8601 duration")
    String connectTimeout() default "PT15S";

    @AttributeDefinition(description = "Time without a single byte (headers or body) after which an attempt is "
            + "abandoned, ISO-8601 duration")
    String readTimeout() default "PT30S";

    @AttributeDefinition(description = "Slowest average rate accepted over each minRateWindow, bytes per second; "
            + "guards against servers that trickle data. 0: no minimum")
    long minBytesPerSecond() default 1024;

    @AttributeDefinition(description = "Window over which minBytesPerSecond is measured, ISO-8601 duration")
    String minRateWindow() default "PT1M";

    @AttributeDefinition(description = "Delay before the first retry, doubled per failure in a row (with full "
            + "jitter) up to maxRetryDelay; ISO-8601 duration")
    String retryDelay() default "PT1S";

    @AttributeDefinition(description = "Longest delay between two attempts, ISO-8601 duration")
    String maxRetryDelay() default "PT5M";

    @AttributeDefinition(description = "How long one download keeps retrying without progress before it fails as "
            + "unreachable: counted from the last attempt that took the data further than it had been, so a long "
            + "download that keeps getting further is never given up; time without a (suitable) network is not "
            + "counted. Bytes fetched again after starting over are progress only past that point, unless the "
            + "server's copy changed (new ETag or Last-Modified): then, once per download call, the new copy is "
            + "progress from its first byte. Also how long, added up since the last progress, it waits without a "
            + "network, and with only a metered one when meteredPolicy is defer, before it fails as offline. "
            + "ISO-8601 duration")
    String giveUpAfter() default "P1D";

    @AttributeDefinition(description = "Free space that must remain in the downloads folder besides the rest of "
            + "the artifact, bytes")
    long reserveBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Cut or too slow attempts in a row after which the rate cap is halved")
    int poorLinkAttempts() default 3;

    @AttributeDefinition(description = "Lowest rate cap the poor-link adaptation sets, bytes per second")
    long minAdaptiveRate() default 16 * 1024;

    @AttributeDefinition(description = "Clean transfer time after which a lowered rate cap is doubled again, "
            + "ISO-8601 duration")
    String adaptiveRestoreAfter() default "PT1M";

    @AttributeDefinition(description = "Time between network checks while waiting for a (suitable) network, "
            + "ISO-8601 duration")
    String networkCheckInterval() default "PT5S";

    @AttributeDefinition(required = false, description = "PEM file of the CA certificates to trust for HTTPS "
            + "instead of the JVM's trust store; empty: the JVM's trust store")
    String caFile() default "";

    @AttributeDefinition(description = "Allow plain http:// to hosts other than 127.0.0.1, localhost and ::1. "
            + "For lab networks only: anyone on the path can then see, withhold or delay downloads")
    boolean allowInsecureHttp() default false;
}
