package io.updraft.benchmarks.installer;

import java.nio.file.Files;
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
 * The Java side of {@code benchmarks/install-throughput.sh}:
 * <ul>
 * <li>{@code make DIR MANIFEST TOTAL_BYTES FILES MIN_BYTES MAX_BYTES SEED} writes a random tree and its payload
 * list;</li>
 * <li>{@code tree SRC MANIFEST COMPONENT_DIR COLD} stages that tree, as the verifier hands it over (files in a
 * directory plus their list with SHA-256 and modes), with the real {@code archive} installer into the empty slot
 * {@code b} of the component folder, then verifies the slot as the install flow does;</li>
 * <li>{@code archive FILE SHA256 MANIFEST COMPONENT_DIR COLD} does the same with a payload that is one tar archive
 * (e.g. {@code .tar.zst}).</li>
 * </ul>
 * Staging prints one line: seconds of {@code stage()}, seconds of the {@code verify()} that follows it (page cache
 * as staging left it), seconds of a second {@code verify()} after the page cache was dropped (when COLD is 1,
 * else {@code -}), and the slot's entry count. JVM start-up is outside the timings: the agent is long-running.
 */
public final class InstallTree {
    static final String COMPONENT = "bench";

    private InstallTree() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "make" -> make(args);
            case "tree" -> tree(args);
            case "archive" -> archive(args);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: InstallTree make DIR MANIFEST TOTAL_BYTES FILES MIN_BYTES MAX_BYTES SEED\n"
                + "       InstallTree tree SRC MANIFEST COMPONENT_DIR COLD(0|1)\n"
                + "       InstallTree archive FILE SHA256 MANIFEST COMPONENT_DIR COLD(0|1)");
        System.exit(2);
    }

    private static void make(String[] args) throws Exception {
        if (args.length != 8) {
            usage();
        }
        Path dir = Files.createDirectories(Path.of(args[1]));
        long[] sizes = TreeMaker.sizes(Long.parseLong(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                Long.parseLong(args[6]), Long.parseLong(args[7]));
        List<PayloadFile> files = TreeMaker.write(dir, sizes, Long.parseLong(args[7]));
        Manifest.write(Path.of(args[2]), files);
        long executables = files.stream().filter(f -> f.mode() == 0755).count();
        long dirs = files.stream().map(f -> f.path().substring(0, f.path().lastIndexOf('/'))).distinct().count();
        long largest = files.stream().mapToLong(PayloadFile::length).max().orElse(0);
        long smallest = files.stream().mapToLong(PayloadFile::length).min().orElse(0);
        long over1m = files.stream().filter(f -> f.length() >= 1 << 20).count();
        System.out.printf("%d files (%d of them >= 1 MiB, %d with mode 0755) in %d leaf directories, %d bytes,"
                + " sizes %d..%d bytes%n", files.size(), over1m, executables, dirs, Manifest.totalBytes(files),
                smallest, largest);
    }

    private static void tree(String[] args) throws Exception {
        if (args.length != 5) {
            usage();
        }
        Path src = Path.of(args[1]).toAbsolutePath();
        List<PayloadFile> files = Manifest.read(Path.of(args[2]));
        long total = Manifest.totalBytes(files);
        Payload payload = new Payload(COMPONENT, Version.parse("1.1.0"), ComponentSpec.ARCHIVE, src, files, total);
        run(payload, files, Path.of(args[3]), "1".equals(args[4]));
    }

    private static void archive(String[] args) throws Exception {
        if (args.length != 6) {
            usage();
        }
        Path file = Path.of(args[1]).toAbsolutePath();
        long size = Files.size(file);
        PayloadFile archive = new PayloadFile(file.getFileName().toString(), size, args[2], 0644);
        Payload payload = new Payload(COMPONENT, Version.parse("1.1.0"), ComponentSpec.ARCHIVE, file.getParent(),
                List.of(archive), size);
        run(payload, Manifest.read(Path.of(args[3])), Path.of(args[4]), "1".equals(args[5]));
    }

    private static void run(Payload payload, List<PayloadFile> expected, Path componentDir, boolean cold)
            throws Exception {
        ComponentSpec spec = ComponentSpec.plain(COMPONENT, ComponentSpec.ARCHIVE);
        ArchiveInstaller installer = new ArchiveInstaller();
        Path slot = installer.slot(spec, componentDir.toAbsolutePath(), "b");
        long start = System.nanoTime();
        StagedSlot staged = installer.stage(spec, payload, slot, InstallProgress.NONE);
        double stage = Timing.seconds(start);
        start = System.nanoTime();
        installer.verify(spec, staged, slot);
        double verify = Timing.seconds(start);
        String coldVerify = "-";
        if (cold) {
            Timing.dropCaches();
            start = System.nanoTime();
            installer.verify(spec, staged, slot);
            coldVerify = String.format("%.3f", Timing.seconds(start));
        }
        Manifest.requireSame(expected, staged);
        System.out.printf("%.3f %.3f %s %d%n", stage, verify, coldVerify, staged.entries().size());
    }
}
