package io.updraft.rollback.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.SlotFile;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService.Part;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

public class RoundTripTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path slot;
    private Path etc;
    private SnapshotComponent service;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        slot = tmp.newFolder("slots", "a").toPath();
        etc = tmp.newFolder("etc").toPath();
        service = new SnapshotComponent(Fixtures.config(home, 2), Fixtures.ticking(Instant.parse("2026-11-23T17:01:02Z")));
    }

    private void fillSlot() throws Exception {
        Fixtures.write(slot.resolve("bin/hello"), "#!/bin/sh\necho hello\n", 04755);
        Fixtures.write(slot.resolve("lib/tool"), "tool", 0644);
        Fixtures.write(slot.resolve("share/doc/README"), "read me", 0444);
        Unix.setMode(slot.resolve("share/doc"), 0555);
        Files.createSymbolicLink(slot.resolve("bin/tool"), Path.of("../lib/tool"));
        Files.createSymbolicLink(slot.resolve("docs"), Path.of("share/doc"));
        Files.createDirectories(slot.resolve("empty"));
        Unix.setMode(slot.resolve("empty"), 0700);
    }

    @Test
    public void treeConfigFileConfigDirAndDataComeBackWithContentModesAndLinks() throws Exception {
        fillSlot();
        Path confFile = etc.resolve("hello.conf");
        Fixtures.write(confFile, "greeting=hi\n", 0600);
        Path confDir = etc.resolve("hello.d");
        Fixtures.write(confDir.resolve("10-port.conf"), "port=8090\n", 0640);
        Fixtures.write(confDir.resolve("sub/20-x.conf"), "x=1\n", 0644);
        Files.createSymbolicLink(confDir.resolve("ca.pem"), Path.of("/etc/ssl/certs/ca-certificates.crt"));
        Unix.setMode(confDir, 0750);
        Path data = tmp.newFolder("var", "lib", "hello").toPath();
        Fixtures.write(data.resolve("db/state.bin"), "state 1", 0600);
        Unix.setOwner(data.resolve("db/state.bin"), 1234, 4321);

        ComponentSpec spec = Fixtures.spec("hello", "archive", List.of(confFile, confDir), List.of(data));
        StagedSlot staged = Fixtures.describe("hello", "1.0.0", slot);
        Map<String, String> slotBefore = Fixtures.listing(slot);
        Map<String, String> confFileBefore = Fixtures.listing(confFile);
        Map<String, String> confDirBefore = Fixtures.listing(confDir);
        Map<String, String> dataBefore = Fixtures.listing(data);

        Snapshot s = service.create(spec, staged, slot);
        assertEquals("hello-1.0.0-20261123T170102Z", s.id());
        assertEquals(List.of("slot", "config", "data"), s.parts());
        assertEquals(Version.parse("1.0.0"), s.version());
        Path archive = home.resolve("snapshots/hello/" + s.id() + ".tar.zst");
        assertEquals(Files.size(archive), s.bytes());
        assertEquals(Hashes.ofFile(archive), s.sha256());
        assertEquals("0600: snapshots hold configuration", 0600, Unix.mode(archive));
        assertEquals(List.of(s.id() + ".json", s.id() + ".tar.zst"), Fixtures.files(home.resolve("snapshots/hello")));
        service.verify(s);

        // Everything changes after the snapshot.
        Fixtures.write(confFile, "greeting=changed\n", 0644);
        Fixtures.write(confDir.resolve("30-new.conf"), "new", 0644);
        Files.delete(confDir.resolve("sub/20-x.conf"));
        Fixtures.write(data.resolve("db/state.bin"), "state 2 longer", 0666);
        Fixtures.write(data.resolve("cache"), "c", 0644);

        Path target = tmp.getRoot().toPath().resolve("slots/b");
        StagedSlot restored = service.restore(s, EnumSet.allOf(Part.class), target);
        assertEquals(staged, restored);
        assertEquals(slotBefore, Fixtures.listing(target));
        assertEquals(confFileBefore, Fixtures.listing(confFile));
        assertEquals(confDirBefore, Fixtures.listing(confDir));
        assertEquals(dataBefore, Fixtures.listing(data));
        assertEquals("1234:4321", Unix.uid(data.resolve("db/state.bin")) + ":" + Unix.gid(data.resolve("db/state.bin")));
        assertEquals("nothing left beside the restored paths",
                List.of("hello.conf", "hello.d/10-port.conf", "hello.d/ca.pem", "hello.d/sub/20-x.conf"),
                Fixtures.files(etc));
        assertTrue(Files.isSymbolicLink(target.resolve("bin/tool")));
        assertEquals("tool", Files.readString(target.resolve("bin/tool")));
    }

    @Test
    public void onlyTheAskedPartsAreRestored() throws Exception {
        fillSlot();
        Path conf = etc.resolve("hello.conf");
        Fixtures.write(conf, "v1", 0600);
        Path data = tmp.newFolder("data").toPath();
        Fixtures.write(data.resolve("d"), "d1", 0600);
        Snapshot s = service.create(Fixtures.spec("hello", "archive", List.of(conf), List.of(data)),
                Fixtures.describe("hello", "1.0.0", slot), slot);
        Fixtures.write(conf, "v2", 0600);
        Fixtures.write(data.resolve("d"), "d2", 0600);
        Path target = tmp.getRoot().toPath().resolve("unused");

        assertNull(service.restore(s, EnumSet.of(Part.CONFIG), target));
        assertEquals("v1", Files.readString(conf));
        assertEquals("data is restored only when asked for", "d2", Files.readString(data.resolve("d")));
        assertFalse(Files.exists(target));
    }

    @Test
    public void absentConfigurationPathIsRestoredAsAbsent() throws Exception {
        fillSlot();
        Path conf = etc.resolve("hello.d");
        Snapshot s = service.create(Fixtures.spec("hello", "archive", List.of(conf), List.of()),
                Fixtures.describe("hello", "1.0.0", slot), slot);
        Fixtures.write(conf.resolve("added-later.conf"), "x", 0644);

        service.restore(s, Set.of(Part.CONFIG), null);
        assertFalse(Files.exists(conf, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), Fixtures.files(etc));
    }

    @Test
    public void leftoversOfAnInterruptedRestoreAreResolved() throws Exception {
        fillSlot();
        Path conf = etc.resolve("hello.conf");
        Fixtures.write(conf, "snapshotted", 0600);
        Snapshot s = service.create(Fixtures.spec("hello", "archive", List.of(conf), List.of()),
                Fixtures.describe("hello", "1.0.0", slot), slot);
        // Interrupted between "current -> .updraft-old" and "restored -> current", with a half-written copy.
        Files.delete(conf);
        Fixtures.write(etc.resolve("hello.conf.updraft-old"), "before the restore", 0600);
        Fixtures.write(etc.resolve("hello.conf.updraft-restore"), "half", 0600);

        service.restore(s, Set.of(Part.CONFIG), null);
        assertEquals("snapshotted", Files.readString(conf));
        assertEquals(List.of("hello.conf"), Fixtures.files(etc));
    }

    @Test
    public void imageRoundTripIntoTheSlotFileAndAFreshPath() throws Exception {
        byte[] image = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(image);
        Path slotFile = tmp.getRoot().toPath().resolve("slots/a.img");
        Files.write(slotFile, image);
        Unix.setMode(slotFile, 0600);
        StagedSlot staged = new StagedSlot("firmware", Version.parse("2.0.0"), "image",
                List.of(new SlotFile("", "image", image.length, Hashes.ofFile(slotFile), 0600, "")));
        Snapshot s = service.create(Fixtures.spec("firmware", "image", List.of(), List.of()), staged, slotFile);
        assertEquals(List.of("slot"), s.parts());

        Files.write(slotFile, new byte[] {1, 2, 3});
        assertEquals(staged, service.restore(s, Set.of(Part.SLOT), slotFile));
        assertArrayEquals(image, Files.readAllBytes(slotFile));
        Path fresh = tmp.getRoot().toPath().resolve("other/b.img");
        service.restore(s, Set.of(Part.SLOT), fresh);
        assertArrayEquals(image, Files.readAllBytes(fresh));
        assertEquals(List.of("a.img"), Fixtures.files(slotFile.getParent()));
    }

    @Test
    public void aRestoreThatFailsHalfwayReplacesNothingAndRemovesWhatItWrote() throws Exception {
        fillSlot();
        Path first = etc.resolve("hello.conf");
        Path second = etc.resolve("sub/other.conf");
        Fixtures.write(first, "snapshotted", 0600);
        Fixtures.write(second, "snapshotted too", 0600);
        Snapshot s = service.create(Fixtures.spec("hello", "archive", List.of(first, second), List.of()),
                Fixtures.describe("hello", "1.0.0", slot), slot);
        Files.writeString(first, "current");
        // The second path's folder is now a file: its restored copy cannot be written.
        Files.delete(second);
        Files.delete(etc.resolve("sub"));
        Files.writeString(etc.resolve("sub"), "in the way");
        Path target = tmp.getRoot().toPath().resolve("slots/b");
        try {
            service.restore(s, EnumSet.allOf(Part.class), target);
            org.junit.Assert.fail("restored below a file");
        } catch (java.nio.file.FileSystemException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("sub"));
        }
        assertEquals("current", Files.readString(first));
        assertEquals(List.of("hello.conf", "sub"), Fixtures.files(etc));
        assertFalse("the slot target it created is gone", Files.exists(target));
    }

    @Test
    public void restoringTheSlotNeedsAnEmptyTarget() throws Exception {
        fillSlot();
        Snapshot s = service.create(Fixtures.spec("hello", "archive", List.of(), List.of()),
                Fixtures.describe("hello", "1.0.0", slot), slot);
        Path target = tmp.newFolder("busy").toPath();
        Fixtures.write(target.resolve("keep.txt"), "mine", 0644);
        try {
            service.restore(s, Set.of(Part.SLOT), target);
            org.junit.Assert.fail("restored into a non-empty directory");
        } catch (io.updraft.install.InstallException e) {
            assertEquals(io.updraft.install.InstallException.Reason.STAGE_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(target.toString()));
        }
        assertEquals(List.of("keep.txt"), Fixtures.files(target));
    }
}
