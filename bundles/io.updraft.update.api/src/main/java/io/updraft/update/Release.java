package io.updraft.update;

import java.util.Objects;
import java.util.Set;

/**
 * A release of one component that an update source offers.
 *
 * @param component component name
 * @param version the release's version
 * @param products product types it is made for; empty means any
 * @param hardware hardware revisions it is made for; empty means any
 * @param kind whether the artifact is the whole component or a delta
 * @param deltaBase for a delta, the version it applies to; null for a full release
 */
public record Release(String component, Version version, Set<String> products, Set<String> hardware, Kind kind,
        Version deltaBase) {

    /** How a release's artifact is applied. */
    public enum Kind { FULL, DELTA }

    public Release {
        Names.requireComponentName(component);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        products = products == null ? Set.of() : Set.copyOf(products);
        hardware = hardware == null ? Set.of() : Set.copyOf(hardware);
        if ((kind == Kind.DELTA) != (deltaBase != null)) {
            throw new IllegalArgumentException("release " + component + " " + version
                    + ": a delta needs a base version and a full release must not have one");
        }
    }

    /** Whether this release is made for the given product type and hardware revision. */
    public boolean fits(String product, String hardwareRevision) {
        return (products.isEmpty() || products.contains(product))
                && (hardware.isEmpty() || hardware.contains(hardwareRevision));
    }
}
