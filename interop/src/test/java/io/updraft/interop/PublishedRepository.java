package io.updraft.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.updraft.publisher.internal.PublisherCli;

/**
 * A repository made the way a release manager makes one with {@code updraft-publish}: {@code init}, a delegation
 * per product with a key of another type, a signed package added to that role, then a root rotation that adds a
 * new root key and revokes the first one (root versions 1 to 3).
 */
final class PublishedRepository {
    static final String TARGET = "robot/robot-1.0.0.updraft";

    final Path repo;
    final Path keys;
    final Path packageFile;
    final Clock clock;

    private PublishedRepository(Path repo, Path keys, Path packageFile, Clock clock) {
        this.repo = repo;
        this.keys = keys;
        this.packageFile = packageFile;
        this.clock = clock;
    }

    /**
     * @param topLevelType key type of root, targets, snapshot and timestamp ({@code ed25519} or {@code ecdsa-p256})
     * @param delegatedType key type of the product role and of the rotated-in root key
     */
    static PublishedRepository create(Path dir, String topLevelType, String delegatedType, boolean consistent)
            throws IOException {
        Clock clock = Clock.systemUTC();
        Path repo = dir.resolve("repo");
        Path keys = dir.resolve("keys");
        PublisherCli.run(clock, "init", "--repo", repo.toString(), "--keys", keys.toString(), "--key-type", topLevelType,
                "--consistent-snapshot", Boolean.toString(consistent));

        Path robotKey = dir.resolve("robot.key");
        PublisherCli.run(clock, "keygen", "--type", delegatedType, "--out", robotKey.toString());
        PublisherCli.run(clock, "delegate", "--repo", repo.toString(), "--keys", keys.toString(), "--role", "robot",
                "--paths", "robot/*", "--key", robotKey.toString(), "--terminating");

        Path payload = Files.createDirectories(dir.resolve("payload/bin"));
        Files.writeString(payload.resolve("robotd"), "#!/bin/sh\necho robot 1.0.0\n", StandardCharsets.UTF_8);
        Path packageFile = dir.resolve("robot-1.0.0.updraft");
        PublisherCli.run(clock, "package", "--component", "robot", "--version", "1.0.0", "--product", "robot",
                "--from", payload.getParent().toString(), "--key", onlyKey(keys.resolve("targets")).toString(),
                "--out", packageFile.toString());
        PublisherCli.run(clock, "add", "--repo", repo.toString(), "--keys", keys.toString(), "--role", "robot",
                packageFile.toString());

        String firstRootKey = keyId(onlyKey(keys.resolve("root")));
        PublisherCli.run(clock, "rotate-key", "--repo", repo.toString(), "--keys", keys.toString(), "--role", "root",
                "--type", delegatedType);
        PublisherCli.run(clock, "rotate-key", "--repo", repo.toString(), "--keys", keys.toString(), "--role", "root",
                "--revoke", firstRootKey);
        return new PublishedRepository(repo, keys, packageFile, clock);
    }

    Path metadata(String name) {
        return repo.resolve("metadata").resolve(name);
    }

    /** The stored target file(s) for {@link #TARGET}: the plain name, or the hash-prefixed one(s). */
    List<Path> storedTargets() throws IOException {
        try (Stream<Path> files = Files.list(repo.resolve("targets/robot"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    String packageSha256() throws IOException {
        return sha256(Files.readAllBytes(packageFile));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static Path onlyKey(Path roleDir) throws IOException {
        try (Stream<Path> files = Files.list(roleDir)) {
            List<Path> keys = files.filter(f -> f.getFileName().toString().endsWith(".key")).toList();
            if (keys.size() != 1) {
                throw new AssertionError("expected one key in " + roleDir + ", found " + keys);
            }
            return keys.get(0);
        }
    }

    private static String keyId(Path keyFile) {
        String name = keyFile.getFileName().toString();
        return name.substring(0, name.length() - ".key".length());
    }
}
