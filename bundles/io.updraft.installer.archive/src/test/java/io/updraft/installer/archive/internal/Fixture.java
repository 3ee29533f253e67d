package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.updraft.install.ComponentSpec;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.update.Version;

/** A component folder with its slots next to a payload directory and bait, all under one temporary root. */
final class Fixture {
    static final String COMPONENT = "robot";

    final Path root;
    final Path payloadDir;
    final Path componentDir;
    final ArchiveInstaller installer = new ArchiveInstaller();

    Fixture(Path root) throws IOException {
        this.root = root;
        this.payloadDir = Files.createDirectories(root.resolve("staging/robot"));
        this.componentDir = Files.createDirectories(root.resolve("components/robot"));
        Files.createDirectories(componentDir.resolve("slots"));
        // Bait an escaping entry would reach: a sibling folder and a file next to the slots.
        Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("passwd"), "root:x:0:0\n");
        Files.writeString(componentDir.resolve("notes"), "keep");
    }

    Path slot(String x) {
        return installer.slot(spec(), componentDir, x);
    }

    static ComponentSpec spec() {
        return ComponentSpec.plain(COMPONENT, ComponentSpec.ARCHIVE);
    }

    static ComponentSpec spec(Map<String, String> properties) {
        return spec(null, null, properties);
    }

    static ComponentSpec spec(String owner, String group, Map<String, String> properties) {
        ComponentSpec p = spec();
        return new ComponentSpec(p.name(), p.installer(), null, null, null, p.trialDeadline(), null, null, null, null,
                owner, group, properties);
    }

    /** Starts an archive that will be the whole payload. */
    TarBuilder archive(String name) throws IOException {
        return TarBuilder.to(payloadDir.resolve(name));
    }

    /** The payload made of the archive {@code name} alone, as if it came in a package of its own size. */
    Payload archivePayload(String name) throws IOException {
        Path file = payloadDir.resolve(name);
        long size = Files.size(file);
        return new Payload(COMPONENT, Version.parse("1.1.0"), ComponentSpec.ARCHIVE, payloadDir,
                List.of(new PayloadFile(name, size, sha256(Files.readAllBytes(file)), 0644)), size);
    }

    /** A tree payload: each file written into the payload directory with the given content, listed with its mode. */
    Payload treePayload(Map<String, byte[]> content, Map<String, Integer> modes) throws IOException {
        List<PayloadFile> files = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            Path p = payloadDir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
            files.add(new PayloadFile(e.getKey(), e.getValue().length, sha256(e.getValue()), modes.getOrDefault(e.getKey(), 0644)));
            total += e.getValue().length;
        }
        return new Payload(COMPONENT, Version.parse("1.1.0"), ComponentSpec.ARCHIVE, payloadDir, files, total);
    }

    /**
     * Everything under the root except the slots, with type, size and link target: what must not change when an
     * archive is refused.
     */
    Map<String, String> outside() throws IOException {
        Map<String, String> listing = new TreeMap<>();
        Path slots = componentDir.resolve("slots");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.startsWith(slots) && !p.equals(slots)) {
                    continue;
                }
                listing.put(root.relativize(p).toString(), describe(p));
            }
        }
        return listing;
    }

    private static String describe(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return "link " + Files.readSymbolicLink(p);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir";
        }
        return "file " + Files.size(p) + " " + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Total bytes of regular files under {@code dir}, not following links. */
    static long contentBytes(Path dir) throws IOException {
        long sum = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    sum += Files.size(p);
                }
            }
        }
        return sum;
    }

    /** Whether this process runs as root (then it may change owners and mount file systems). */
    static boolean isRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }
}
