package io.updraft.installer.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Before;
import org.junit.Test;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;

public class CommitRollbackCommandTest {
    private FakeInstallService installer;
    private CommitCommand commit;
    private RollbackCommand rollback;

    @Before
    public void setUp() {
        installer = new FakeInstallService();
        commit = new CommitCommand();
        commit.installer = installer;
        rollback = new RollbackCommand();
        rollback.installer = installer;
    }

    @Test
    public void commitPrintsTheRecord() throws Exception {
        installer.answer = FakeInstallService.record("u-42", InstallRecord.Action.INSTALL,
                InstallRecord.Outcome.SUCCEEDED, "");
        commit.noFormat = true;
        String out = Output.of(commit::run);
        assertTrue(out, out.startsWith("Update u-42 committed: app 1.0.0 -> 1.1.0, os (none) -> 2.0.0.\n"));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Outcome *\tSUCCEEDED")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Finished *\t2026-06-01T12:00:42Z")));
        assertTrue(out, out.lines().noneMatch(l -> l.startsWith("Reason")));
        assertEquals(List.of("commit by shell"), installer.calls);
    }

    @Test
    public void commitWithNothingInTrialIsOneLineNamingTheReason() {
        installer.answer = new InstallException(InstallException.Reason.NOTHING_TO_COMMIT,
                "no update is in trial\n(the device state is IDLE)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(commit::run));
        assertEquals("commit refused [NOTHING_TO_COMMIT]: no update is in trial (the device state is IDLE)",
                e.getMessage());
    }

    @Test
    public void rollbackWithoutArgumentsRollsBackTheTrial() throws Exception {
        installer.answer = FakeInstallService.record("u-42", InstallRecord.Action.INSTALL,
                InstallRecord.Outcome.ROLLED_BACK, "rolled back by shell\nat once");
        String out = Output.of(rollback::run);
        assertTrue(out, out.startsWith("Rollback u-42 ROLLED_BACK: app 1.0.0 -> 1.1.0"));
        assertTrue(out, out.contains("rolled back by shell at once"));
        assertEquals(List.of("rollback null null by shell"), installer.calls);
    }

    @Test
    public void rollbackOfAComponentToASnapshot() throws Exception {
        installer.answer = FakeInstallService.record("rollback-7", InstallRecord.Action.ROLLBACK,
                InstallRecord.Outcome.SUCCEEDED, "");
        rollback.component = "app";
        rollback.snapshot = "app-1.0.0-20261123T170102Z";
        Output.of(rollback::run);
        assertEquals(List.of("rollback app app-1.0.0-20261123T170102Z by shell"), installer.calls);
    }

    @Test
    public void badArgumentsAreRefusedBeforeTheInstallerIsAsked() {
        rollback.snapshot = "app-1";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(rollback::run));
        assertEquals("--snapshot app-1 needs the COMPONENT it belongs to", e.getMessage());
        rollback.component = "App/..";
        e = assertThrows(IllegalArgumentException.class, () -> Output.of(rollback::run));
        assertTrue(e.getMessage(), e.getMessage().contains("'App/..'"));
        rollback.component = "app";
        rollback.snapshot = "../etc/passwd";
        e = assertThrows(IllegalArgumentException.class, () -> Output.of(rollback::run));
        assertTrue(e.getMessage(), e.getMessage().startsWith("snapshot id '../etc/passwd' is not a snapshot id"));
        assertTrue(installer.calls.isEmpty());
    }

    @Test
    public void rollbackRefusalNamesTheComponentAndReason() {
        rollback.component = "app";
        rollback.snapshot = "app-9";
        installer.answer = new InstallException(InstallException.Reason.NO_SNAPSHOT, "component app has no snapshot app-9");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(rollback::run));
        assertEquals("rollback app --snapshot app-9 refused [NO_SNAPSHOT]: component app has no snapshot app-9",
                e.getMessage());
    }

    @Test
    public void withoutInstallerFailsClearly() {
        commit.installer = null;
        rollback.installer = null;
        assertTrue(assertThrows(IllegalStateException.class, () -> Output.of(commit::run)).getMessage()
                .startsWith("the installer is not installed"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Output.of(rollback::run)).getMessage()
                .startsWith("the installer is not installed"));
    }
}
