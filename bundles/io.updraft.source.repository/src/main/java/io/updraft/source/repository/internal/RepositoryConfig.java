package io.updraft.source.repository.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft repository source",
        description = "A signed static TUF repository served over HTTP(S), offered as an update source")
public @interface RepositoryConfig {

    @AttributeDefinition(description = "Source name, e.g. production; also names the repository's trust state")
    String name();

    @AttributeDefinition(description = "Base URL of the metadata directory, e.g. https://updates.example.com/metadata/")
    String metadataUrl();

    @AttributeDefinition(description = "Base URL of the targets directory, e.g. https://updates.example.com/targets/")
    String targetsUrl();

    @AttributeDefinition(required = false, description = "Base URLs of mirrors of the targets directory, "
            + "comma-separated, tried in this order when targetsUrl fails to deliver an artifact; empty: none")
    String targetsMirrors() default "";

    @AttributeDefinition(description = "Absolute path of the root.json pinned on first use")
    String trustRoot();

    @AttributeDefinition(description = "Absolute path of the directory that caches metadata between checks")
    String cacheDir();

    @AttributeDefinition(required = false, description = "PEM file of the CA certificates to trust for HTTPS "
            + "instead of the JVM's trust store; empty: the JVM's trust store")
    String caFile() default "";

    @AttributeDefinition(description = "Seconds to wait for a connection")
    int connectTimeoutSeconds() default 15;

    @AttributeDefinition(description = "Seconds without a single byte (headers or body) after which a transfer is "
            + "abandoned")
    int readTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Slowest average transfer rate accepted once readTimeoutSeconds have passed, "
            + "in bytes per second; guards against servers that trickle data")
    long minBytesPerSecond() default 2048;

    @AttributeDefinition(description = "Seconds one metadata file may take at most")
    int metadataTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Largest root metadata file accepted, in bytes")
    long maxRootBytes() default 512 * 1024;

    @AttributeDefinition(description = "Largest timestamp metadata file accepted, in bytes")
    long maxTimestampBytes() default 16 * 1024;

    @AttributeDefinition(description = "Largest snapshot metadata file accepted, in bytes")
    long maxSnapshotBytes() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Largest targets or delegated targets metadata file accepted, in bytes")
    long maxTargetsBytes() default 32 * 1024 * 1024;

    @AttributeDefinition(description = "Allow plain http:// to hosts other than 127.0.0.1, localhost and ::1. "
            + "For lab networks only: anyone on the path can then withhold or delay updates")
    boolean allowInsecureHttp() default false;
}
