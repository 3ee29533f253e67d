package io.updraft.install;

import java.util.List;
import java.util.Objects;

import io.updraft.update.Version;

/**
 * What a slot holds after staging: enough to check it again byte for byte, after a restart too.
 *
 * @param component the component
 * @param version the version staged
 * @param installKind the install kind that wrote it
 * @param entries every file, directory and link in the slot (for an image: one {@code image} entry), sorted by path
 */
public record StagedSlot(String component, Version version, String installKind, List<SlotFile> entries) {
    public StagedSlot {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installKind, "installKind");
        entries = List.copyOf(entries);
    }
}
