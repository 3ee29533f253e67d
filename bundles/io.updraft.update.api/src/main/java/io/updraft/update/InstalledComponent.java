package io.updraft.update;

import java.time.Instant;
import java.util.Objects;

/**
 * A component installed on the device at a version.
 *
 * @param name component name, see {@link Names#requireComponentName}
 * @param version installed version, never null
 * @param installedAt when this version was committed, never null
 */
public record InstalledComponent(String name, Version version, Instant installedAt) {
    public InstalledComponent {
        Names.requireComponentName(name);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}
