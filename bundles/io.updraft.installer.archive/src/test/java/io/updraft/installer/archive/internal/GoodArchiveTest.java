package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/** Real application archives: nested folders, in-slot links, modes, owners, every compression. */
public class GoodArchiveTest {
    private static final byte[] RUN = "#!/bin/sh\necho robot\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONF = "speed=3\n".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() throws IOException {
        fx = new Fixture(tmp.getRoot().toPath());
    }

    @Test
    public void aTarGzIsExtractedWithFoldersLinksAndModes() throws Exception {
        assertApplicationTree("app.tar.gz");
    }

    @Test
    public void aTarZstIsExtracted() throws Exception {
        assertApplicationTree("app.tar.zst");
    }

    @Test
    public void aTarXzIsExtracted() throws Exception {
        assertApplicationTree("app.tar.xz");
    }

    @Test
    public void aPlainTarAndATgzAreExtracted() throws Exception {
        assertApplicationTree("app.tar");
        assertApplicationTree("app.tgz");
    }

    private void assertApplicationTree(String name) throws Exception {
        try (TarBuilder t = fx.archive(name)) {
            t.dir("./", 0755).dir("./bin", 0755).file("./bin/run", 0755, RUN)
                    .dir("./etc", 0750).file("./etc/robot.conf", 0640, CONF)
                    .file("./lib/deep/er/libx.so.1", 0644, new byte[5000])
                    .symlink("./lib/deep/er/libx.so", "libx.so.1")
                    .symlink("./bin/conf", "../etc/robot.conf")
                    .symlink("./here", ".");
        }
        List<Integer> progress = new ArrayList<>();
        Path slot = fx.slot("b");
        StagedSlot staged = fx.installer.stage(Fixture.spec(), fx.archivePayload(name), slot,
                (done, total) -> progress.add(done == total ? 1 : 0));
        assertEquals(1, (int) progress.get(progress.size() - 1));

        assertEquals(List.of("bin", "bin/conf", "bin/run", "etc", "etc/robot.conf", "here", "lib", "lib/deep",
                "lib/deep/er", "lib/deep/er/libx.so", "lib/deep/er/libx.so.1"),
                staged.entries().stream().map(SlotFile::path).toList());
        assertEquals("robot", staged.component());
        assertEquals(ComponentSpec.ARCHIVE, staged.installKind());
        SlotFile run = entry(staged, "bin/run");
        assertEquals(new SlotFile("bin/run", "file", RUN.length, Fixture.sha256(RUN), 0755, ""), run);
        assertEquals(new SlotFile("bin/conf", "link", 0, "", 0, "../etc/robot.conf"), entry(staged, "bin/conf"));
        assertEquals(0750, entry(staged, "etc").mode());
        assertEquals(Node.IMPLIED_DIR_MODE, entry(staged, "lib/deep").mode());

        assertEquals(0755, SlotTree.mode(slot.resolve("bin/run")));
        assertEquals(0640, SlotTree.mode(slot.resolve("etc/robot.conf")));
        assertEquals(0750, SlotTree.mode(slot.resolve("etc")));
        assertEquals("speed=3\n", Files.readString(slot.resolve("bin/conf")));
        assertEquals(5000, Files.size(slot.resolve("lib/deep/er/libx.so")));
        fx.installer.verify(Fixture.spec(), staged, slot);
        fx.installer.clear(Fixture.spec(), slot);
    }

    @Test
    public void setIdBitsAreDroppedUnlessTheComponentAllowsThem() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("bin/su-helper", 04755, RUN).dir("shared", 01777);
        }
        Path slot = fx.slot("a");
        StagedSlot plain = fx.installer.stage(Fixture.spec(), fx.archivePayload("app.tar"), slot, (d, t) -> { });
        assertEquals(0755, SlotTree.mode(slot.resolve("bin/su-helper")));
        assertEquals(0777, SlotTree.mode(slot.resolve("shared")));
        fx.installer.verify(Fixture.spec(), plain, slot);

        ComponentSpec allowing = Fixture.spec(Map.of(ArchiveLimits.ALLOW_SET_ID, "true"));
        StagedSlot kept = fx.installer.stage(allowing, fx.archivePayload("app.tar"), slot, (d, t) -> { });
        assertEquals(04755, SlotTree.mode(slot.resolve("bin/su-helper")));
        assertEquals(01777, SlotTree.mode(slot.resolve("shared")));
        fx.installer.verify(allowing, kept, slot);
    }

    @Test
    public void ownerAndGroupComeFromTheSpecNotTheArchive() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.dir("bin", 0755).file("bin/run", 04755, RUN).symlink("bin/go", "run");
        }
        ComponentSpec spec = Fixture.spec("1234", "2345", Map.of(ArchiveLimits.ALLOW_SET_ID, "true"));
        Path slot = fx.slot("a");
        fx.installer.stage(spec, fx.archivePayload("app.tar"), slot, (d, t) -> { });
        assumeTrue("changing owners needs root", Fixture.isRoot());
        for (String p : List.of("bin", "bin/run", "bin/go")) {
            assertEquals(p, 1234, Files.getAttribute(slot.resolve(p), "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(p, 2345, Files.getAttribute(slot.resolve(p), "unix:gid", LinkOption.NOFOLLOW_LINKS));
        }
        // Set-id survives the owner change because the mode is set after it.
        assertEquals(04755, SlotTree.mode(slot.resolve("bin/run")));
    }

    @Test
    public void anUnknownOwnerFailsBeforeAnythingIsWritten() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("x", 0644, CONF);
        }
        try {
            fx.installer.stage(Fixture.spec("no-such-user-updraft", null, Map.of()), fx.archivePayload("app.tar"),
                    fx.slot("a"), (d, t) -> { });
            throw new AssertionError("staged with an unknown owner");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.STAGE_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("no-such-user-updraft"));
        }
        assertFalse(Files.exists(fx.slot("a").resolve("x")));
    }

    @Test
    public void stagingReplacesWhatTheSlotHeld() throws Exception {
        Path slot = fx.slot("a");
        Files.createDirectories(slot.resolve("old/ro"));
        Files.writeString(slot.resolve("old/ro/stale"), "1.0.0");
        Files.setAttribute(slot.resolve("old/ro"), "unix:mode", 0555);
        Path outside = Files.createDirectories(fx.root.resolve("keep"));
        Files.writeString(outside.resolve("precious"), "x");
        Files.createSymbolicLink(slot.resolve("escape"), outside);
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("new", 0644, CONF);
        }
        StagedSlot staged = fx.installer.stage(Fixture.spec(), fx.archivePayload("app.tar"), slot, (d, t) -> { });
        assertEquals(List.of("new"), staged.entries().stream().map(SlotFile::path).toList());
        assertTrue("clearing never follows a link", Files.exists(outside.resolve("precious")));
        assertEquals(0755, SlotTree.mode(slot));
        fx.installer.verify(Fixture.spec(), staged, slot);
    }

    @Test
    public void aCorruptArchiveIsABadPackage() throws Exception {
        Files.write(fx.payloadDir.resolve("app.tar.gz"), "not gzip at all".getBytes(StandardCharsets.UTF_8));
        try {
            fx.installer.stage(Fixture.spec(), fx.archivePayload("app.tar.gz"), fx.slot("a"), (d, t) -> { });
            throw new AssertionError("staged garbage");
        } catch (InstallException e) {
            assertEquals(e.getMessage(), InstallException.Reason.BAD_PACKAGE, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("app.tar.gz"));
        }
    }

    @Test
    public void badLimitsAreNamed() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("x", 0644, CONF);
        }
        for (Map.Entry<String, String> bad : Map.of(ArchiveLimits.MAX_ENTRIES, "0", ArchiveLimits.MAX_EXPANSION_RATIO,
                "lots", ArchiveLimits.MAX_BYTES, "1 TB", ArchiveLimits.ALLOW_SET_ID, "yes").entrySet()) {
            try {
                fx.installer.stage(Fixture.spec(Map.of(bad.getKey(), bad.getValue())), fx.archivePayload("app.tar"),
                        fx.slot("a"), (d, t) -> { });
                throw new AssertionError("accepted " + bad);
            } catch (InstallException e) {
                assertEquals(InstallException.Reason.STAGE_FAILED, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains(bad.getKey()) && e.getMessage().contains(bad.getValue()));
            }
        }
    }

    private static SlotFile entry(StagedSlot staged, String path) {
        return staged.entries().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
