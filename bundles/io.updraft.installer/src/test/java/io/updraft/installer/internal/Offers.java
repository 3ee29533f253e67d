package io.updraft.installer.internal;

import java.util.Map;
import java.util.Set;

import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

final class Offers {
    private Offers() {
    }

    /** An offer of a full archive release from the source {@code repo-of-<component>}. */
    static Offer offer(String component, String version) {
        return new Offer(new Release(component, Version.parse(version), Set.of(), Set.of(), Release.Kind.FULL, null),
                "repo-of-" + component, component + "/" + component + "-" + version + ".updraft", 100,
                Map.of("sha256", "0".repeat(64)), Map.of(), Map.of(), "archive");
    }
}
