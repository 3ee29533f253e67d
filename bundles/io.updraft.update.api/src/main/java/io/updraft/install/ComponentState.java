package io.updraft.install;

import java.util.List;
import java.util.Objects;

import io.updraft.update.Version;

/**
 * A component's slots as the install service sees them.
 *
 * @param name the component
 * @param installKind its install kind
 * @param activeSlot {@code a} or {@code b}; empty if the component has no active slot
 * @param activeVersion the version in the active slot; null if none
 * @param inactiveVersion the version still held in the other slot (the rollback target); null if none
 * @param services its services' states
 * @param snapshots its snapshots, newest first
 */
public record ComponentState(String name, String installKind, String activeSlot, Version activeVersion,
        Version inactiveVersion, List<ServiceStatus> services, List<Snapshot> snapshots) {
    public ComponentState {
        Objects.requireNonNull(name, "name");
        activeSlot = activeSlot == null ? "" : activeSlot;
        services = List.copyOf(services);
        snapshots = List.copyOf(snapshots);
    }
}
