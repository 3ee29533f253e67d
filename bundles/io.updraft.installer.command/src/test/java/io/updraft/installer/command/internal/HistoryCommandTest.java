package io.updraft.installer.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Before;
import org.junit.Test;

import io.updraft.install.InstallRecord;

public class HistoryCommandTest {
    private FakeInstallService installer;
    private HistoryCommand command;

    @Before
    public void setUp() {
        installer = new FakeInstallService();
        command = new HistoryCommand();
        command.installer = installer;
    }

    @Test
    public void listsAttemptsNewestFirstWithReasons() throws Exception {
        installer.history = List.of(
                FakeInstallService.record("u-43", InstallRecord.Action.INSTALL, InstallRecord.Outcome.ROLLED_BACK,
                        "health check web failed:\nHTTP 500"),
                FakeInstallService.record("u-42", InstallRecord.Action.INSTALL, InstallRecord.Outcome.SUCCEEDED, ""));
        command.noFormat = true;
        String out = Output.of(command::run);
        List<String> lines = out.lines().toList();
        // Without format Karaf prints rows only, for scripts.
        assertEquals(out, 2, lines.size());
        assertTrue(out, lines.get(0).matches("u-43 *\tINSTALL *\tapp 1\\.0\\.0 -> 1\\.1\\.0, os \\(none\\) -> 2\\.0\\.0 *\t"
                + "2026-06-01T12:00:00Z *\t2026-06-01T12:00:42Z *\tROLLED_BACK *\thealth check web failed: HTTP 500 *\tshell *"));
        assertTrue(out, lines.get(1).matches("u-42 *\\t.*\tSUCCEEDED *\t- *\tshell *"));
        assertFalse(out, out.contains("|"));
        assertEquals(List.of("history 20"), installer.calls);
    }

    @Test
    public void limitIsPassedAndChecked() throws Exception {
        command.limit = 1;
        assertEquals("No install or rollback attempts yet.\n", Output.of(command::run));
        assertEquals(List.of("history 1"), installer.calls);
        command.limit = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertEquals("--limit 0 is not between 1 and 1000", e.getMessage());
        command.limit = 1001;
        assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertEquals(1, installer.calls.size());
    }

    @Test
    public void formattedTableHasBorders() throws Exception {
        installer.history = List.of(FakeInstallService.record("u-42", InstallRecord.Action.OFFLINE_INSTALL,
                InstallRecord.Outcome.FAILED, "bad signature"));
        String out = Output.of(command::run);
        assertTrue(out, out.contains("|"));
        assertTrue(out, out.contains("OFFLINE_INSTALL"));
        assertTrue(out, out.contains("bad signature"));
    }
}
