package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceStatus;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/** The components with slots on this device as users see them; reads only. */
final class ComponentsView {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentsView.class);

    private final Context ctx;

    ComponentsView(Context ctx) {
        this.ctx = ctx;
    }

    /** A component's slots: its install kind, active slot and the versions its slot descriptions name. */
    record Slots(String kind, ComponentSpec spec, String active, Optional<StagedSlot> a, Optional<StagedSlot> b) {
        Optional<StagedSlot> json(String slot) {
            return "a".equals(slot) ? a : "b".equals(slot) ? b : Optional.empty();
        }
    }

    List<ComponentState> list() {
        List<ComponentState> out = new ArrayList<>();
        List<String> names;
        try {
            names = ctx.layout().componentNames();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", ctx.layout().components(), e.getMessage());
            return out;
        }
        for (String name : names) {
            try {
                Slots s = slots(name);
                Version active = s.json(s.active()).map(StagedSlot::version).orElse(null);
                Version inactive = s.active().isEmpty() ? null
                        : s.json(Layout.other(s.active())).map(StagedSlot::version).orElse(null);
                List<ServiceStatus> services;
                try {
                    services = ctx.services().status(s.spec());
                } catch (RuntimeException e) {
                    services = List.of();
                }
                List<Snapshot> snapshots;
                try {
                    snapshots = ctx.snapshots().list(name);
                } catch (RuntimeException e) {
                    snapshots = List.of();
                }
                out.add(new ComponentState(name, s.kind(), s.active(), active, inactive, services, snapshots));
            } catch (IOException e) {
                LOG.warn("Component {} cannot be read: {}", name, e.getMessage());
            }
        }
        return out;
    }

    Slots slots(String name) throws IOException {
        Path dir = ctx.layout().componentDir(name);
        Optional<StagedSlot> a = SlotJson.read(ctx.layout().slotJson(name, "a"));
        Optional<StagedSlot> b = SlotJson.read(ctx.layout().slotJson(name, "b"));
        String kind = a.or(() -> b).map(StagedSlot::installKind).orElse(ComponentSpec.ARCHIVE);
        ComponentSpec spec;
        try {
            spec = ctx.plugins().declared(name, kind).spec();
        } catch (InstallException e) {
            spec = ComponentSpec.plain(name, kind);
        }
        Optional<ComponentInstaller> installer = ctx.plugins().findInstaller(kind);
        String active;
        if (installer.isPresent()) {
            active = SlotPointer.active(dir, installer.get().slot(spec, dir, "a"), installer.get().slot(spec, dir, "b"));
        } else {
            // Without its installer the slot paths are unknown; the pointer's file name still tells a from b.
            active = SlotPointer.target(dir).map(t -> t.getFileName().toString())
                    .map(f -> f.equals("a") || f.startsWith("a.") ? "a" : f.equals("b") || f.startsWith("b.") ? "b" : "")
                    .orElse("");
        }
        return new Slots(kind, spec, active, a, b);
    }
}
