package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.updraft.install.ComponentInstaller;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Version;

/** Works out, for one component, which slot an install or a rollback leaves and which it goes to. */
final class Plans {
    private final Context ctx;

    Plans(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * The item installing {@code payload} into the inactive slot of its component.
     *
     * @throws InstallException {@code BAD_PACKAGE} when two catalogs declare the component, its declared install kind
     *         differs from the release's, or no installer handles the kind
     */
    Item update(Payload payload) throws InstallException {
        String name = payload.component();
        Plugins.Declared declared = ctx.plugins().declared(name, payload.installKind());
        if (!declared.spec().installer().equals(payload.installKind())) {
            throw new InstallException(Reason.BAD_PACKAGE, "component " + name + ": catalog '" + declared.catalog()
                    + "' declares install kind '" + declared.spec().installer() + "' but release " + payload.version()
                    + " is of install kind '" + payload.installKind() + "'");
        }
        ComponentInstaller installer = ctx.plugins().installer(payload.installKind());
        Path dir = ctx.layout().componentDir(name);
        Item probe = new Item(declared.spec(), declared.catalog(), installer, dir, "", null, "a", payload.version(),
                payload, "");
        String from = active(probe);
        Version fromVersion = from.isEmpty() ? null : slotJson(probe, from).map(StagedSlot::version)
                .orElseGet(() -> ctx.state().installed(name).map(InstalledComponent::version).orElse(null));
        return new Item(declared.spec(), declared.catalog(), installer, dir, from, fromVersion,
                from.isEmpty() ? "a" : Layout.other(from), payload.version(), payload, "");
    }

    /**
     * The item rolling {@code component} back to its other slot, or to a snapshot restored into that slot.
     *
     * @throws InstallException {@code UNKNOWN_COMPONENT} if it has no active slot or (without a snapshot) nothing
     *         in its other slot, {@code NO_SNAPSHOT} if the snapshot is not one of its, {@code VERIFY_FAILED} if
     *         the other slot no longer matches its description
     */
    Item manual(String component, String snapshotId) throws InstallException, IOException {
        Path dir = ctx.layout().componentDir(component);
        if (!Files.isDirectory(dir)) {
            throw new InstallException(Reason.UNKNOWN_COMPONENT, "component " + component + " has no slots on this device");
        }
        Optional<StagedSlot> a = SlotJson.read(ctx.layout().slotJson(component, "a"));
        Optional<StagedSlot> b = SlotJson.read(ctx.layout().slotJson(component, "b"));
        String kind = a.or(() -> b).map(StagedSlot::installKind).orElse(null);
        if (kind == null) {
            throw new InstallException(Reason.UNKNOWN_COMPONENT, "component " + component
                    + " has no described slot; nothing to roll back to");
        }
        Plugins.Declared declared = ctx.plugins().declared(component, kind);
        ComponentInstaller installer = ctx.plugins().installer(declared.spec().installer());
        Item probe = new Item(declared.spec(), declared.catalog(), installer, dir, "", null, "a", Version.of(0, 0, 0),
                null, "");
        String from = active(probe);
        if (from.isEmpty()) {
            throw new InstallException(Reason.UNKNOWN_COMPONENT, "component " + component + " has no active slot");
        }
        String to = Layout.other(from);
        Version fromVersion = slotJson(probe, from).map(StagedSlot::version).orElse(null);
        if (snapshotId != null && !snapshotId.isBlank()) {
            Snapshot s = ctx.snapshots().find(snapshotId).filter(x -> x.component().equals(component))
                    .orElseThrow(() -> new InstallException(Reason.NO_SNAPSHOT, "component " + component
                            + " has no snapshot '" + snapshotId + "'"));
            if (!s.installKind().equals(declared.spec().installer())) {
                throw new InstallException(Reason.BAD_PACKAGE, "snapshot " + s.id() + " holds install kind '"
                        + s.installKind() + "' but " + component + " is declared as '" + declared.spec().installer() + "'");
            }
            try {
                ctx.snapshots().verify(s);
            } catch (IOException e) {
                throw new InstallException(Reason.NO_SNAPSHOT, "snapshot " + s.id() + " cannot be read: " + e.getMessage(), e);
            }
            return new Item(declared.spec(), declared.catalog(), installer, dir, from, fromVersion, to, s.version(),
                    null, s.id());
        }
        StagedSlot target = slotJson(probe, to).orElseThrow(() -> new InstallException(Reason.UNKNOWN_COMPONENT,
                "component " + component + " has no other version to roll back to: slot " + to + " holds none"));
        if (fromVersion != null && target.version().compareTo(fromVersion) >= 0) {
            // After an automatic rollback the other slot holds the release that just failed its trial: going "back"
            // to it would install the broken version again.
            throw new InstallException(Reason.UNKNOWN_COMPONENT, "component " + component + " runs " + fromVersion
                    + " and its other slot " + to + " holds " + target.version() + ", which is not older (a release "
                    + "that did not pass its trial or was rolled back from); a rollback only goes back: choose one of "
                    + "its snapshots (ota:rollback " + component + " --snapshot ID) or install a release");
        }
        installer.verify(declared.spec(), target, probe.slot(to));
        return new Item(declared.spec(), declared.catalog(), installer, dir, from, fromVersion, to, target.version(),
                null, "");
    }

    private String active(Item probe) throws InstallException {
        try {
            return SlotPointer.active(probe.componentDir(), probe.slot("a"), probe.slot("b"));
        } catch (IOException e) {
            throw new InstallException(Reason.IO, "component " + probe.name() + ": " + e.getMessage(), e);
        }
    }

    private Optional<StagedSlot> slotJson(Item probe, String slot) throws InstallException {
        try {
            return SlotJson.read(probe.componentDir().resolve("slots").resolve(slot + ".json"));
        } catch (IOException e) {
            throw new InstallException(Reason.IO, e.getMessage(), e);
        }
    }
}
