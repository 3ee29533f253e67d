package io.updraft.verifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A package whose signature, manifest and every payload byte were checked.
 *
 * @param manifest its manifest
 * @param signedBy the key ids whose valid signatures met the threshold
 * @param payload the directory holding the checked payload files, or null if only checking was asked for
 */
public record VerifiedPackage(PackageManifest manifest, List<String> signedBy, Path payload) {
    public VerifiedPackage {
        Objects.requireNonNull(manifest, "manifest");
        signedBy = List.copyOf(signedBy);
    }
}
