package io.updraft.rollback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.ComponentSpec;
import io.updraft.install.Snapshot;
import io.updraft.install.StagedSlot;

/** Ids, retention, listing, deleting, clean-up and settings. */
public class StoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path slot;
    private ComponentSpec spec;

    @Before
    public void setUp() throws Exception {
        home = tmp.newFolder("home").toPath();
        slot = tmp.newFolder("slot").toPath();
        Fixtures.write(slot.resolve("app"), "app", 0755);
        spec = Fixtures.spec("hello", "archive", List.of(), List.of());
    }

    private Snapshot take(SnapshotComponent service, String version) throws Exception {
        return service.create(spec, Fixtures.describe("hello", version, slot), slot);
    }

    @Test
    public void retentionKeepsTheNewestTwo() throws Exception {
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(home, 2),
                Fixtures.ticking(Instant.parse("2026-11-23T17:00:00Z")));
        Snapshot first = take(service, "1.0.0");
        Snapshot second = take(service, "1.1.0");
        assertEquals(List.of(second, first), service.list("hello"));
        Snapshot third = take(service, "1.2.0");

        assertEquals(List.of(third, second), service.list("hello"));
        assertTrue(service.find(first.id()).isEmpty());
        assertEquals(List.of(second.id() + ".json", second.id() + ".tar.zst", third.id() + ".json",
                third.id() + ".tar.zst"), Fixtures.files(home.resolve("snapshots/hello")));
        assertEquals("hello-1.2.0-20261123T170200Z", third.id());
    }

    @Test
    public void snapshotsInTheSameSecondGetNumberedIds() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-23T17:00:00.250Z"), ZoneOffset.UTC);
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(home, 3), fixed);
        Snapshot a = take(service, "1.0.0");
        Snapshot b = take(service, "1.0.0");
        Snapshot c = take(service, "1.0.0");
        assertEquals("hello-1.0.0-20261123T170000Z", a.id());
        assertEquals("hello-1.0.0-20261123T170000Z-2", b.id());
        assertEquals("hello-1.0.0-20261123T170000Z-3", c.id());
        assertEquals(3, service.list("hello").size());
    }

    @Test
    public void findDeleteAndARecordWithoutItsArchive() throws Exception {
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(home, 2),
                Fixtures.ticking(Instant.parse("2026-11-23T17:00:00Z")));
        Snapshot a = take(service, "1.0.0");
        Snapshot b = take(service, "1.1.0");
        assertEquals(a, service.find(a.id()).orElseThrow());

        Files.delete(home.resolve("snapshots/hello/" + a.id() + ".tar.zst"));
        assertTrue("a record whose archive is gone is skipped", service.find(a.id()).isEmpty());
        assertEquals(List.of(b), service.list("hello"));

        assertTrue(service.delete(b.id()));
        assertFalse(service.delete(b.id()));
        assertEquals(List.of(), service.list("hello"));
        assertEquals(List.of(), service.list("other"));
        // Ids come from users (shell, REST): a path or an empty text names no snapshot.
        for (String notAnId : new String[] {"../../etc/passwd", "hello-1.0.0/../../x", "", null}) {
            assertTrue(service.find(notAnId).isEmpty());
            assertFalse(service.delete(notAnId));
        }
    }

    @Test
    public void leftoversOfAnInterruptedSnapshotAreRemovedAtStart() throws Exception {
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(home, 2),
                Fixtures.ticking(Instant.parse("2026-11-23T17:00:00Z")));
        Snapshot kept = take(service, "1.0.0");
        Path dir = home.resolve("snapshots/hello");
        Files.writeString(dir.resolve("hello-1.1.0-20261123T170100Z.tar.zst.tmp"), "partial");
        Files.writeString(dir.resolve("hello-1.1.0-20261123T170100Z.tar.zst"), "renamed, record not yet written");

        new SnapshotComponent(Fixtures.config(home, 2), Clock.systemUTC());
        assertEquals(List.of(kept.id() + ".json", kept.id() + ".tar.zst"), Fixtures.files(dir));
    }

    @Test
    public void badSettingsAreRefusedByName() {
        assertRefused(Map.of("home", "relative/path"), "home 'relative/path'");
        assertRefused(Map.of("home", "/x", "keep", 0), "keep 0");
        assertRefused(Map.of("home", "/x", "keep", 101), "keep 101");
        assertRefused(Map.of("home", "/x", "level", 23), "level 23");
    }

    @Test
    public void defaultsKeepTwoAtLevelThree() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("home", home.toString());
        SnapshotComponent.Config c = Fixtures.config(p);
        assertEquals(2, c.keep());
        assertEquals(3, c.level());
        SnapshotComponent service = new SnapshotComponent(c, Fixtures.ticking(Instant.parse("2026-11-23T17:00:00Z")));
        for (int i = 0; i < 4; i++) {
            StagedSlot staged = Fixtures.describe("hello", "1.0." + i, slot);
            service.create(spec, staged, slot);
        }
        assertEquals(2, service.list("hello").size());
    }

    private static void assertRefused(Map<String, Object> settings, String named) {
        try {
            new SnapshotComponent(Fixtures.config(settings));
            fail("accepted " + settings);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(named));
        }
    }
}
