package io.updraft.installer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.updraft.install.ComponentCatalog;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** The installers, health checks and catalogs bound now; they come and go at any time. */
final class Plugins {
    private final ConcurrentMap<String, ComponentInstaller> installers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, HealthCheck> checks = new ConcurrentHashMap<>();
    private final List<ComponentCatalog> catalogs = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A component's declaration and the catalog it came from ({@code ""} for a plain spec nobody declared). */
    record Declared(ComponentSpec spec, String catalog) {
    }

    void add(ComponentInstaller i) {
        installers.put(i.kind(), i);
        changed();
    }

    void remove(ComponentInstaller i) {
        installers.remove(i.kind(), i);
    }

    void add(HealthCheck c) {
        checks.put(c.type(), c);
        changed();
    }

    void remove(HealthCheck c) {
        checks.remove(c.type(), c);
    }

    void add(ComponentCatalog c) {
        catalogs.add(c);
        changed();
    }

    void remove(ComponentCatalog c) {
        catalogs.remove(c);
    }

    /** Runs {@code r} (on the binding thread) whenever a plugin is added. */
    void onAdd(Runnable r) {
        listeners.add(r);
    }

    /** @throws InstallException {@code BAD_PACKAGE} naming the kind when no installer handles it */
    ComponentInstaller installer(String kind) throws InstallException {
        ComponentInstaller i = installers.get(kind);
        if (i == null) {
            throw new InstallException(Reason.BAD_PACKAGE, "no installer for install kind '" + kind
                    + "' is available (available: " + new TreeSet<>(installers.keySet()) + ")");
        }
        return i;
    }

    Optional<ComponentInstaller> findInstaller(String kind) {
        return Optional.ofNullable(installers.get(kind));
    }

    Optional<HealthCheck> check(String type) {
        return Optional.ofNullable(checks.get(type));
    }

    /**
     * The declaration of {@code component}: from the one catalog that declares it, else a plain spec of
     * {@code installKind}.
     *
     * @throws InstallException {@code BAD_PACKAGE} naming the catalogs when more than one declares it
     */
    Declared declared(String component, String installKind) throws InstallException {
        List<String> names = new ArrayList<>();
        ComponentSpec found = null;
        for (ComponentCatalog c : catalogs) {
            for (ComponentSpec s : c.components()) {
                if (s.name().equals(component)) {
                    names.add(c.catalogName());
                    found = s;
                }
            }
        }
        if (names.size() > 1) {
            throw new InstallException(Reason.BAD_PACKAGE, "component " + component + " is declared by "
                    + names.size() + " catalogs: " + String.join(" and ", names) + "; remove all but one");
        }
        return found == null ? new Declared(ComponentSpec.plain(component, installKind), "")
                : new Declared(found, names.get(0));
    }

    /** Whether every named install kind and catalog is bound. */
    boolean has(Set<String> kinds, Set<String> catalogNames) {
        if (!installers.keySet().containsAll(kinds)) {
            return false;
        }
        Set<String> bound = new TreeSet<>();
        catalogs.forEach(c -> bound.add(c.catalogName()));
        return bound.containsAll(catalogNames);
    }

    /** Waits up to {@code max} for {@link #has}; returns whether it came true. */
    boolean await(Set<String> kinds, Set<String> catalogNames, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (this) {
            while (!has(kinds, catalogNames)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void changed() {
        synchronized (this) {
            notifyAll();
        }
        listeners.forEach(Runnable::run);
    }
}
