package io.updraft.update;

import java.util.Map;
import java.util.Objects;

/**
 * A release an update source offers, with what is needed to fetch and check its artifact.
 *
 * @param release the release
 * @param source the name of the source that offered it
 * @param artifact the artifact's path or URL as the source resolves it
 * @param length the artifact's exact length in bytes, as signed
 * @param hashes algorithm (e.g. {@code sha256}) to lower-case hex, as signed; never empty
 * @param requires component name to version range that must be installed with it
 * @param conflicts component name to version range that must not be installed with it
 * @param install how the installer applies it, e.g. {@code archive} or {@code image}
 */
public record Offer(Release release, String source, String artifact, long length, Map<String, String> hashes,
        Map<String, String> requires, Map<String, String> conflicts, String install) {
    public Offer {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(install, "install");
        if (length < 0) {
            throw new IllegalArgumentException("offer of " + release.component() + " has negative length " + length);
        }
        if (hashes == null || hashes.isEmpty()) {
            throw new IllegalArgumentException("offer of " + release.component() + " " + release.version() + " has no hashes");
        }
        hashes = Map.copyOf(hashes);
        requires = requires == null ? Map.of() : Map.copyOf(requires);
        conflicts = conflicts == null ? Map.of() : Map.copyOf(conflicts);
    }
}
