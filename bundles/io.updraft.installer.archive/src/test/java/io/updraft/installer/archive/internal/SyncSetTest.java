package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * When stage() returns, every file and directory of the slot has been synced exactly once, with its final mode, all
 * files before any directory and every directory after the directories inside it.
 */
public class SyncSetTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Synced> synced = Collections.synchronizedList(new ArrayList<>());
    private Fixture fx;
    private ArchiveInstaller installer;

    private record Synced(Path path, boolean directory, int mode) {
    }

    @Before
    public void setUp() throws IOException {
        fx = new Fixture(tmp.getRoot().toPath());
        installer = new ArchiveInstaller((channel, path) -> {
            synced.add(new Synced(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS),
                    (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777));
            channel.force(true);
        });
    }

    @Test
    public void aTreePayloadIsSyncedEntryByEntry() throws Exception {
        Map<String, byte[]> content = new TreeMap<>();
        Map<String, Integer> modes = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String path = (i % 3 == 0 ? "bin/" : i % 3 == 1 ? "lib/native/x" + (i % 4) + "/" : "") + "f" + i;
            content.put(path, ("file " + i).repeat(i * 50 + 1).getBytes(StandardCharsets.UTF_8));
            modes.put(path, i % 2 == 0 ? 0755 : 0640);
        }
        Path slot = fx.slot("b");
        StagedSlot staged = installer.stage(Fixture.spec(), fx.treePayload(content, modes), slot, (d, t) -> { });
        assertAllSynced(slot, staged);
    }

    @Test
    public void anArchiveWithLinksAndAReadOnlyFolderIsSyncedEntryByEntry() throws Exception {
        try (TarBuilder t = fx.archive("app.tar.gz")) {
            t.dir("./", 0755).dir("./bin", 0555).file("./bin/run", 0755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8))
                    .dir("./etc", 0750).file("./etc/robot.conf", 0640, new byte[3])
                    .file("./lib/deep/er/libx.so.1", 0644, new byte[70_000])
                    .symlink("./lib/deep/er/libx.so", "libx.so.1")
                    .symlink("./bin/conf", "../etc/robot.conf");
        }
        Path slot = fx.slot("a");
        StagedSlot staged = installer.stage(Fixture.spec(), fx.archivePayload("app.tar.gz"), slot, (d, t) -> { });
        assertAllSynced(slot, staged);
    }

    private void assertAllSynced(Path slot, StagedSlot staged) throws IOException {
        Map<Path, Integer> files = new TreeMap<>();
        Map<Path, Integer> dirs = new TreeMap<>();
        dirs.put(slot, 0755);
        for (SlotFile e : staged.entries()) {
            if (e.type().equals(Node.FILE)) {
                files.put(slot.resolve(e.path()), e.mode());
            } else if (e.type().equals(Node.DIR)) {
                dirs.put(slot.resolve(e.path()), e.mode());
            }
        }
        // What is on disk, not only what stage() says it wrote.
        Set<Path> onDiskFiles = new TreeSet<>();
        Set<Path> onDiskDirs = new TreeSet<>();
        try (Stream<Path> all = Files.walk(slot)) {
            all.forEach(p -> (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? onDiskDirs
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? onDiskFiles : new TreeSet<Path>()).add(p));
        }
        assertEquals(onDiskFiles, files.keySet());
        assertEquals(onDiskDirs, dirs.keySet());

        Map<Path, Integer> syncedFiles = new TreeMap<>();
        Map<Path, Integer> syncedDirs = new TreeMap<>();
        for (Synced s : synced) {
            Integer before = (s.directory() ? syncedDirs : syncedFiles).put(s.path(), s.mode());
            assertEquals("synced twice: " + s.path(), null, before);
        }
        assertEquals("files synced with their final modes", files, syncedFiles);
        assertEquals("directories synced with their final modes", dirs, syncedDirs);

        int firstDir = synced.indexOf(synced.stream().filter(Synced::directory).findFirst().orElseThrow());
        assertTrue("a directory was synced before a file: " + synced,
                synced.subList(firstDir, synced.size()).stream().allMatch(Synced::directory));
        List<Path> dirOrder = synced.stream().filter(Synced::directory).map(Synced::path).toList();
        for (int i = 0; i < dirOrder.size(); i++) {
            for (int j = i + 1; j < dirOrder.size(); j++) {
                assertTrue(dirOrder.get(i) + " synced before the directory inside it " + dirOrder.get(j),
                        !dirOrder.get(j).startsWith(dirOrder.get(i)));
            }
        }
        assertEquals(slot, dirOrder.get(dirOrder.size() - 1));
    }
}
