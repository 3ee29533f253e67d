package io.updraft.benchmarks.installer;

import java.nio.file.Path;
import java.util.List;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallProgress;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.StagedSlot;
import io.updraft.installer.archive.internal.ArchiveInstaller;
import io.updraft.update.Version;

/**
 * Times a rollback without its service restart, the steps the installer takes after a failed trial: {@code current}
 * switched back to the old slot, the old slot's description read from {@code slots/a.json}, and the old slot verified
 * byte for byte by the {@code archive} installer. Usage: {@code RollbackTime SRC MANIFEST COMPONENT_DIR RUNS COLD}.
 * Slot {@code a} gets the tree (the old version, its description written as the installer writes it), slot
 * {@code b} a small new version that {@code current} points at before each run. Each run is timed with the page
 * cache as staging left it ({@code warm}: the old version was just running) and, when COLD is 1, again after the
 * page cache was dropped ({@code cold}). Prints per run and then the medians: switch, description read, verify and
 * total, in ms.
 */
public final class RollbackTime {
    private RollbackTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RollbackTime SRC MANIFEST COMPONENT_DIR RUNS COLD(0|1)");
            System.exit(2);
        }
        Path src = Path.of(args[0]).toAbsolutePath();
        List<PayloadFile> files = Manifest.read(Path.of(args[1]));
        Path componentDir = Path.of(args[2]).toAbsolutePath();
        int runs = Integer.parseInt(args[3]);
        boolean cold = "1".equals(args[4]);
        ComponentSpec spec = ComponentSpec.plain(InstallTree.COMPONENT, ComponentSpec.ARCHIVE);
        ArchiveInstaller installer = new ArchiveInstaller();
        InstallerInternals internals = InstallerInternals.load();
        System.out.println("switch code: " + internals.source());
        System.out.println("slot description: " + (internals.hasSlotJson()
                ? "slots/a.json through io.updraft.installer.internal.SlotJson" : "kept in memory (no SlotJson)"));
        Path slotA = installer.slot(spec, componentDir, "a");
        Path slotB = installer.slot(spec, componentDir, "b");
        Path json = componentDir.resolve("slots/a.json");
        StagedSlot old = installer.stage(spec, payload(src, files, "1.0.0"), slotA, InstallProgress.NONE);
        Manifest.requireSame(files, old);
        if (internals.hasSlotJson()) {
            internals.writeSlotJson(json, old);
        }
        List<PayloadFile> small = files.subList(0, Math.min(20, files.size()));
        installer.stage(spec, payload(src, small, "1.1.0"), slotB, InstallProgress.NONE);
        internals.point(componentDir, slotA);
        double[][] warm = new double[4][runs];
        double[][] coldMs = new double[4][runs];
        for (int r = 0; r < runs; r++) {
            internals.point(componentDir, slotB);
            once(spec, installer, internals, componentDir, slotA, json, old, warm, r);
            print("warm", r, warm);
            if (cold) {
                internals.point(componentDir, slotB);
                Timing.dropCaches();
                once(spec, installer, internals, componentDir, slotA, json, old, coldMs, r);
                print("cold", r, coldMs);
            }
        }
        System.out.printf("median warm %.3f %.3f %.3f %.3f%n", med(warm[0]), med(warm[1]), med(warm[2]), med(warm[3]));
        if (cold) {
            System.out.printf("median cold %.3f %.3f %.3f %.3f%n", med(coldMs[0]), med(coldMs[1]), med(coldMs[2]),
                    med(coldMs[3]));
        }
    }

    private static void once(ComponentSpec spec, ArchiveInstaller installer, InstallerInternals internals,
            Path componentDir, Path slotA, Path json, StagedSlot old, double[][] into, int r) throws Exception {
        long t0 = System.nanoTime();
        internals.point(componentDir, slotA);
        long t1 = System.nanoTime();
        StagedSlot described = internals.hasSlotJson() ? internals.readSlotJson(json) : old;
        long t2 = System.nanoTime();
        installer.verify(spec, described, slotA);
        long t3 = System.nanoTime();
        into[0][r] = Timing.millis(t0, t1);
        into[1][r] = Timing.millis(t1, t2);
        into[2][r] = Timing.millis(t2, t3);
        into[3][r] = Timing.millis(t0, t3);
    }

    private static Payload payload(Path src, List<PayloadFile> files, String version) {
        return new Payload(InstallTree.COMPONENT, Version.parse(version), ComponentSpec.ARCHIVE, src, files,
                Manifest.totalBytes(files));
    }

    private static void print(String kind, int r, double[][] ms) {
        System.out.printf("%s run %d: switch %.3f json %.3f verify %.3f total %.3f ms%n", kind, r + 1, ms[0][r],
                ms[1][r], ms[2][r], ms[3][r]);
    }

    private static double med(double[] values) {
        return Timing.quantile(values, 0.5);
    }
}
