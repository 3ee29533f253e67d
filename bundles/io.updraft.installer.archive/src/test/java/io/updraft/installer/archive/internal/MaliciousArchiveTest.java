package io.updraft.installer.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgress;

/** Archives that try to leave the slot or plant special files: each refused by name, nothing written outside. */
public class MaliciousArchiveTest {
    private static final byte[] EVIL = "evil\n".getBytes(StandardCharsets.UTF_8);

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture fx;

    @Before
    public void setUp() throws IOException {
        fx = new Fixture(tmp.getRoot().toPath());
    }

    @Test
    public void parentTraversalIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("ok.txt", 0644, EVIL).file("../x", 0644, EVIL);
        }
        assertRefused("app.tar", "../x");
        assertFalse(Files.exists(fx.componentDir.resolve("slots/x")));
    }

    @Test
    public void absolutePathIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("/etc/updraft-test-x", 0644, EVIL);
        }
        assertRefused("app.tar", "/etc/updraft-test-x");
        assertFalse(Files.exists(Path.of("/etc/updraft-test-x")));
    }

    @Test
    public void traversalInsideAPathIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar.gz")) {
            t.dir("a", 0755).file("a/../../x", 0644, EVIL);
        }
        assertRefused("app.tar.gz", "a/../../x");
    }

    @Test
    public void symlinkToAnAbsolutePathIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.symlink("etc", "/etc");
        }
        assertRefused("app.tar", "etc");
    }

    @Test
    public void symlinkUpAndOutIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.symlink("a", "../..");
        }
        assertRefused("app.tar", "a");
    }

    @Test
    public void symlinkFromADeeperFolderThatClimbsOutIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.dir("lib", 0755).dir("lib/x", 0755).symlink("lib/x/up", "../../../etc");
        }
        assertRefused("app.tar", "lib/x/up");
    }

    @Test
    public void writingThroughAnExtractedSymlinkIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.dir("data", 0755).symlink("a", "data").file("a/x", 0644, EVIL);
        }
        assertRefused("app.tar", "a/x");
        assertFalse(Files.exists(fx.slot("a").resolve("data/x")));
    }

    @Test
    public void aChainOfInSlotLinksThatEndsOutsideIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            // "x" alone is harmless; "y -> x/.." resolves through it to the slot's parent.
            t.symlink("x", ".").symlink("y", "x/..");
        }
        assertRefused("app.tar", "y");
    }

    @Test
    public void goingUpFromAPartNotYetInTheSlotIsRefused() throws Exception {
        // A later "z -> ." would make y point at the slot's parent.
        try (TarBuilder t = fx.archive("app.tar")) {
            t.symlink("y", "z/..");
        }
        assertRefused("app.tar", "y");
    }

    @Test
    public void hardLinkIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("a", 0644, EVIL).hardlink("b", "a");
        }
        assertRefused("app.tar", "b");
    }

    @Test
    public void characterDeviceIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.special("dev/null", TarConstants.LF_CHR);
        }
        assertRefused("app.tar", "dev/null");
        assertFalse(Files.exists(fx.slot("a").resolve("dev/null")));
    }

    @Test
    public void blockDeviceIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.special("sda", TarConstants.LF_BLK);
        }
        assertRefused("app.tar", "sda");
    }

    @Test
    public void fifoIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.special("pipe", TarConstants.LF_FIFO);
        }
        assertRefused("app.tar", "pipe");
    }

    @Test
    public void duplicateEntryIsRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("bin/run", 0755, EVIL).file("./bin//run", 0755, EVIL);
        }
        assertRefused("app.tar", "./bin//run");
    }

    @Test
    public void tooManyEntriesAreRefused() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            for (int i = 0; i < 11; i++) {
                t.file("f" + i, 0644, EVIL);
            }
        }
        InstallException e = stage(Fixture.spec(Map.of(ArchiveLimits.MAX_ENTRIES, "10")), "app.tar");
        assertUnsafe(e, "f10");
        assertTrue(e.getMessage(), e.getMessage().contains("10 entries"));
    }

    @Test
    public void aGzipBombIsStoppedBeforeItsContentIsWritten() throws Exception {
        try (TarBuilder t = fx.archive("bomb.tar.gz")) {
            t.zeros("zeros", 1L << 30);
        }
        long packageBytes = Files.size(fx.payloadDir.resolve("bomb.tar.gz"));
        assertTrue("1 GiB of zeros compresses well: " + packageBytes, packageBytes < (1L << 30) / 200);
        assertRefused("bomb.tar.gz", "zeros");
        assertEquals(0, Fixture.contentBytes(fx.slot("a")));
    }

    @Test
    public void aZstdBombSpreadOverEntriesIsStoppedWhenItCrossesTheBound() throws Exception {
        // 1 GiB in 4096 entries, each far below the bound: only the running total can stop it.
        long perEntry = 256L << 10;
        try (TarBuilder t = fx.archive("bomb.tar.zst")) {
            for (int i = 0; i < 4096; i++) {
                t.zeros(String.format("part%04d", i), perEntry);
            }
        }
        long packageBytes = Files.size(fx.payloadDir.resolve("bomb.tar.zst"));
        long bound = (long) (ArchiveLimits.DEFAULT_MAX_EXPANSION_RATIO * packageBytes);
        assertTrue("the bound is many entries: " + bound, bound > 4 * perEntry && bound < (1L << 30) / 4);
        String crossing = String.format("part%04d", bound / perEntry);
        InstallException e = stage(Fixture.spec(), "bomb.tar.zst");
        assertUnsafe(e, crossing);
        long written = Fixture.contentBytes(fx.slot("a"));
        assertTrue("stopped at the bound: " + written + " of " + bound, written <= bound && written > bound - perEntry);
    }

    @Test
    public void maxBytesBoundsAnArchiveBelowTheRatio() throws Exception {
        try (TarBuilder t = fx.archive("app.tar")) {
            t.file("a", 0644, new byte[600]).file("b", 0644, new byte[600]);
        }
        InstallException e = stage(Fixture.spec(Map.of(ArchiveLimits.MAX_BYTES, "1KiB")), "app.tar");
        assertUnsafe(e, "'b'");
        assertTrue(e.getMessage(), e.getMessage().contains("maxBytes"));
    }

    private void assertRefused(String archive, String entry) throws Exception {
        assertUnsafe(stage(Fixture.spec(), archive), "'" + entry + "'");
    }

    private InstallException stage(ComponentSpec spec, String archive) throws Exception {
        Map<String, String> before = fx.outside();
        try {
            fx.installer.stage(spec, fx.archivePayload(archive), fx.slot("a"), InstallProgress.NONE);
            fail("staged " + archive);
            return null;
        } catch (InstallException e) {
            assertEquals("nothing outside the slot changed", before, fx.outside());
            return e;
        }
    }

    private static void assertUnsafe(InstallException e, String named) {
        assertEquals(e.getMessage(), Reason.UNSAFE_ARCHIVE, e.reason());
        assertTrue(e.getMessage() + " names " + named, e.getMessage().contains(named));
        assertTrue(e.getMessage(), e.getMessage().startsWith("component robot: "));
    }
}
