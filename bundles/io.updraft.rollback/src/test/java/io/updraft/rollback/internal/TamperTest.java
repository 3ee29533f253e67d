package io.updraft.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.SlotFile;
import io.updraft.install.Snapshot;
import io.updraft.install.SnapshotService.Part;
import io.updraft.install.StagedSlot;
import io.updraft.update.Version;

/** Damaged and hand-made snapshots are refused before anything is written, with the snapshot and entry named. */
public class TamperTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:01:02Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path slot;
    private Path conf;
    private Path target;
    private SnapshotComponent service;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        slot = tmp.newFolder("slot").toPath();
        conf = tmp.newFolder("etc").toPath().resolve("hello.conf");
        target = tmp.getRoot().toPath().resolve("target");
        service = new SnapshotComponent(Fixtures.config(home, 2), Fixtures.ticking(T0));
        Fixtures.write(slot.resolve("bin/hello"), "hello program", 0755);
        Fixtures.write(conf, "snapshotted", 0600);
    }

    private Snapshot realSnapshot() throws Exception {
        return service.create(Fixtures.spec("hello", "archive", List.of(conf), List.of()),
                Fixtures.describe("hello", "1.0.0", slot), slot);
    }

    private InstallException refusedRestore(Snapshot s) throws Exception {
        Files.writeString(conf, "current");
        try {
            service.restore(s, EnumSet.allOf(Part.class), target);
            fail("restored from a bad snapshot");
            return null;
        } catch (InstallException e) {
            assertEquals(e.getMessage(), Reason.NO_SNAPSHOT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(s.id()));
            assertFalse("nothing written into the slot target", Files.exists(target));
            assertEquals("configuration untouched", "current", Files.readString(conf));
            assertEquals(List.of("hello.conf"), Fixtures.files(conf.getParent()));
            return e;
        }
    }

    @Test
    public void aFlippedByteIsRefusedByVerifyAndRestore() throws Exception {
        Snapshot s = realSnapshot();
        Path archive = home.resolve("snapshots/hello/" + s.id() + ".tar.zst");
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        try {
            service.verify(s);
            fail("verify passed a damaged archive");
        } catch (InstallException e) {
            assertEquals(Reason.NO_SNAPSHOT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(s.id()) && e.getMessage().contains("sha256"));
        }
        refusedRestore(s);
    }

    @Test
    public void anEntryDifferentFromItsManifestIsNamedEvenWhenTheFileHashIsUpdated() throws Exception {
        Snapshot real = realSnapshot();
        InnerManifest m = ArchiveReader.read(home.resolve("snapshots/hello/" + real.id() + ".tar.zst"), "x",
                ArchiveReader.CHECK_ONLY);
        StagedSlot staged = Fixtures.describe("hello", "1.0.0", slot);
        byte[] evil = "hellO program".getBytes(StandardCharsets.UTF_8);
        List<Crafted.Entry> entries = List.of(
                new Crafted.Entry(dir("slot/bin/", 0755), null),
                new Crafted.Entry(Crafted.file("slot/bin/hello", evil.length, 0755), evil),
                new Crafted.Entry(Crafted.file("config/0", 11, 0600), "snapshotted".getBytes(StandardCharsets.UTF_8)));
        Snapshot s = Crafted.plant(home, real.id(), m, staged, entries);
        InstallException e = refusedRestore(s);
        assertTrue(e.getMessage(), e.getMessage().contains("entry 'slot/bin/hello'"));
    }

    @Test
    public void aDotDotEntryInTheManifestIsRefused() throws Exception {
        Path outside = tmp.getRoot().toPath().resolve("evil");
        ManifestEntry bad = new ManifestEntry("slot/../../evil", "file", 0644, 4, sha("evil"), "", "../../evil", -1, -1);
        InnerManifest m = new InnerManifest("hello", Version.parse("1.0.0"), "archive", T0, List.of(), List.of(),
                List.of(bad));
        StagedSlot staged = new StagedSlot("hello", Version.parse("1.0.0"), "archive",
                List.of(new SlotFile("../../evil", "file", 4, sha("evil"), 0644, "")));
        Snapshot s = Crafted.plant(home, "hello-1.0.0-20261123T170102Z", m, staged,
                List.of(new Crafted.Entry(Crafted.file("slot/../../evil", 4, 0644), "evil".getBytes(StandardCharsets.UTF_8))));
        InstallException e = refusedRestore(s);
        assertTrue(e.getMessage(), e.getMessage().contains("'slot/../../evil'"));
        assertFalse(Files.exists(outside));
    }

    @Test
    public void aDotDotTarEntryBehindAHarmlessManifestIsRefused() throws Exception {
        ManifestEntry ok = new ManifestEntry("slot/evil", "file", 0644, 4, sha("evil"), "", "evil", -1, -1);
        InnerManifest m = new InnerManifest("hello", Version.parse("1.0.0"), "archive", T0, List.of(), List.of(),
                List.of(ok));
        StagedSlot staged = new StagedSlot("hello", Version.parse("1.0.0"), "archive",
                List.of(new SlotFile("evil", "file", 4, sha("evil"), 0644, "")));
        Snapshot s = Crafted.plant(home, "hello-1.0.0-20261123T170102Z", m, staged,
                List.of(new Crafted.Entry(Crafted.file("slot/../evil", 4, 0644), "evil".getBytes(StandardCharsets.UTF_8))));
        InstallException e = refusedRestore(s);
        assertTrue(e.getMessage(), e.getMessage().contains("'slot/../evil'"));
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("evil")));
    }

    @Test
    public void aSlotLinkOutOfTheSlotIsRefused() throws Exception {
        ManifestEntry link = new ManifestEntry("slot/up", "link", 0, 0, "", "../../..", "up", -1, -1);
        InnerManifest m = new InnerManifest("hello", Version.parse("1.0.0"), "archive", T0, List.of(), List.of(),
                List.of(link));
        StagedSlot staged = new StagedSlot("hello", Version.parse("1.0.0"), "archive",
                List.of(new SlotFile("up", "link", 0, "", 0, "../../..")));
        TarArchiveEntry t = new TarArchiveEntry("slot/up", TarConstants.LF_SYMLINK);
        t.setLinkName("../../..");
        t.setMode(0);
        Snapshot s = Crafted.plant(home, "hello-1.0.0-20261123T170102Z", m, staged, List.of(new Crafted.Entry(t, null)));
        InstallException e = refusedRestore(s);
        assertTrue(e.getMessage(), e.getMessage().contains("'slot/up'") && e.getMessage().contains("out of the slot"));
    }

    @Test
    public void aConfigurationEntryRedirectedElsewhereIsRefused() throws Exception {
        // The record says hello.conf; the manifest claims /etc/passwd-like origin for the same root.
        ManifestEntry root = new ManifestEntry("config/0", "file", 0600, 4, sha("evil"), "", "/tmp/elsewhere", -1, -1);
        InnerManifest m = new InnerManifest("hello", Version.parse("1.0.0"), "archive", T0, List.of(conf.toString()),
                List.of(), List.of(root));
        StagedSlot staged = new StagedSlot("hello", Version.parse("1.0.0"), "archive", List.of());
        Snapshot s = Crafted.plant(home, "hello-1.0.0-20261123T170102Z", m, staged,
                List.of(new Crafted.Entry(Crafted.file("config/0", 4, 0600), "evil".getBytes(StandardCharsets.UTF_8))));
        InstallException e = refusedRestore(s);
        assertTrue(e.getMessage(), e.getMessage().contains("'config/0'") && e.getMessage().contains("/tmp/elsewhere"));
    }

    @Test
    public void aSlotThatDoesNotMatchItsDescriptionIsNeverSnapshotted() throws Exception {
        StagedSlot staged = Fixtures.describe("hello", "1.0.0", slot);
        Files.writeString(slot.resolve("bin/hello"), "HELLO program");
        assertCreateRefused(staged, "'bin/hello'");
        Files.writeString(slot.resolve("bin/hello"), "hello program");
        Unix.setMode(slot.resolve("bin/hello"), 0777);
        assertCreateRefused(staged, "mode 777");
        Unix.setMode(slot.resolve("bin/hello"), 0755);
        Files.delete(slot.resolve("bin/hello"));
        assertCreateRefused(staged, "missing");
    }

    private void assertCreateRefused(StagedSlot staged, String named) throws Exception {
        try {
            service.create(Fixtures.spec("hello", "archive", List.of(conf), List.of()), staged, slot);
            fail("snapshot of a slot that does not match its description");
        } catch (InstallException e) {
            assertEquals(Reason.VERIFY_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(named));
        }
        assertEquals("no snapshot and no temporary file", List.of(), Fixtures.files(home.resolve("snapshots")));
        assertEquals(List.of(), service.list("hello"));
    }

    @Test
    public void configurationChangingWhileWrittenIsNoticed() throws Exception {
        StagedSlot staged = Fixtures.describe("hello", "1.0.0", slot);
        InnerManifest m = ManifestPlanner.plan(Fixtures.spec("hello", "archive", List.of(conf), List.of()), staged,
                slot, T0);
        Files.writeString(conf, "changed in between");
        try {
            ArchiveWriter.write(tmp.getRoot().toPath().resolve("x.tar.zst"), m, slot, 3);
            fail("wrote a configuration file that no longer matches its manifest entry");
        } catch (ArchiveWriter.SourceChanged e) {
            assertTrue(e.getMessage(), e.getMessage().contains(conf.toString()));
        }
    }

    private static TarArchiveEntry dir(String name, int mode) {
        TarArchiveEntry t = new TarArchiveEntry(name);
        t.setMode(mode);
        return t;
    }

    private static String sha(String s) {
        java.security.MessageDigest d = Hashes.sha256();
        d.update(s.getBytes(StandardCharsets.UTF_8));
        return Hashes.hex(d);
    }
}
