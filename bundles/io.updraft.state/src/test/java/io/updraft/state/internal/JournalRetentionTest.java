package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.fs.DurableFiles;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;

/** At most {@code journalsKept} journals: the oldest by their last entry go, the current update's never. */
public class JournalRetentionTest {
    private static final int KEPT = JournalRetention.MIN_KEPT;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path journalDir;
    private final TickingClock clock = new TickingClock();

    @Before
    public void setUp() {
        home = tmp.getRoot().toPath();
        journalDir = home.resolve("state/journal");
    }

    private DeviceStateComponent open() throws StateException {
        return open(AtomicFile.DirectorySync.FSYNC);
    }

    private DeviceStateComponent open(AtomicFile.DirectorySync sync) throws StateException {
        return new DeviceStateComponent(TestConfigs.config(home, 500, KEPT), clock, sync);
    }

    private static void start(DeviceStateComponent s, int... ns) throws StateException {
        for (int n : ns) {
            s.appendJournal("u-" + n, "scheduled", Map.of());
        }
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static Set<String> ids(int... ns) {
        Set<String> out = new TreeSet<>();
        for (int n : ns) {
            out.add("u-" + n);
        }
        return out;
    }

    /** Update ids with any file in the journal directory, previous copies and temporary files included. */
    private Set<String> onDisk() throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.indexOf(".json")))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static Set<String> held(DeviceStateComponent s, int upTo) throws StateException {
        Set<String> out = new TreeSet<>();
        for (int n = 0; n < upTo; n++) {
            if (!s.journal("u-" + n).isEmpty()) {
                out.add("u-" + n);
            }
        }
        return out;
    }

    @Test
    public void theNewestByTheirLastEntryAreKept() throws Exception {
        DeviceStateComponent s = open();
        start(s, range(0, KEPT));
        assertEquals(ids(range(0, KEPT)), onDisk());
        // u-0 was started first but is the latest to do something: u-1 is now the oldest.
        s.appendJournal("u-0", "downloaded", Map.of());
        start(s, KEPT);
        assertEquals(ids(range(0, KEPT + 1)).stream().filter(id -> !id.equals("u-1")).toList(),
                onDisk().stream().toList());
        start(s, range(KEPT + 1, KEPT + 5));
        Set<String> expected = ids(range(6, KEPT + 5));
        expected.add("u-0");
        assertEquals(expected, onDisk());
        assertEquals(expected, held(s, KEPT + 5));
        assertEquals(2, s.journal("u-0").size());
    }

    @Test
    public void theCurrentUpdatesJournalIsNeverRemoved() throws Exception {
        DeviceStateComponent s = open();
        start(s, 0);
        s.transition(UpdateState.CHECKING, "u-0", "checking");
        start(s, range(1, 3 * KEPT));
        assertEquals(1, s.journal("u-0").size());
        assertTrue(onDisk().contains("u-0"));
        assertEquals(KEPT, onDisk().size());
        // Once the state machine names another update, u-0 is just the oldest journal.
        s.transition(UpdateState.IDLE, "", "done");
        start(s, 3 * KEPT);
        assertFalse(onDisk().contains("u-0"));
        assertTrue(s.journal("u-0").isEmpty());
        assertEquals(KEPT, onDisk().size());
    }

    @Test
    public void retentionContinuesAfterARestart() throws Exception {
        start(open(), range(0, KEPT + 2));
        DeviceStateComponent again = open();
        assertEquals(ids(range(2, KEPT + 2)), held(again, KEPT + 3));
        // The ages come from the entries read back: u-2 is the oldest now.
        start(again, KEPT + 2);
        assertEquals(ids(range(3, KEPT + 3)), held(again, KEPT + 3));
        assertEquals(ids(range(3, KEPT + 3)), onDisk());
        DeviceStateComponent third = open();
        assertEquals(ids(range(3, KEPT + 3)), held(third, KEPT + 3));
        assertEquals(Set.of(), Set.copyOf(third.recoveryNotices()));
    }

    @Test
    public void removalCutBetweenItsTwoStepsLeavesWholeJournals() throws Exception {
        AtomicInteger syncsUntilFailure = new AtomicInteger(-1);
        DeviceStateComponent s = open(dir -> {
            if (syncsUntilFailure.getAndDecrement() == 0) {
                throw new IOException("simulated power cut");
            }
            DurableFiles.syncDirectory(dir);
        });
        for (int n = 0; n < KEPT; n++) {
            start(s, n);
            s.appendJournal("u-" + n, "downloaded", Map.of());
        }
        assertTrue(Files.exists(journalDir.resolve("u-0.json.prev")));
        // The new journal's write syncs once; the next sync is the one between removal's two steps.
        syncsUntilFailure.set(1);
        start(s, KEPT);
        assertFalse(Files.exists(journalDir.resolve("u-0.json.prev")));
        assertTrue(Files.exists(journalDir.resolve("u-0.json")));
        assertEquals(2, s.journal("u-0").size());

        // Eleven whole journals were left; opening the store takes the oldest, the next one started the one after.
        DeviceStateComponent again = open();
        assertEquals(Set.of(), Set.copyOf(again.recoveryNotices()));
        assertTrue(again.journal("u-0").isEmpty());
        assertEquals(ids(range(1, KEPT + 1)), onDisk());
        start(again, KEPT + 1);
        assertEquals(ids(range(2, KEPT + 2)), onDisk());
        assertEquals(ids(range(2, KEPT + 2)), held(open(), KEPT + 2));
    }

    /** One second later at every reading, so that every journal entry has its own time. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T10:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a fixed zone is all the store needs");
        }
    }
}
