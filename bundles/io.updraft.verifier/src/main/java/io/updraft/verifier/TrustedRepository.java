package io.updraft.verifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verified view of a repository after a refresh: every target listed by a trusted role whose delegation
 * covers its path, in the order the TUF search visits roles (earlier wins for a path).
 *
 * @param repositoryId the local name the trust state is kept under
 * @param rootVersion version of the trusted root
 * @param timestampVersion version of the trusted timestamp
 * @param snapshotVersion version of the trusted snapshot
 * @param targetsVersion version of the trusted top-level targets
 * @param expires the earliest expiry among the trusted roles
 * @param consistentSnapshot whether targets are fetched under hash-prefixed names
 * @param targets the trusted targets
 */
public record TrustedRepository(String repositoryId, long rootVersion, long timestampVersion, long snapshotVersion,
        long targetsVersion, Instant expires, boolean consistentSnapshot, List<TargetInfo> targets) {
    public TrustedRepository {
        Objects.requireNonNull(repositoryId, "repositoryId");
        Objects.requireNonNull(expires, "expires");
        targets = List.copyOf(targets);
    }

    /** The trusted entry for a path, if any role listed it. */
    public Optional<TargetInfo> target(String path) {
        return targets.stream().filter(t -> t.path().equals(path)).findFirst();
    }

    /**
     * The path to fetch a target under: in a consistent-snapshot repository the file name is prefixed with one of
     * its hashes (SHA-256 when listed), otherwise the target path itself.
     */
    public String downloadPath(TargetInfo target) {
        if (!consistentSnapshot) {
            return target.path();
        }
        String hash = target.hashes().containsKey("sha256") ? target.hashes().get("sha256")
                : target.hashes().values().iterator().next();
        int slash = target.path().lastIndexOf('/');
        return target.path().substring(0, slash + 1) + hash + "." + target.path().substring(slash + 1);
    }
}
