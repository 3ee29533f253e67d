package io.updraft.state.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.fs.DurableFiles;
import io.updraft.update.CheckResult;
import io.updraft.update.InstalledComponent;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.update.Version;

/** The last update check, kept in {@code last-check.json} across restarts. */
public class LastCheckTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.5Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private Path check;
    private final AtomicBoolean failSync = new AtomicBoolean();

    @Before
    public void setUp() {
        home = tmp.getRoot().toPath();
        check = home.resolve("state/last-check.json");
    }

    private DeviceStateComponent open() throws StateException {
        return new DeviceStateComponent(TestConfigs.config(home), Clock.fixed(T0, ZoneOffset.UTC), dir -> {
            if (failSync.get()) {
                throw new IOException("injected fsync failure on " + dir);
            }
            DurableFiles.syncDirectory(dir);
        });
    }

    private static CheckResult found() {
        Offer full = new Offer(new Release("app", Version.parse("2.0.0-rc.1+b9"), Set.of("robot", "headset"),
                Set.of("rev-c"), Release.Kind.FULL, null), "staging", "app/app-2.0.0-rc.1.updraft", 7340032,
                Map.of("sha256", "ab".repeat(32), "sha512", "cd".repeat(64)), Map.of("base-os", ">=4.1.0 <5.0.0"),
                Map.of("legacy-ui", "*"), "archive",
                List.of("https://mirror-z.example/app-2.0.0-rc.1.updraft", "https://mirror-a.example/app-2.0.0-rc.1.updraft"));
        Offer delta = new Offer(new Release("base-os", Version.parse("4.2.0"), Set.of(), Set.of(),
                Release.Kind.DELTA, Version.parse("4.1.0")), "staging", "base-os/base-os-4.2.0.updraft", 0,
                Map.of("sha256", "ef".repeat(32)), null, null, "image");
        return new CheckResult("staging", T0, List.of(full, delta),
                List.of("app 1.9.0: superseded by 2.0.0-rc.1", "nav 3.0.0: made for products [headset]"), "");
    }

    @Test
    public void freshDeviceHasNoCheckAndNoFile() throws Exception {
        assertEquals(Optional.empty(), open().lastCheck());
        assertFalse(Files.exists(check));
    }

    @Test
    public void checkWithOffersSurvivesARestartUnchanged() throws Exception {
        DeviceStateComponent s = open();
        s.recordCheck(found());
        assertEquals(Optional.of(found()), s.lastCheck());
        DeviceStateComponent again = open();
        assertEquals(Optional.of(found()), again.lastCheck());
        assertEquals(Version.parse("2.0.0-rc.1+b9"), again.lastCheck().get().updates().get(0).release().version());
        assertTrue(again.recoveryNotices().isEmpty());
    }

    @Test
    public void failedCheckReplacesTheEarlierOne() throws Exception {
        DeviceStateComponent s = open();
        s.recordCheck(found());
        CheckResult failed = new CheckResult("production", T0.plusSeconds(60), List.of(), List.of(),
                "unreachable: connection refused");
        s.recordCheck(failed);
        CheckResult back = open().lastCheck().orElseThrow();
        assertEquals(failed, back);
        assertTrue(back.failed());
    }

    @Test
    public void stateWrittenBeforeChecksWereKeptStillOpens() throws Exception {
        DeviceStateComponent s = open();
        s.recordInstalled(new InstalledComponent("app", Version.parse("1.0.0"), T0));
        s.transition(UpdateState.CHECKING, "", "");
        // A state directory from before last-check.json existed has device, history and journals only.
        assertFalse(Files.exists(check));
        DeviceStateComponent again = open();
        assertEquals(Optional.empty(), again.lastCheck());
        assertTrue(again.recoveryNotices().isEmpty());
        assertEquals(UpdateState.CHECKING, again.status().state());
        again.recordCheck(found());
        assertEquals(Optional.of(found()), open().lastCheck());
    }

    @Test
    public void corruptCheckIsRestoredFromThePreviousCopy() throws Exception {
        DeviceStateComponent s = open();
        CheckResult first = new CheckResult("production", T0, List.of(), List.of(), "");
        s.recordCheck(first);
        s.recordCheck(found());
        byte[] b = Files.readAllBytes(check);
        b[b.length - 4] ^= 0x01;
        Files.write(check, b);

        DeviceStateComponent again = open();
        assertEquals(Optional.of(first), again.lastCheck());
        assertEquals(1, again.recoveryNotices().size());
        assertTrue(again.recoveryNotices().get(0).file().endsWith("last-check.json"));
    }

    @Test
    public void checkOfANewerSchemaRefusesToStart() throws Exception {
        open().recordCheck(found());
        Files.write(check, Envelope.wrap(("{\"schema\":" + (StateCodec.SCHEMA + 1) + ",\"kind\":\"check\"}")
                .getBytes(StandardCharsets.UTF_8)));
        StateException e = assertThrows(StateException.class, this::open);
        assertTrue(e.getMessage(), e.getMessage().contains(check.toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("newer Updraft"));
    }

    @Test
    public void checkWrittenButNotSyncedIsShownAndSurvives() throws Exception {
        DeviceStateComponent s = open();
        failSync.set(true);
        StateException e = assertThrows(StateException.class, () -> s.recordCheck(found()));
        assertTrue(e.getMessage(), e.getMessage().contains("injected fsync failure"));
        failSync.set(false);
        assertEquals(Optional.of(found()), s.lastCheck());
        assertEquals(Optional.of(found()), open().lastCheck());
    }

    @Test
    public void checkThatCannotBeWrittenLeavesTheEarlierOne() throws Exception {
        DeviceStateComponent s = open();
        CheckResult first = new CheckResult("production", T0, List.of(), List.of(), "");
        s.recordCheck(first);
        // A directory where the temporary file must go makes the write fail before anything is replaced.
        Files.createDirectory(home.resolve("state/last-check.json.tmp"));
        Files.writeString(home.resolve("state/last-check.json.tmp/x"), "blocks deletion");
        StateException e = assertThrows(StateException.class, () -> s.recordCheck(found()));
        assertTrue(e.getMessage(), e.getMessage().contains("last-check.json"));
        assertEquals(Optional.of(first), s.lastCheck());
    }
}
