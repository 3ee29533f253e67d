package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.updraft.fs.DurableFiles;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.SnapshotService;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;

/** Snapshots of file-tree slots and configuration files kept in memory, for tests of the install flow. */
final class MemorySnapshots implements SnapshotService {
    private record Content(Snapshot snapshot, StagedSlot staged, Map<String, byte[]> slot, Map<Path, byte[]> config) {
    }

    final List<String> restores = new CopyOnWriteArrayList<>();
    private final Map<String, Content> all = new ConcurrentHashMap<>();
    private int n;

    @Override
    public synchronized Snapshot create(ComponentSpec component, StagedSlot staged, Path slot) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(slot)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(slot.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        Map<Path, byte[]> config = new TreeMap<>();
        for (Path p : component.configPaths()) {
            if (Files.isRegularFile(p)) {
                config.put(p, Files.readAllBytes(p));
            }
        }
        String id = component.name() + "-" + staged.version() + "-" + (++n);
        Snapshot s = new Snapshot(id, component.name(), staged.version(), staged.installKind(), Instant.now(), 0, "",
                List.of("slot", "config"));
        all.put(id, new Content(s, staged, files, config));
        return s;
    }

    @Override
    public List<Snapshot> list(String component) {
        List<Snapshot> out = new ArrayList<>();
        all.values().stream().map(Content::snapshot).filter(s -> s.component().equals(component)).forEach(out::add);
        return out;
    }

    @Override
    public Optional<Snapshot> find(String id) {
        return Optional.ofNullable(all.get(id)).map(Content::snapshot);
    }

    @Override
    public void verify(Snapshot snapshot) {
    }

    @Override
    public StagedSlot restore(Snapshot snapshot, Set<Part> parts, Path slotTarget) throws InstallException, IOException {
        Content c = all.get(snapshot.id());
        restores.add(snapshot.id() + " " + parts);
        if (parts.contains(Part.CONFIG)) {
            for (Map.Entry<Path, byte[]> e : c.config().entrySet()) {
                Files.write(e.getKey(), e.getValue());
            }
        }
        if (!parts.contains(Part.SLOT)) {
            return null;
        }
        DurableFiles.createDirectories(slotTarget);
        for (Map.Entry<String, byte[]> e : c.slot().entrySet()) {
            Path target = slotTarget.resolve(e.getKey());
            DurableFiles.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        for (var f : c.staged().entries()) {
            if (f.type().equals("file") || f.type().equals("dir")) {
                Files.setPosixFilePermissions(slotTarget.resolve(f.path()),
                        java.nio.file.attribute.PosixFilePermissions.fromString(rwx(f.mode())));
            }
        }
        return c.staged();
    }

    @Override
    public boolean delete(String id) {
        return all.remove(id) != null;
    }

    private static String rwx(int mode) {
        String chars = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (0400 >> i)) != 0 ? chars.charAt(i) : '-');
        }
        return sb.toString();
    }
}
