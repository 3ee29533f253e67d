package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.fs.DurableFiles;
import io.updraft.update.InstalledComponent;
import io.updraft.update.JournalEntry;
import io.updraft.update.StateException;
import io.updraft.update.StateTransition;
import io.updraft.update.UpdateState;
import io.updraft.update.UpdateStatus;
import io.updraft.update.Version;

public class DeviceStateComponentTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Before
    public void setUp() {
        home = tmp.getRoot().toPath();
    }

    private DeviceStateComponent open(int historyLimit) throws StateException {
        return new DeviceStateComponent(TestConfigs.config(home, historyLimit), clock);
    }

    private DeviceStateComponent open() throws StateException {
        return open(500);
    }

    private static InstalledComponent app(String version) {
        return new InstalledComponent("app", Version.parse(version), T0);
    }

    @Test
    public void freshDeviceStartsIdleAndEmpty() throws Exception {
        DeviceStateComponent s = open();
        assertEquals(UpdateState.IDLE, s.status().state());
        assertEquals("", s.status().updateId());
        assertTrue(s.installedComponents().isEmpty());
        assertTrue(s.history(10).isEmpty());
        assertTrue(s.recoveryNotices().isEmpty());
        assertTrue(Files.isRegularFile(home.resolve("state/device.json")));
    }

    @Test
    public void stateSurvivesANewInstance() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app("1.2.3"));
        s.recordInstalled(new InstalledComponent("base-os", Version.parse("4.0.0-rc.1+b7"), T0));
        s.transition(UpdateState.CHECKING, "", "timer");
        s.transition(UpdateState.UPDATE_AVAILABLE, "u-1", "app 1.3.0");
        s.appendJournal("u-1", "staged", Map.of("slot", "b"));

        DeviceStateComponent again = open();
        assertEquals(s.installedComponents(), again.installedComponents());
        assertEquals(List.of("app", "base-os"), again.installedComponents().stream().map(InstalledComponent::name).toList());
        assertEquals(Version.parse("4.0.0-rc.1+b7"), again.installed("base-os").get().version());
        assertEquals(s.status(), again.status());
        assertEquals(new UpdateStatus(UpdateState.UPDATE_AVAILABLE, "u-1", T0, "app 1.3.0"),
                again.status());
        assertEquals(s.history(10), again.history(10));
        assertEquals(s.journal("u-1"), again.journal("u-1"));
        assertTrue(again.recoveryNotices().isEmpty());
    }

    @Test
    public void illegalTransitionIsRefusedNamingBothStates() throws Exception {
        DeviceStateComponent s = open();
        StateException e = assertThrows(StateException.class,
                () -> s.transition(UpdateState.INSTALLING, "u-1", "too early"));
        assertTrue(e.getMessage(), e.getMessage().contains("IDLE cannot move to INSTALLING"));
        assertEquals(UpdateState.IDLE, s.status().state());
        assertTrue(s.history(10).isEmpty());
        assertEquals(UpdateState.IDLE, open().status().state());
    }

    @Test
    public void badUpdateIdIsRefused() throws Exception {
        DeviceStateComponent s = open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.transition(UpdateState.CHECKING, "../etc", ""));
        assertTrue(e.getMessage(), e.getMessage().contains("'../etc'"));
        assertThrows(IllegalArgumentException.class, () -> s.appendJournal("a/b", "staged", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> s.journal(".."));
        assertEquals(UpdateState.IDLE, s.status().state());
    }

    @Test
    public void sequenceIncreasesAcrossRestarts() throws Exception {
        DeviceStateComponent s = open();
        assertEquals(1, s.transition(UpdateState.CHECKING, "", "").sequence());
        assertEquals(2, s.transition(UpdateState.IDLE, "", "nothing new").sequence());
        DeviceStateComponent again = open();
        StateTransition t = again.transition(UpdateState.CHECKING, null, null);
        assertEquals(3, t.sequence());
        assertEquals(UpdateState.IDLE, t.from());
        assertEquals("", t.updateId());
        assertEquals("", t.reason());
    }

    @Test
    public void historyKeepsTheLastLimitTransitions() throws Exception {
        DeviceStateComponent s = open(3);
        for (int i = 0; i < 5; i++) {
            s.transition(UpdateState.CHECKING, "", "check " + i);
            s.transition(UpdateState.IDLE, "", "done " + i);
        }
        List<StateTransition> h = s.history(100);
        assertEquals(List.of(8L, 9L, 10L), h.stream().map(StateTransition::sequence).toList());
        assertEquals(List.of(10L), s.history(1).stream().map(StateTransition::sequence).toList());
        assertTrue(s.history(0).isEmpty());
        assertEquals(h, open(3).history(100));
        // A smaller limit applies at the next start; sequence numbers continue.
        DeviceStateComponent smaller = open(2);
        assertEquals(List.of(9L, 10L), smaller.history(100).stream().map(StateTransition::sequence).toList());
        assertEquals(11, smaller.transition(UpdateState.CHECKING, "", "").sequence());
    }

    @Test
    public void journalCountsFromOnePerUpdate() throws Exception {
        DeviceStateComponent s = open();
        assertTrue(s.journal("u-1").isEmpty());
        JournalEntry first = s.appendJournal("u-1", "downloaded", Map.of("bytes", "1024"));
        JournalEntry second = s.appendJournal("u-1", "staged", Map.of("slot", "b", "component", "app"));
        JournalEntry other = s.appendJournal("u-2", "downloaded", null);
        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        assertEquals(1, other.sequence());
        assertEquals(T0, second.at());
        assertEquals(List.of(first, second), open().journal("u-1"));
        assertEquals(List.of(other), open().journal("u-2"));
        assertThrows(IllegalArgumentException.class, () -> s.appendJournal("u-1", " ", Map.of()));
        assertEquals(2, s.journal("u-1").size());
    }

    @Test
    public void componentsAreReplacedAndRemoved() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(app("1.0.0"));
        s.recordInstalled(app("1.1.0"));
        assertEquals(Optional.of(app("1.1.0")), s.installed("app"));
        assertEquals(1, s.installedComponents().size());
        assertTrue(s.removeComponent("app"));
        assertFalse(s.removeComponent("app"));
        assertTrue(open().installedComponents().isEmpty());
    }

    @Test
    public void transitionInHistoryOnlyIsCompletedAtStart() throws Exception {
        DeviceStateComponent s = open();
        s.transition(UpdateState.CHECKING, "", "");
        Path device = home.resolve("state/device.json");
        byte[] before = Files.readAllBytes(device);
        s.transition(UpdateState.UPDATE_AVAILABLE, "u-9", "found");
        // As if the process died after writing history.json and before device.json.
        Files.write(device, before);

        DeviceStateComponent again = open();
        assertTrue(again.recoveryNotices().isEmpty());
        assertEquals(UpdateState.UPDATE_AVAILABLE, again.status().state());
        assertEquals("u-9", again.status().updateId());
        assertEquals(3, again.transition(UpdateState.DOWNLOADING, "u-9", "").sequence());
    }

    @Test
    public void journalDetailsWithNullAreRefusedBeforeWriting() throws Exception {
        DeviceStateComponent s = open();
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("slot", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.appendJournal("u-1", "staged", nullValue));
        assertTrue(e.getMessage(), e.getMessage().contains("'slot'"));
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "b");
        e = assertThrows(IllegalArgumentException.class, () -> s.appendJournal("u-1", "staged", nullKey));
        assertTrue(e.getMessage(), e.getMessage().contains("null key"));
        assertTrue(s.journal("u-1").isEmpty());
        assertFalse(Files.exists(home.resolve("state/journal/u-1.json")));
        assertEquals(1, s.appendJournal("u-1", "staged", Map.of("slot", "b")).sequence());
    }

    /** Directory syncs that fail on demand: the rename has happened, its durability is not proven. */
    private final AtomicBoolean failSync = new AtomicBoolean();

    private DeviceStateComponent openWithFlakySync() throws StateException {
        return new DeviceStateComponent(TestConfigs.config(home), clock, dir -> {
            if (failSync.get()) {
                throw new IOException("injected fsync failure on " + dir);
            }
            DurableFiles.syncDirectory(dir);
        });
    }

    @Test
    public void transitionWrittenButNotSyncedIsNotRepeated() throws Exception {
        DeviceStateComponent s = openWithFlakySync();
        s.transition(UpdateState.CHECKING, "", "");
        failSync.set(true);
        StateException e = assertThrows(StateException.class,
                () -> s.transition(UpdateState.UPDATE_AVAILABLE, "u-1", "found"));
        assertTrue(e.getMessage(), e.getMessage().contains("injected fsync failure"));
        failSync.set(false);
        // What is on disk and what the service shows agree: the transition happened and keeps its number.
        assertEquals(UpdateState.UPDATE_AVAILABLE, s.status().state());
        assertEquals(List.of(1L, 2L), s.history(10).stream().map(StateTransition::sequence).toList());
        assertEquals(3, s.transition(UpdateState.DOWNLOADING, "u-1", "").sequence());
        DeviceStateComponent again = open();
        assertEquals(s.history(10), again.history(10));
        assertEquals(s.status(), again.status());
    }

    @Test
    public void journalEntryWrittenButNotSyncedKeepsItsSequence() throws Exception {
        DeviceStateComponent s = openWithFlakySync();
        s.appendJournal("u-1", "downloaded", Map.of());
        failSync.set(true);
        assertThrows(StateException.class, () -> s.appendJournal("u-1", "staged", Map.of("slot", "b")));
        failSync.set(false);
        assertEquals(List.of("downloaded", "staged"), s.journal("u-1").stream().map(JournalEntry::step).toList());
        assertEquals(3, s.appendJournal("u-1", "switched", Map.of()).sequence());
        assertEquals(s.journal("u-1"), open().journal("u-1"));
    }

    @Test
    public void componentWrittenButNotSyncedIsShown() throws Exception {
        DeviceStateComponent s = openWithFlakySync();
        s.recordInstalled(app("1.0.0"));
        failSync.set(true);
        assertThrows(StateException.class, () -> s.recordInstalled(app("2.0.0")));
        assertEquals(Optional.of(app("2.0.0")), s.installed("app"));
        assertThrows(StateException.class, () -> s.removeComponent("app"));
        assertTrue(s.installedComponents().isEmpty());
        failSync.set(false);
        assertEquals(s.installedComponents(), open().installedComponents());
    }
}
