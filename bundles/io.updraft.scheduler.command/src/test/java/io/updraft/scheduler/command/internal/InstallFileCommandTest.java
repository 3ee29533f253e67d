package io.updraft.scheduler.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.install.InstallException;
import io.updraft.install.InstallRecord;

/** {@code ota:install --file PATH [--repository ID]}: an offline install through the install service. */
public class InstallFileCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FakeScheduler scheduler;
    private FakeInstallService installer;
    private InstallCommand command;
    private Path pkg;

    @Before
    public void setUp() throws Exception {
        scheduler = new FakeScheduler();
        installer = new FakeInstallService();
        command = new InstallCommand();
        command.scheduler = scheduler;
        command.installer = installer;
        pkg = tmp.newFile("app-1.1.0.updraft").toPath();
        Files.writeString(pkg, "package");
    }

    @Test
    public void installsTheFileAndPrintsTheRecord() {
        installer.answer = FakeInstallService.record(InstallRecord.Outcome.SUCCEEDED, "");
        command.file = pkg.toString();
        command.noFormat = true;
        String out = Output.of(command::run);
        assertTrue(out, out.startsWith("Package " + pkg + " (repository production): SUCCEEDED.\n"));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Changes *\tapp 1\\.0\\.0 -> 1\\.1\\.0")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Action *\tOFFLINE_INSTALL")));
        assertEquals(List.of("installFile " + pkg + " production by shell"), installer.calls);
        assertTrue(scheduler.calls.isEmpty());

        installer.answer = FakeInstallService.record(InstallRecord.Outcome.ROLLED_BACK, "health check web failed");
        command.repository = "staging";
        out = Output.of(command::run);
        assertTrue(out, out.contains("(repository staging): ROLLED_BACK."));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Reason *\thealth check web failed")));
    }

    @Test
    public void refusalNamesTheFileAndReason() {
        installer.answer = new InstallException(InstallException.Reason.BAD_PACKAGE,
                "package " + pkg + " is not signed by a key of repository production");
        command.file = pkg.toString();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(command::run));
        assertEquals("install --file " + pkg + " refused [BAD_PACKAGE]: package " + pkg
                + " is not signed by a key of repository production", e.getMessage());
    }

    @Test
    public void fileDoesNotGoWithTheScheduleDecisions() {
        command.file = pkg.toString();
        command.now = true;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertEquals("--file installs the package now and does not go with --now", e.getMessage());
        command.now = false;
        command.deny = true;
        command.window = true;
        e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertTrue(e.getMessage(), e.getMessage().endsWith("does not go with --window --deny"));
        assertTrue(installer.calls.isEmpty());
        assertTrue(scheduler.calls.isEmpty());
    }

    @Test
    public void badPathsAndRepositoriesAreNamed() throws Exception {
        String[][] cases = {
            {"app.updraft", null, "--file app.updraft must be an absolute path"},
            {tmp.getRoot() + "/missing.updraft", null, "--file " + tmp.getRoot() + "/missing.updraft does not exist"},
            {tmp.getRoot().toString(), null, "--file " + tmp.getRoot() + " is not a regular file"},
            {pkg.toString(), "Prod/../x", "--repository 'Prod/../x' is not a repository name"},
        };
        for (String[] c : cases) {
            command.file = c[0];
            command.repository = c[1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
            assertTrue(e.getMessage(), e.getMessage().startsWith(c[2]));
        }
        command.file = null;
        command.repository = "staging";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertEquals("--repository staging goes only with --file", e.getMessage());
        assertTrue(installer.calls.isEmpty());
    }

    @Test
    public void withoutInstallerFailsClearly() {
        command.installer = null;
        command.file = pkg.toString();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(command::run));
        assertTrue(e.getMessage(), e.getMessage().startsWith("the installer is not installed"));
    }
}
