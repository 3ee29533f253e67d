package io.updraft.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.updraft.update.Version;

/**
 * The verified payload of a package, extracted to a private directory: every file's bytes were checked against the
 * signed manifest before this exists.
 *
 * @param component the component it is a release of
 * @param version the release's version
 * @param installKind the install kind the release declares
 * @param directory where the payload files are
 * @param files every payload file, as the signed manifest lists them
 * @param packageBytes the size of the package file it came from (for expansion-ratio checks)
 */
public record Payload(String component, Version version, String installKind, Path directory, List<PayloadFile> files,
        long packageBytes) {
    public Payload {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installKind, "installKind");
        Objects.requireNonNull(directory, "directory");
        files = List.copyOf(files);
    }

    /** The sum of all payload file lengths. */
    public long totalBytes() {
        return files.stream().mapToLong(PayloadFile::length).sum();
    }
}
