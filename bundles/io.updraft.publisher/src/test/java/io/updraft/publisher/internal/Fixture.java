package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** A repository with keys in a temporary directory, and packages for it. */
final class Fixture {
    final Cli cli = new Cli();
    final Path base;
    final Path repo;
    final Path keys;

    Fixture(Path base, String... initOptions) {
        this.base = base;
        this.repo = base.resolve("repo");
        this.keys = base.resolve("keys");
        List<String> args = new ArrayList<>(List.of("init", "--repo", repo.toString(), "--keys", keys.toString()));
        args.addAll(List.of(initOptions));
        cli.ok(args.toArray(String[]::new));
    }

    /** The key files of a role. */
    List<Path> keyFiles(String role) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(keys.resolve(role), "*.key")) {
            s.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /** A payload directory with an executable and a data file. */
    Path payload(String name, String content) throws IOException {
        Path dir = base.resolve("payload-" + name);
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/run"), "#!/bin/sh\necho " + content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dir.resolve("bin/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("data.txt"), content, StandardCharsets.UTF_8);
        return dir;
    }

    /** A package of {@code component} {@code version} signed with the repository's targets key. */
    Path pack(String component, String version, String... extra) throws IOException {
        Path out = base.resolve(component + "-" + version + "-" + System.nanoTime() + ".updraft");
        List<String> args = new ArrayList<>(List.of("package", "--component", component, "--version", version,
                "--from", payload(component + version + System.nanoTime(), component + " " + version).toString(),
                "--out", out.toString(), "--key", keyFiles("targets").get(0).toString()));
        args.addAll(List.of(extra));
        cli.ok(args.toArray(String[]::new));
        return out;
    }

    String add(Path pkg, String... extra) {
        List<String> args = new ArrayList<>(List.of("add", "--repo", repo.toString(), "--keys", keys.toString(),
                pkg.toString()));
        args.addAll(List.of(extra));
        return cli.ok(args.toArray(String[]::new));
    }

    RepoCheck check() throws IOException {
        RepoCheck check = new RepoCheck(repo);
        check.assertConsistent();
        return check;
    }
}
