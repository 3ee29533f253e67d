package io.updraft.install;

import java.util.Objects;

import io.updraft.update.Version;

/**
 * One component's move in an install or rollback.
 *
 * @param component the component
 * @param from the version active before; null if the component was not installed
 * @param to the version to be active after
 */
public record ComponentChange(String component, Version from, Version to) {
    public ComponentChange {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return component + " " + (from == null ? "(none)" : from) + " -> " + to;
    }
}
