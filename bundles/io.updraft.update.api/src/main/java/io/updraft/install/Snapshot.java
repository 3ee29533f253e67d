package io.updraft.install;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.updraft.update.Version;

/**
 * A compressed copy of a component taken before an update: its slot, configuration and data paths.
 *
 * @param id unique id, e.g. {@code hello-1.0.0-20261123T170102Z}
 * @param component the component
 * @param version the version the slot held
 * @param installKind the install kind of the slot's content
 * @param created when it was taken
 * @param bytes size of the snapshot file
 * @param sha256 SHA-256 of the snapshot file, checked before every restore
 * @param parts what it holds: {@code slot}, {@code config}, {@code data}
 */
public record Snapshot(String id, String component, Version version, String installKind, Instant created, long bytes,
        String sha256, List<String> parts) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installKind, "installKind");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(sha256, "sha256");
        parts = List.copyOf(parts);
    }
}
