package io.updraft.state.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import io.updraft.update.InstalledComponent;
import io.updraft.update.UpdateStatus;

/**
 * The content of {@code device.json}: installed components by name, the current status and the sequence number
 * the next transition gets. Immutable, so a failed write leaves the store's view untouched.
 */
record DeviceData(SortedMap<String, InstalledComponent> components, UpdateStatus status, long nextSequence) {

    DeviceData {
        components = Collections.unmodifiableSortedMap(new TreeMap<>(components));
        Objects.requireNonNull(status, "status");
        if (nextSequence < 1) {
            throw new IllegalArgumentException("next sequence must be at least 1: " + nextSequence);
        }
    }

    DeviceData with(InstalledComponent component) {
        SortedMap<String, InstalledComponent> copy = new TreeMap<>(components);
        copy.put(component.name(), component);
        return new DeviceData(copy, status, nextSequence);
    }

    DeviceData without(String name) {
        SortedMap<String, InstalledComponent> copy = new TreeMap<>(components);
        copy.remove(name);
        return new DeviceData(copy, status, nextSequence);
    }

    DeviceData with(UpdateStatus newStatus, long newNextSequence) {
        return new DeviceData(components, newStatus, newNextSequence);
    }

    static DeviceData fresh(UpdateStatus status) {
        return new DeviceData(new TreeMap<>(Map.of()), status, 1);
    }
}
