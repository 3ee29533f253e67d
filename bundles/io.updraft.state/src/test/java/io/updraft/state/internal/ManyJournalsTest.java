package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.update.JournalEntry;

/**
 * A store from before journals were removed, with thousands of them: opened with a limit above their number it keeps
 * all of them; opened with the default limit it comes down to the newest in one go, and the next journal started
 * takes one more. Prints how long opening takes before and after, for comparison only; the numbers depend too much
 * on the machine to be asserted.
 */
public class ManyJournalsTest {
    private static final int JOURNALS = 5_000;
    private static final int ENTRIES = 12;
    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void thousandsOfJournalsShrinkToTheLimitWhenTheStoreOpens() throws Exception {
        Path home = tmp.getRoot().toPath();
        Path dir = home.resolve("state/journal");
        Files.createDirectories(dir);
        StateCodec codec = new StateCodec();
        for (int j = 0; j < JOURNALS; j++) {
            List<JournalEntry> entries = new ArrayList<>();
            for (int i = 1; i <= ENTRIES; i++) {
                entries.add(new JournalEntry(i, T0.plusSeconds(j * 100L + i), "step-" + i,
                        Map.of("component", "app", "slot", "b", "n", Integer.toString(i))));
            }
            byte[] file = Envelope.wrap(codec.journal("u-" + j, entries));
            // Written directly: thousands of durable writes would only slow the test down.
            Files.write(dir.resolve("u-" + j + StateStore.JSON), file);
            Files.write(dir.resolve("u-" + j + StateStore.JSON + AtomicFile.PREV_SUFFIX), file);
        }
        Clock later = Clock.fixed(T0.plusSeconds(JOURNALS * 100L), ZoneOffset.UTC);

        // Opened twice so that the time compared below is not that of loading and compiling the classes.
        new DeviceStateComponent(TestConfigs.config(home, 500, JOURNALS), later);
        long t0 = System.nanoTime();
        DeviceStateComponent all = new DeviceStateComponent(TestConfigs.config(home, 500, JOURNALS), later);
        long opened = System.nanoTime() - t0;
        assertEquals(ENTRIES, all.journal("u-0").size());
        assertEquals(ENTRIES, all.journal("u-" + (JOURNALS - 1)).size());
        assertEquals(JOURNALS, ids(dir).size());

        DeviceStateComponent s = new DeviceStateComponent(TestConfigs.config(home), later);
        Set<String> expected = new TreeSet<>();
        for (int j = JOURNALS - JournalRetention.DEFAULT_KEPT; j < JOURNALS; j++) {
            expected.add("u-" + j);
        }
        assertEquals(expected, ids(dir));
        assertTrue(s.journal("u-0").isEmpty());

        s.appendJournal("u-new", "scheduled", Map.of());
        expected.remove("u-" + (JOURNALS - JournalRetention.DEFAULT_KEPT));
        expected.add("u-new");
        assertEquals(expected, ids(dir));

        t0 = System.nanoTime();
        DeviceStateComponent again = new DeviceStateComponent(TestConfigs.config(home), later);
        long reopened = System.nanoTime() - t0;
        assertEquals(List.of(), again.recoveryNotices());
        assertEquals(ENTRIES, again.journal("u-" + (JOURNALS - 1)).size());
        System.out.printf("Opening the store with %d journals of %d entries took %d ms; with the %d kept, %d ms%n",
                JOURNALS, ENTRIES, opened / 1_000_000, JournalRetention.DEFAULT_KEPT, reopened / 1_000_000);
    }

    /** Update ids with any file in {@code dir}. */
    private static Set<String> ids(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.indexOf(StateStore.JSON)))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
