package io.updraft.installer.image.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.StagedSlot;

/**
 * Staging images into slot b of a component folder on a 2 MiB file system while slot a holds the running image.
 * Runs in the test's JVM when it may mount, otherwise in a child JVM under {@code unshare -rm}.
 */
public final class NoSpaceScenario {
    private NoSpaceScenario() {
    }

    /** {@code args}: the small file system, a work folder elsewhere. */
    public static void main(String[] args) throws Exception {
        try {
            run(Path.of(args[0]), Path.of(args[1]));
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(Path smallFs, Path work) throws Exception {
        ImageInstaller installer = new ImageInstaller();
        ComponentSpec spec = Images.spec();
        Path componentDir = Files.createDirectories(smallFs.resolve("components/system"));
        Path slotA = installer.slot(spec, componentDir, "a");
        Path slotB = installer.slot(spec, componentDir, "b");
        StagedSlot running = installer.stage(spec, Images.payload(work.resolve("v1"), "system.img",
                Images.random(500_000, 1)), slotA, (d, t) -> { });

        Payload raw = Images.payload(work.resolve("raw"), "system.img", Images.random(3 << 20, 2));
        expectNoSpace(installer, spec, raw, slotB, "bytes free");
        Payload packed = Images.payload(work.resolve("packed"), "system.img.zst", new byte[3 << 20]);
        expectNoSpace(installer, spec, packed, slotB, "while writing 'system.img.zst'");

        try (var left = Files.list(slotB.getParent())) {
            if (left.count() != 1) {
                throw new AssertionError("left behind next to slot a: " + Files.list(slotB.getParent()).toList());
            }
        }
        installer.verify(spec, running, slotA);
    }

    private static void expectNoSpace(ImageInstaller installer, ComponentSpec spec, Payload payload, Path slot,
            String says) throws Exception {
        try {
            installer.stage(spec, payload, slot, (d, t) -> { });
            throw new AssertionError("staged " + payload.files() + " into a full file system");
        } catch (InstallException e) {
            if (e.reason() != Reason.NO_SPACE || !e.getMessage().contains("slot " + slot) || !e.getMessage().contains(says)) {
                throw new AssertionError("expected NO_SPACE naming " + slot + " and '" + says + "': " + e.reason() + " "
                        + e.getMessage(), e);
            }
        }
    }
}
