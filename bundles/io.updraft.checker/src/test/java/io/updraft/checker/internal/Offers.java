package io.updraft.checker.internal;

import java.util.Map;
import java.util.Set;

import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

/** Offers for tests, built step by step. */
final class Offers {
    private final String component;
    private final String version;
    private Set<String> products = Set.of();
    private Set<String> hardware = Set.of();
    private String deltaBase;
    private Map<String, String> requires = Map.of();
    private Map<String, String> conflicts = Map.of();
    private String source = "production";

    private Offers(String component, String version) {
        this.component = component;
        this.version = version;
    }

    static Offers of(String component, String version) {
        return new Offers(component, version);
    }

    Offers products(String... p) {
        products = Set.of(p);
        return this;
    }

    Offers hardware(String... h) {
        hardware = Set.of(h);
        return this;
    }

    Offers deltaFrom(String base) {
        deltaBase = base;
        return this;
    }

    Offers requires(String name, String range) {
        requires = Map.of(name, range);
        return this;
    }

    Offers conflicts(String name, String range) {
        conflicts = Map.of(name, range);
        return this;
    }

    Offers from(String sourceName) {
        source = sourceName;
        return this;
    }

    Offer build() {
        Release r = new Release(component, Version.parse(version), products, hardware,
                deltaBase == null ? Release.Kind.FULL : Release.Kind.DELTA,
                deltaBase == null ? null : Version.parse(deltaBase));
        return new Offer(r, source, component + "/" + component + "-" + version + (deltaBase == null ? "" : "-from-" + deltaBase)
                + ".updraft", 1000 + version.length(), Map.of("sha256", "0".repeat(64)), requires, conflicts, "archive");
    }
}
