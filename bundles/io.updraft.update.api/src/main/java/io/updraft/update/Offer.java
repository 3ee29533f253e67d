package io.updraft.update;

import java.util.List;
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
 * @param mirrors other URLs of the same artifact, tried in this order when {@code artifact} fails; may be empty
 */
public record Offer(Release release, String source, String artifact, long length, Map<String, String> hashes,
        Map<String, String> requires, Map<String, String> conflicts, String install, List<String> mirrors) {

    /** An offer whose artifact has no mirror. */
    public Offer(Release release, String source, String artifact, long length, Map<String, String> hashes,
            Map<String, String> requires, Map<String, String> conflicts, String install) {
        this(release, source, artifact, length, hashes, requires, conflicts, install, List.of());
    }

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
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /** The artifact's URLs in the order to try them: {@link #artifact()} first, then the mirrors. */
    public List<String> artifactUrls() {
        List<String> all = new java.util.ArrayList<>(1 + mirrors.size());
        all.add(artifact);
        for (String m : mirrors) {
            if (!all.contains(m)) {
                all.add(m);
            }
        }
        return List.copyOf(all);
    }
}
