package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.util.converter.Converters;

public class SmallPartsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void backoffDoublesFromOneSecondToThirty() {
        Backoff b = Backoff.DEFAULT;
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
                List.of(0, 1, 2, 3, 4, 5, 40).stream().map(n -> b.delay(n).toSeconds()).toList());
        assertTrue(b.ranLongEnough(Duration.ofSeconds(30)));
        assertFalse(b.ranLongEnough(Duration.ofSeconds(29)));
    }

    @Test
    public void procStatFieldsCountFromTheEndOfTheCommandName() {
        String line = "4242 (my (odd) app) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat s = ProcStat.parse(4242, line);
        assertEquals('S', s.state());
        assertEquals(4240, s.pgid());
        assertEquals(987654, s.startTime());
        assertTrue(s.alive());
        assertFalse(ProcStat.parse(1, "1 (z) Z 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0").alive());
    }

    @Test
    public void ownProcessIsReadFromProc() {
        ProcStat me = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(me.alive());
        assertTrue(me.startTime() > 0);
        assertTrue(ProcStat.read(Long.MAX_VALUE).isEmpty());
    }

    @Test
    public void systemdIsUsedOnlyWithItsRunDirectoryAndSystemctl() throws Exception {
        Path run = tmp.newFolder("run-systemd").toPath();
        Path bin = tmp.newFolder("bin").toPath();
        String path = "/nonexistent:" + bin;
        assertTrue(SystemdProbe.unavailableReason(run.resolve("missing"), path).orElseThrow()
                .contains("does not run systemd"));
        assertTrue(SystemdProbe.unavailableReason(run, path).orElseThrow().contains("systemctl is not on the PATH"));
        Path systemctl = Files.createFile(bin.resolve("systemctl"));
        assertTrue("not executable yet", SystemdProbe.unavailableReason(run, path).isPresent());
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(SystemdProbe.unavailableReason(run, path).isEmpty());
    }

    @Test
    public void configurationIsCheckedNamingTheAttribute() {
        Settings s = Settings.of(config(Map.of("home", "/var/lib/updraft")));
        assertEquals(Path.of("/var/lib/updraft/run"), s.runDir());
        assertEquals(Duration.ofSeconds(90), s.systemctlTimeout());
        assertEquals(1024 * 1024, s.logLimit());
        expectRefused(Map.of("home", "relative/dir"), "home");
        expectRefused(Map.of("home", ""), "home");
        expectRefused(Map.of("systemctlTimeout", "90"), "systemctlTimeout");
        expectRefused(Map.of("systemctlTimeout", "PT0S"), "systemctlTimeout");
        expectRefused(Map.of("logLimit", "100"), "logLimit");
    }

    private static void expectRefused(Map<String, Object> props, String attribute) {
        try {
            Settings.of(config(props));
            fail(props + " must be refused");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(attribute));
        }
    }

    private static ServicesConfig config(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        return Converters.standardConverter().convert(p).to(ServicesConfig.class);
    }
}
