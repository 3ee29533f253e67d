package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.update.InstalledComponent;
import io.updraft.update.RecoveryNotice;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** Damaged state files found at start: detected, reported, recovered from the previous copy or started afresh. */
public class RecoveryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path state;

    @Before
    public void setUp() {
        home = tmp.getRoot().toPath();
        state = home.resolve("state");
    }

    private DeviceStateComponent open() throws Exception {
        return new DeviceStateComponent(TestConfigs.config(home));
    }

    private static InstalledComponent app(int patch) {
        return new InstalledComponent("app", Version.of(1, 0, patch), java.time.Instant.EPOCH);
    }

    private static void flipByte(Path file, int fromEnd) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[b.length - fromEnd] ^= 0x01;
        Files.write(file, b);
    }

    private List<String> names(String glob) throws IOException {
        try (var s = Files.newDirectoryStream(state, glob)) {
            return java.util.stream.StreamSupport.stream(s.spliterator(), false)
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void corruptCurrentIsRestoredFromPrevious() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.recordInstalled(app(2));
        flipByte(state.resolve("device.json"), 5);

        DeviceStateComponent again = open();
        assertEquals(Version.of(1, 0, 1), again.installed("app").get().version());
        assertEquals(1, again.recoveryNotices().size());
        RecoveryNotice n = again.recoveryNotices().get(0);
        assertTrue(n.file(), n.file().endsWith("device.json"));
        assertTrue(n.problem(), n.problem().contains("checksum mismatch"));
        assertTrue(n.action(), n.action().contains("restored from previous copy"));
        assertEquals(1, names("device.json.corrupt-*").size());
        // The restored file is intact: the next start is quiet.
        assertTrue(open().recoveryNotices().isEmpty());
    }

    @Test
    public void bothCopiesCorruptStartsEmptyAndKeepsTheFiles() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.recordInstalled(app(2));
        flipByte(state.resolve("device.json"), 3);
        flipByte(state.resolve("device.json.prev"), 3);

        DeviceStateComponent again = open();
        assertTrue(again.installedComponents().isEmpty());
        assertEquals(UpdateState.IDLE, again.status().state());
        assertEquals(1, again.recoveryNotices().size());
        RecoveryNotice n = again.recoveryNotices().get(0);
        assertTrue(n.problem(), n.problem().contains("previous copy unusable too"));
        assertTrue(n.action(), n.action().startsWith("started from empty state"));
        assertEquals(1, names("device.json.corrupt-*").size());
        assertEquals(1, names("device.json.prev.corrupt-*").size());
        assertTrue(open().recoveryNotices().isEmpty());
    }

    @Test
    public void truncatedFileIsDetected() throws Exception {
        DeviceStateComponent s = open();
        s.transition(UpdateState.CHECKING, "", "");
        s.transition(UpdateState.IDLE, "", "");
        Path history = state.resolve("history.json");
        byte[] b = Files.readAllBytes(history);
        Files.write(history, Arrays.copyOf(b, b.length / 2));

        DeviceStateComponent again = open();
        RecoveryNotice n = again.recoveryNotices().get(0);
        assertTrue(n.file(), n.file().endsWith("history.json"));
        assertTrue(n.problem(), n.problem().startsWith("truncated"));
        assertEquals(1, again.history(10).size());
        // device.json was intact, so the current state and the sequence are kept.
        assertEquals(UpdateState.IDLE, again.status().state());
        assertEquals(3, again.transition(UpdateState.CHECKING, "", "").sequence());
    }

    @Test
    public void intactButUnparseableContentIsDetected() throws Exception {
        open().recordInstalled(app(1));
        // Intact envelope, known schema, but not a device state: corrupt, recovered from the previous copy.
        Files.write(state.resolve("device.json"),
                Envelope.wrap("{\"schema\":1,\"kind\":\"device\"}".getBytes(StandardCharsets.UTF_8)));
        DeviceStateComponent again = open();
        String problem = again.recoveryNotices().get(0).problem();
        assertTrue(problem, problem.contains("field 'status' is missing"));
        assertEquals(1, names("device.json.corrupt-*").size());

        // Without a schema number at all it is corrupt too.
        Files.write(state.resolve("history.json"),
                Envelope.wrap("{\"kind\":\"history\",\"transitions\":[]}".getBytes(StandardCharsets.UTF_8)));
        problem = open().recoveryNotices().get(0).problem();
        assertTrue(problem, problem.contains("field 'schema' is missing"));
    }

    /** A file in a newer schema, as a newer agent leaves it when the device rolls back to this version. */
    private static byte[] newer(String kind) {
        return Envelope.wrap(("{\"schema\":" + (StateCodec.SCHEMA + 1) + ",\"kind\":\"" + kind + "\",\"future\":[]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every file under home with its content, to prove that nothing was touched. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(home.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private void assertRefusedAsNewer(Path file) throws Exception {
        Map<String, String> before = snapshot();
        StateException e = assertThrows(StateException.class, this::open);
        String m = e.getMessage();
        assertTrue(m, m.contains(file.toString()));
        assertTrue(m, m.contains("schema version " + (StateCodec.SCHEMA + 1)));
        assertTrue(m, m.contains("reads schema " + StateCodec.SCHEMA));
        assertTrue(m, m.contains("written by a newer Updraft; refusing to start rather than lose state"));
        assertEquals(before, snapshot());
    }

    @Test
    public void newerSchemaRefusesToStartAndTouchesNothing() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.recordInstalled(app(2));
        byte[] older = Files.readAllBytes(state.resolve("device.json.prev"));
        Files.write(state.resolve("device.json"), newer("device"));
        Files.write(state.resolve("device.json.prev"), newer("device"));
        assertRefusedAsNewer(state.resolve("device.json"));
        // An older previous copy is no way out either: it would silently drop what the newer agent recorded.
        Files.write(state.resolve("device.json.prev"), older);
        assertRefusedAsNewer(state.resolve("device.json"));
    }

    @Test
    public void newerPreviousCopyBehindACorruptFileRefusesToStart() throws Exception {
        DeviceStateComponent s = open();
        s.appendJournal("u-1", "downloaded", Map.of());
        s.appendJournal("u-1", "staged", Map.of());
        Files.write(state.resolve("journal/u-1.json.prev"), newer("journal"));
        flipByte(state.resolve("journal/u-1.json"), 2);
        assertRefusedAsNewer(state.resolve("journal/u-1.json.prev"));
    }

    @Test
    public void newerFileRefusesBeforeAnotherFileIsRecovered() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.recordInstalled(app(2));
        s.transition(UpdateState.CHECKING, "", "");
        // device.json alone could be restored from its previous copy, but history.json is from a newer agent.
        flipByte(state.resolve("device.json"), 3);
        Files.write(state.resolve("history.json"), newer("history"));
        assertRefusedAsNewer(state.resolve("history.json"));
    }

    @Test
    public void corruptJournalIsRestoredFromPrevious() throws Exception {
        DeviceStateComponent s = open();
        s.appendJournal("u-1", "downloaded", Map.of());
        s.appendJournal("u-1", "staged", Map.of());
        Files.write(state.resolve("journal/u-1.json"), new byte[0]);

        DeviceStateComponent again = open();
        assertEquals(1, again.journal("u-1").size());
        RecoveryNotice n = again.recoveryNotices().get(0);
        assertTrue(n.file(), n.file().endsWith("u-1.json"));
        assertTrue(n.problem(), n.problem().contains("empty"));
        assertEquals(2, again.appendJournal("u-1", "staged", Map.of()).sequence());
    }

    @Test
    public void leftoverTemporaryFilesAreCleanedQuietly() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.appendJournal("u-1", "downloaded", Map.of());
        Files.write(state.resolve("device.json.tmp"), "half a wri".getBytes(StandardCharsets.UTF_8));
        Files.createLink(state.resolve("device.json.prev.tmp"), state.resolve("device.json"));
        Files.write(state.resolve("journal/u-1.json.tmp"), new byte[] {1, 2});

        DeviceStateComponent again = open();
        assertTrue(again.recoveryNotices().isEmpty());
        assertEquals(Version.of(1, 0, 1), again.installed("app").get().version());
        assertTrue(names("*.tmp").isEmpty());
        assertFalse(Files.exists(state.resolve("journal/u-1.json.tmp")));
    }

    @Test
    public void missingCurrentWithPreviousIsRestored() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app(1));
        s.recordInstalled(app(2));
        Files.delete(state.resolve("device.json"));
        DeviceStateComponent again = open();
        assertEquals(Version.of(1, 0, 1), again.installed("app").get().version());
        assertTrue(again.recoveryNotices().get(0).problem().contains("missing"));
    }
}
