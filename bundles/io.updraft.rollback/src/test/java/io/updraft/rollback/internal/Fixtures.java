package io.updraft.rollback.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.osgi.util.converter.Converters;

import io.updraft.install.ComponentSpec;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/** Configurations, slots and tree listings for the tests. */
final class Fixtures {
    private Fixtures() {
    }

    static SnapshotComponent.Config config(Path home, int keep) {
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        p.put("keep", keep);
        return Converters.standardConverter().convert(p).to(SnapshotComponent.Config.class);
    }

    static SnapshotComponent.Config config(Map<String, Object> p) {
        return Converters.standardConverter().convert(p).to(SnapshotComponent.Config.class);
    }

    /** A clock that moves one minute on every read, so each snapshot gets its own time stamp. */
    static Clock ticking(Instant start) {
        return new Clock() {
            private Instant now = start;

            @Override
            public synchronized Instant instant() {
                Instant t = now;
                now = now.plus(Duration.ofMinutes(1));
                return t;
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    static ComponentSpec spec(String name, String kind, List<Path> config, List<Path> data) {
        return new ComponentSpec(name, kind, null, List.of(), List.of(), Duration.ofMinutes(5), config, data, List.of(),
                Map.of(), null, null, Map.of());
    }

    static void write(Path file, String content, int mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Unix.setMode(file, mode);
    }

    /** Describes a slot directory the way an installer does after staging. */
    static StagedSlot describe(String component, String version, Path slot) throws IOException {
        List<SlotFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(slot)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(slot)) {
                    continue;
                }
                String rel = slot.relativize(p).toString();
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    files.add(new SlotFile(rel, "link", 0, "", 0, Files.readSymbolicLink(p).toString()));
                } else if (a.isDirectory()) {
                    files.add(new SlotFile(rel, "dir", 0, "", Unix.mode(p), ""));
                } else {
                    files.add(new SlotFile(rel, "file", a.size(), Hashes.ofFile(p), Unix.mode(p), ""));
                }
            }
        }
        files.sort(java.util.Comparator.comparing(SlotFile::path));
        return new StagedSlot(component, Version.parse(version), "archive", files);
    }

    /** Everything below {@code root} (and root itself, as ""): type, mode, size, hash or link target, owner. */
    static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String owner = " " + Unix.uid(p) + ":" + Unix.gid(p);
                if (a.isSymbolicLink()) {
                    out.put(rel, "link -> " + Files.readSymbolicLink(p) + owner);
                } else if (a.isDirectory()) {
                    out.put(rel, "dir " + Integer.toOctalString(Unix.mode(p)) + owner);
                } else {
                    out.put(rel, "file " + Integer.toOctalString(Unix.mode(p)) + " " + a.size() + " " + Hashes.ofFile(p)
                            + owner);
                }
            }
        }
        return out;
    }

    /** Names of every file below {@code dir}, relative, sorted. */
    static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
