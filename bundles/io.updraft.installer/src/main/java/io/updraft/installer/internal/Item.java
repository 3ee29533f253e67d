package io.updraft.installer.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.updraft.install.ComponentChange;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.Payload;
import io.updraft.update.Version;

/**
 * One component's part in an install or rollback: which slot it leaves and which it goes to.
 *
 * @param spec its declaration
 * @param catalog the catalog that declared it; empty for a plain spec
 * @param installer the installer of its install kind
 * @param componentDir {@code components/<name>}
 * @param fromSlot the slot active before ({@code a}, {@code b}); empty if it had none
 * @param fromVersion the version active before; null if none
 * @param toSlot the slot that becomes active
 * @param toVersion the version that becomes active
 * @param payload what is staged into {@code toSlot}; null when the slot already holds it or a snapshot does
 * @param snapshotSource the snapshot restored into {@code toSlot}; empty for none
 */
record Item(ComponentSpec spec, String catalog, ComponentInstaller installer, Path componentDir, String fromSlot,
        Version fromVersion, String toSlot, Version toVersion, Payload payload, String snapshotSource) {

    Item {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(installer, "installer");
        catalog = catalog == null ? "" : catalog;
        fromSlot = fromSlot == null ? "" : fromSlot;
        snapshotSource = snapshotSource == null ? "" : snapshotSource;
        Objects.requireNonNull(toVersion, "toVersion");
    }

    String name() {
        return spec.name();
    }

    Path slot(String x) {
        return installer.slot(spec, componentDir, x);
    }

    Path toPath() {
        return slot(toSlot);
    }

    /** The previously active slot; only when {@link #fromSlot} is set. */
    Path fromPath() {
        return slot(fromSlot);
    }

    boolean hadActive() {
        return !fromSlot.isEmpty();
    }

    ComponentChange change() {
        return new ComponentChange(name(), fromVersion, toVersion);
    }

    /** What a restarted runtime needs to find the item again, as one journal value. */
    String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", spec.installer());
        m.put("catalog", catalog);
        m.put("from", fromSlot);
        m.put("fromVersion", fromVersion == null ? "" : fromVersion.toString());
        m.put("to", toSlot);
        m.put("version", toVersion.toString());
        m.put("snapshot", snapshotSource);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** The fields {@link #encode} wrote. */
    static Map<String, String> decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }
}
