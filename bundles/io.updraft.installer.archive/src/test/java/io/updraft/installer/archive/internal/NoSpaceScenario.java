package io.updraft.installer.archive.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.Payload;
import io.updraft.install.StagedSlot;

/**
 * Staging into slot b on a nearly full 2 MiB file system while slot a holds the running version. Runs in the test's
 * JVM when it may mount, otherwise in a child JVM inside its own user and mount namespace ({@code unshare -rm}).
 */
public final class NoSpaceScenario {
    private NoSpaceScenario() {
    }

    /** {@code args}: scenario ({@code tree} or {@code archive}), the small file system, a work folder elsewhere. */
    public static void main(String[] args) throws Exception {
        try {
            run(args[0], Path.of(args[1]), Path.of(args[2]));
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void run(String scenario, Path smallFs, Path work) throws Exception {
        Fixture fx = new Fixture(Files.createDirectories(work.resolve("old")));
        Path componentDir = Files.createDirectories(smallFs.resolve("components/robot"));
        ArchiveInstaller installer = new ArchiveInstaller();
        ComponentSpec spec = Fixture.spec(Map.of(ArchiveLimits.MAX_EXPANSION_RATIO, "100000"));
        Path slotA = installer.slot(spec, componentDir, "a");
        Path slotB = installer.slot(spec, componentDir, "b");
        StagedSlot running = installer.stage(spec, fx.treePayload(Map.of("bin/run", random(300_000, 1)), Map.of()),
                slotA, (d, t) -> { });

        Fixture next = new Fixture(Files.createDirectories(work.resolve("new")));
        Payload payload;
        String named;
        if (scenario.equals("tree")) {
            payload = next.treePayload(Map.of("lib/one", random(1 << 20, 2), "lib/two", random(1 << 20, 3)), Map.of());
            named = "bytes free";
        } else {
            try (TarBuilder t = next.archive("app.tar.gz")) {
                for (int i = 0; i < 4; i++) {
                    t.zeros("big/part" + i, 1 << 20);
                }
            }
            payload = next.archivePayload("app.tar.gz");
            named = "while writing 'big/part";
        }
        try {
            installer.stage(spec, payload, slotB, (d, t) -> { });
            throw new AssertionError("staged " + scenario + " into a full slot");
        } catch (InstallException e) {
            if (e.reason() != Reason.NO_SPACE || !e.getMessage().contains("slot " + slotB) || !e.getMessage().contains(named)) {
                throw new AssertionError("expected NO_SPACE naming " + slotB + " and '" + named + "': " + e.reason()
                        + " " + e.getMessage(), e);
            }
        }
        // The running version is untouched, and the failed slot can be emptied for the next attempt.
        installer.verify(spec, running, slotA);
        installer.clear(spec, slotB);
        try (var left = Files.list(slotB)) {
            if (left.findAny().isPresent()) {
                throw new AssertionError("slot b not cleared");
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
