package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The release work {@link PublishKillTest} interrupts, as an operator would run it on one repository: package and
 * add a new release (alternately to targets and to the delegated role {@value #DELEGATED}), re-sign the timestamp,
 * rotate the timestamp key, and remove the releases listed before the new one. Each step reads what it needs from
 * the repository on disk, so it also works on whatever an interrupted run left.
 */
final class PublishSteps {
    static final String DELEGATED = "robot";
    static final String DELEGATED_COMPONENT = "robot-app";
    static final int COUNT = 4;

    private final Cli cli = new Cli();
    private final Path repo;
    private final Path keys;
    private final Path work;
    private final long generation;
    private String newest;

    /**
     * @param generation distinguishes the releases of successive runs on the same repository, which must always be
     *        newer than those listed
     */
    PublishSteps(Path repo, Path keys, Path work, long generation) {
        this.repo = repo;
        this.keys = keys;
        this.work = work;
        this.generation = generation;
    }

    /** A repository with consistent snapshots and the delegated role, keys in {@code keys}. */
    static void init(Path repo, Path keys, Path work) throws IOException {
        Cli cli = new Cli();
        cli.now = Instant.now();
        cli.ok("init", "--repo", repo.toString(), "--keys", keys.toString(), "--key-type", "ed25519");
        Path delegatedKey = work.resolve(DELEGATED + ".key");
        cli.ok("keygen", "--out", delegatedKey.toString());
        cli.ok("delegate", "--repo", repo.toString(), "--keys", keys.toString(), "--role", DELEGATED, "--paths",
                DELEGATED_COMPONENT + "/*", "--key", delegatedKey.toString());
    }

    /**
     * Runs step {@code step} (0 to {@value #COUNT} - 1) of round {@code round}; returns the tool's output, empty if
     * the step had nothing to do (a remove with one release listed).
     */
    String run(int step, long round) throws IOException, PublishException {
        return switch (step) {
            case 0 -> add(round);
            case 1 -> ok("resign", "--repo", repo.toString(), "--keys", keys.toString());
            case 2 -> rotateTimestampKey();
            case 3 -> removeOlder();
            default -> throw new IllegalArgumentException("no step " + step + "; steps are 0 to " + (COUNT - 1));
        };
    }

    private String add(long round) throws IOException {
        boolean delegated = round % 2 == 1;
        String component = delegated ? DELEGATED_COMPONENT : "app";
        String version = "1." + generation + "." + round;
        Path payload = work.resolve("payload-" + generation + "-" + round);
        Files.createDirectories(payload);
        // Tens of KiB: a kill can land while a target is copied, but packaging does not take most of the time.
        byte[] data = new byte[(int) (20_000 + round % 4 * 20_000)];
        new java.util.Random(generation * 1_000_003 + round).nextBytes(data);
        Files.write(payload.resolve("data.bin"), data);
        Files.writeString(payload.resolve("version.txt"), component + " " + version, StandardCharsets.UTF_8);
        Path pkg = work.resolve(component + "-" + version + ".updraft");
        Files.deleteIfExists(pkg);
        ok("package", "--component", component, "--version", version, "--from", payload.toString(), "--out",
                pkg.toString(), "--compress", "none", "--key", targetsKey().toString());
        List<String> args = new ArrayList<>(List.of("add", "--repo", repo.toString(), "--keys", keys.toString(),
                pkg.toString()));
        if (delegated) {
            args.addAll(List.of("--role", DELEGATED));
        }
        String out = ok(args.toArray(String[]::new));
        newest = component + "/" + component + "-" + version + ".updraft";
        return out;
    }

    private Path targetsKey() throws IOException {
        try (var files = Files.list(keys.resolve("targets"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".key")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no targets key in " + keys));
        }
    }

    /** Replaces the timestamp key with a new one, revoking the one the newest root lists. */
    private String rotateTimestampKey() throws IOException, PublishException {
        List<String> current = Repository.load(repo).keysOf(Metadata.TIMESTAMP).keyIds();
        return ok("rotate-key", "--repo", repo.toString(), "--keys", keys.toString(), "--role", Metadata.TIMESTAMP,
                "--type", "ed25519", "--revoke", current.get(0));
    }

    /** Removes every listed release but the one this run added last (all but one if it added none). */
    private String removeOlder() throws IOException, PublishException {
        Repository r = Repository.load(repo);
        List<String> listed = new ArrayList<>();
        for (String role : r.targetsRoles()) {
            r.targetsRole(role).path("targets").fieldNames().forEachRemaining(listed::add);
        }
        listed.sort(null);
        String keep = newest != null && listed.contains(newest) ? newest
                : listed.isEmpty() ? null : listed.get(listed.size() - 1);
        StringBuilder out = new StringBuilder();
        for (String path : listed) {
            if (!path.equals(keep)) {
                out.append(ok("remove", "--repo", repo.toString(), "--keys", keys.toString(), "--target", path));
            }
        }
        return out.toString();
    }

    private String ok(String... args) {
        cli.now = Instant.now();
        return cli.ok(args);
    }
}
