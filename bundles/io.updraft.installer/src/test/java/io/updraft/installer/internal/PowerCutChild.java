package io.updraft.installer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;
import io.updraft.update.UpdateState;

/**
 * The process {@link PowerCutTest} kills: runs installs (offline and scheduled, some of versions that fail their
 * health check), and manual rollbacks, one after another, until it is killed. Announces each operation and, through
 * {@link AnnouncingState}, each journal step and state move on stdout before it is made.
 *
 * <p>Arguments: home directory, seed, scratch directory. The child first warms up on the scratch directory (one
 * install and one rollback, so the classes are loaded and compiled), says {@code loaded}, and waits for a line on
 * stdin before it opens the home: the parent starts the next child while it checks the last one's home.
 */
public final class PowerCutChild {
    private PowerCutChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        warmUp(Path.of(args[2]), random);
        AnnouncingState.say("loaded");
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine() == null) {
            return;
        }
        PowerCutRig rig = new PowerCutRig(home, true);
        rig.installer.start();
        rig.installer.awaitIdle();
        Path packages = home.resolve("packages");
        Files.createDirectories(packages);
        AnnouncingState.say("ready");
        for (int n = 0;; n++) {
            UpdateState s = rig.store.status().state();
            if (s != UpdateState.IDLE && s != UpdateState.FAILED) {
                throw new IllegalStateException("the child left the update state at " + s);
            }
            int op = random.nextInt(100);
            String component = PowerCutRig.COMPONENTS.get(random.nextInt(PowerCutRig.COMPONENTS.size()));
            try {
                InstallRecord r;
                if (op < 45) {
                    AnnouncingState.say("op install");
                    r = rig.installer.installFile(pkg(packages, random, component, n), null, "child");
                } else if (op < 70) {
                    r = scheduled(rig, packages, random, n);
                } else {
                    AnnouncingState.say("op manual-rollback");
                    r = rig.installer.rollback(component, null, "child");
                }
                AnnouncingState.say("done " + (r == null ? "nothing" : r.outcome()));
            } catch (InstallException e) {
                AnnouncingState.say("done refused " + e.reason());
            }
        }
    }

    private static void warmUp(Path scratch, Random random) throws Exception {
        PowerCutRig rig = new PowerCutRig(scratch, false);
        try {
            rig.installer.start();
            // Installs are refused until the start's recovery has run.
            rig.installer.awaitIdle();
            Path packages = Files.createDirectories(scratch.resolve("packages"));
            rig.installer.installFile(pkg(packages, random, "api", 0), null, "warm-up");
            rig.installer.installFile(pkg(packages, random, "api", 1), null, "warm-up");
            try {
                rig.installer.rollback("api", null, "warm-up");
            } catch (InstallException e) {
                // A bad version drawn for the warm-up leaves nothing to roll back to; the classes are loaded anyway.
            }
        } finally {
            rig.installer.stop(java.time.Duration.ofSeconds(5));
            Context.deleteTree(scratch);
        }
    }

    private static InstallRecord scheduled(PowerCutRig rig, Path packages, Random random, int n) throws Exception {
        String id = "update-" + n + "-" + random.nextInt(1_000_000);
        Map<String, Path> files = new LinkedHashMap<>();
        List<io.updraft.update.Offer> offers = new java.util.ArrayList<>();
        for (String c : List.of("api", "web")) {
            Path p = pkg(packages, random, c, n);
            files.put(c, p);
            offers.add(Offers.offer(c, TestPackages.versionOf(p)));
        }
        AnnouncingState.say("op scheduled " + id + " " + files.get("api") + " " + files.get("web"));
        rig.scheduler.due(id, offers, files);
        for (UpdateState to : List.of(UpdateState.CHECKING, UpdateState.UPDATE_AVAILABLE, UpdateState.DOWNLOADING,
                UpdateState.VERIFYING, UpdateState.READY)) {
            AnnouncingState.say("S " + to);
            rig.store.transition(to, id, "scheduled by the power-cut child");
        }
        rig.installer.due(id);
        rig.installer.awaitIdle();
        return rig.installer.history(1).get(0);
    }

    /** A package of 3-6 files of up to 16 KiB; one in four versions fails its health check. */
    private static Path pkg(Path dir, Random random, String component, int n) throws Exception {
        String version = "1." + n + "." + random.nextInt(1000) + (random.nextInt(4) == 0 ? "-bad" : "");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("etc/version", version + "\n");
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(16 * 1024);
            for (int j = 0; j < len; j++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            files.put("lib/part" + i + ".txt", sb.toString());
        }
        return TestPackages.write(dir.resolve(component + "-" + n + ".json"), component, version, "archive", files);
    }
}
