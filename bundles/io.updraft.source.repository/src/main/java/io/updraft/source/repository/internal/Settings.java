package io.updraft.source.repository.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.updraft.config.Units;

/** {@link RepositoryConfig} checked once; the rest of the bundle works with URIs, paths and durations. */
record Settings(String name, URI metadataUrl, URI targetsUrl, List<URI> targetsMirrors, Path trustRoot, Path cacheDir, Optional<Path> caFile,
        Duration connectTimeout, Duration readTimeout, long minBytesPerSecond, Duration metadataTimeout,
        MetadataCaps caps, UrlPolicy policy) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final String PID = RepositorySource.PID;

    static Settings of(RepositoryConfig config) {
        String name = config.name() == null ? "" : config.name().trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(PID + " name '" + name + "' must match " + NAME.pattern());
        }
        String where = PID + "-" + name + " ";
        UrlPolicy policy = new UrlPolicy(config.allowInsecureHttp());
        URI metadataUrl = baseUrl(where + "metadataUrl", config.metadataUrl(), policy);
        URI targetsUrl = baseUrl(where + "targetsUrl", config.targetsUrl(), policy);
        List<URI> mirrors = new ArrayList<>();
        String mirrorList = config.targetsMirrors() == null ? "" : config.targetsMirrors().trim();
        if (!mirrorList.isEmpty()) {
            for (String m : mirrorList.split(",")) {
                URI mirror = baseUrl(where + "targetsMirrors", m, policy);
                if (mirror.equals(targetsUrl) || mirrors.contains(mirror)) {
                    throw new IllegalArgumentException(where + "targetsMirrors lists '" + m.trim() + "' twice");
                }
                mirrors.add(mirror);
            }
        }
        String ca = config.caFile() == null ? "" : config.caFile().trim();
        return new Settings(name, metadataUrl, targetsUrl, List.copyOf(mirrors), absolute(where + "trustRoot", config.trustRoot()),
                absolute(where + "cacheDir", config.cacheDir()),
                ca.isEmpty() ? Optional.empty() : Optional.of(absolute(where + "caFile", ca)),
                seconds(where + "connectTimeoutSeconds", config.connectTimeoutSeconds()),
                seconds(where + "readTimeoutSeconds", config.readTimeoutSeconds()),
                positive(where + "minBytesPerSecond", config.minBytesPerSecond()),
                seconds(where + "metadataTimeoutSeconds", config.metadataTimeoutSeconds()),
                new MetadataCaps(positive(where + "maxRootBytes", config.maxRootBytes()),
                        positive(where + "maxTimestampBytes", config.maxTimestampBytes()),
                        positive(where + "maxSnapshotBytes", config.maxSnapshotBytes()),
                        positive(where + "maxTargetsBytes", config.maxTargetsBytes())),
                policy);
    }

    private static URI baseUrl(String what, String value, UrlPolicy policy) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " '" + value + "' must not be empty");
        }
        String text = value.trim();
        URI url;
        try {
            url = new URI(text.endsWith("/") ? text : text + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a valid URL: " + e.getReason(), e);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " '" + value + "' must not have a query or fragment");
        }
        policy.check(url, what);
        return url;
    }

    private static Path absolute(String what, String value) {
        return Units.absolutePath(value, what);
    }

    private static Duration seconds(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must be a positive number of seconds");
        }
        return Duration.ofSeconds(value);
    }

    private static long positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must be positive");
        }
        return value;
    }
}
