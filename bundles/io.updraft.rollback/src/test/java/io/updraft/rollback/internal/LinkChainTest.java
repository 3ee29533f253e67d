package io.updraft.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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

/**
 * Slot links are resolved the way the kernel resolves them, through the other links of the slot: each link of a
 * chain may look harmless on its own ({@code d/up -> ..} is the slot itself) while the chain leaves the slot
 * ({@code esc -> d/up/..} is the slot's parent).
 */
public class LinkChainTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:01:02Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path target;
    private SnapshotComponent service;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        target = tmp.getRoot().toPath().resolve("target");
        service = new SnapshotComponent(Fixtures.config(home, 2), Fixtures.ticking(T0));
    }

    @Test
    public void aChainOfSlotLinksLeavingTheSlotIsRefused() throws Exception {
        Snapshot s = plant("d/up/..");
        try {
            service.restore(s, EnumSet.of(Part.SLOT), target);
            fail("restored a slot link that leaves the slot through another link");
        } catch (InstallException e) {
            assertEquals(e.getMessage(), Reason.NO_SNAPSHOT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("'slot/esc'"));
        }
        assertFalse("nothing restored", Files.exists(target));
    }

    @Test
    public void aChainOfSlotLinksStayingInsideIsRestored() throws Exception {
        Snapshot s = plant("d/up/d");
        StagedSlot restored = service.restore(s, EnumSet.of(Part.SLOT), target);
        assertEquals(3, restored.entries().size());
        assertEquals("d/up/d", Files.readSymbolicLink(target.resolve("esc")).toString());
        assertEquals(target.resolve("d").toRealPath(), target.resolve("esc").toRealPath());
    }

    private Snapshot plant(String escTarget) throws Exception {
        List<ManifestEntry> entries = List.of(
                new ManifestEntry("slot/d", "dir", 0755, 0, "", "", "d", -1, -1),
                new ManifestEntry("slot/d/up", "link", 0, 0, "", "..", "d/up", -1, -1),
                new ManifestEntry("slot/esc", "link", 0, 0, "", escTarget, "esc", -1, -1));
        InnerManifest m = new InnerManifest("hello", Version.parse("1.0.0"), "archive", T0, List.of(), List.of(),
                entries);
        StagedSlot staged = new StagedSlot("hello", Version.parse("1.0.0"), "archive", List.of(
                new SlotFile("d", "dir", 0, "", 0755, ""),
                new SlotFile("d/up", "link", 0, "", 0, ".."),
                new SlotFile("esc", "link", 0, "", 0, escTarget)));
        TarArchiveEntry d = new TarArchiveEntry("slot/d/");
        d.setMode(0755);
        return Crafted.plant(home, "hello-1.0.0-20261123T170102Z", m, staged, List.of(
                new Crafted.Entry(d, null), new Crafted.Entry(link("slot/d/up", ".."), null),
                new Crafted.Entry(link("slot/esc", escTarget), null)));
    }

    private static TarArchiveEntry link(String name, String to) {
        TarArchiveEntry t = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        t.setLinkName(to);
        t.setMode(0);
        return t;
    }
}
