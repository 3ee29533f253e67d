package io.updraft.telemetry.internal.collect;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.ProcessCrash;
import io.updraft.telemetry.TelemetryEvent;

/**
 * systemd crash reports through stand-in systemctl and journalctl scripts on a path given to the collector; the
 * scripts answer from files the test changes between samples, as systemd 252 prints them.
 */
public class SystemdCollectorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path bin;
    private Path state;

    @Before
    public void setUp() throws IOException {
        bin = tmp.newFolder("bin").toPath();
        state = tmp.newFolder("state").toPath();
    }

    private void systemctl() throws IOException {
        script("systemctl", "D=" + state + "\n"
                + "echo \"$*\" >> $D/systemctl.args\n"
                + "case \"$1\" in\n"
                + "list-units) case \"$*\" in\n"
                + "  *--output=json*) if [ -f $D/nojson ]; then echo \"systemctl: unrecognized option '--output=json'\"; exit 1; fi\n"
                + "     cat $D/failed.json;;\n"
                + "  *) cat $D/failed.txt;;\n"
                + "  esac;;\n"
                + "show) cat $D/show.txt;;\n"
                + "*) exit 1;;\n"
                + "esac\n");
    }

    private void journalctl() throws IOException {
        script("journalctl", "D=" + state + "\necho \"$*\" >> $D/journalctl.args\ncat \"$D/journal-$2\"\n");
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(state.resolve(file), content);
    }

    private static String unit(String id, String active, long restarts, long pid, int code, int status) {
        return "Id=" + id + "\nActiveState=" + active + "\nNRestarts=" + restarts + "\nExecMainPID=" + pid
                + "\nExecMainCode=" + code + "\nExecMainStatus=" + status + "\n\n";
    }

    private SystemdCollector collector(int lines) {
        return collector(lines, tmp.getRoot().toPath());
    }

    private SystemdCollector collector(int lines, java.nio.file.Path booted) {
        return new SystemdCollector(new Systemd(List.of(tmp.getRoot().toPath().resolve("nothing-here"), bin),
                Duration.ofSeconds(10), booted), List.of("*.service"), lines, Clock.systemUTC());
    }

    @Test
    public void aSystemctlWithoutARunningSystemdCollectsNothing() throws Exception {
        systemctl();
        journalctl();
        write("failed.json", "[{\"unit\":\"camera.service\",\"load\":\"loaded\",\"active\":\"failed\","
                + "\"sub\":\"failed\",\"description\":\"Camera\"}]");
        assertEquals(List.of(), collector(20, tmp.getRoot().toPath().resolve("no-run-systemd-system")).collect());
    }

    @Test
    public void aFailedUnitIsReportedOnceWithHowItEndedAndItsLastLogLines() throws Exception {
        systemctl();
        journalctl();
        write("failed.json", "[{\"unit\":\"camera.service\",\"load\":\"loaded\",\"active\":\"failed\","
                + "\"sub\":\"failed\",\"description\":\"Camera daemon\"}]");
        write("show.txt", unit("camera.service", "failed", 0, 812, 3, 11) + unit("net.service", "active", 0, 90, 0, 0));
        write("journal-camera.service", "opening /home/jdoe/clips\nsegfault in encoder\n"
                + "camera.service: Main process exited, code=dumped, status=11/SEGV\n");
        SystemdCollector c = collector(20);

        List<TelemetryEvent> events = c.collect();
        assertEquals(1, events.size());
        TelemetryEvent e = events.get(0);
        assertEquals(ProcessCrash.SCHEMA, e.schema());
        assertEquals(Category.CRASH, e.category());
        assertEquals(Map.of("service", "camera.service", "pid", 812L, "signal", 11L, "signalName", "SIGSEGV",
                "coreDumped", true, "restarts", 0L, "logLines", List.of("opening /home/jdoe/clips",
                        "segfault in encoder", "camera.service: Main process exited, code=dumped, status=11/SEGV")),
                e.fields());
        assertEquals("-u camera.service -n 20 -o cat --no-pager", Files.readString(state.resolve("journalctl.args")).strip());
        String show = Files.readAllLines(state.resolve("systemctl.args")).get(1);
        assertTrue(show, show.startsWith("show --no-pager --property=Id,ActiveState,NRestarts,ExecMainPID,"
                + "ExecMainCode,ExecMainStatus -- *.service camera.service"));

        assertEquals("still failed: no second report", List.of(), c.collect());
    }

    @Test
    public void aRestartIsReportedWithTheExitPidOneLoggedAndCleanRestartsAreNot() throws Exception {
        systemctl();
        journalctl();
        write("failed.json", "[]");
        write("show.txt", unit("net.service", "active", 0, 90, 0, 0));
        SystemdCollector c = collector(5);
        assertEquals("first sample only learns the counts", List.of(), c.collect());

        write("show.txt", unit("net.service", "active", 1, 131, 0, 0));
        write("journal-net.service", "link down\nnet.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED\n"
                + "net.service: Scheduled restart job, restart counter is at 1.\nStarted net.service.\n");
        List<TelemetryEvent> events = c.collect();
        assertEquals(1, events.size());
        Map<String, Object> f = events.get(0).fields();
        assertEquals(3L, f.get("exitCode"));
        assertEquals(1L, f.get("restarts"));
        assertFalse("the running process's pid is not the crashed one's", f.containsKey("pid"));
        assertEquals(4, ((List<?>) f.get("logLines")).size());

        write("show.txt", unit("net.service", "active", 2, 140, 0, 0));
        write("journal-net.service", "net.service: Main process exited, code=exited, status=0/SUCCESS\n");
        assertEquals(List.of(), c.collect());
    }

    @Test
    public void anOlderSystemctlWithoutJsonIsReadFromItsPlainTable() throws Exception {
        systemctl();
        write("nojson", "");
        write("failed.txt", "db.service loaded failed failed Database\n");
        write("show.txt", unit("db.service", "failed", 0, 77, 1, 2));
        List<TelemetryEvent> events = collector(20).collect();
        assertEquals(1, events.size());
        assertEquals(2L, events.get(0).fields().get("exitCode"));
        assertEquals("no journalctl, no lines", List.of(), events.get(0).fields().get("logLines"));
        assertTrue(Files.readString(state.resolve("systemctl.args")).contains("show --no-pager"));
    }

    @Test
    public void withoutSystemctlNothingIsCollectedAndFailuresNameTheCall() throws Exception {
        assertEquals(List.of(), collector(20).collect());
        script("systemctl", "case \"$1\" in list-units) echo '[]';; *) echo 'Failed to connect to bus'; exit 1;; esac\n");
        IOException e = assertThrows(IOException.class, () -> collector(20).collect());
        assertTrue(e.getMessage(), e.getMessage().contains("systemctl show") && e.getMessage().contains("exited with 1"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Systemd.searchPath("/usr/bin:bin"));
        assertTrue(bad.getMessage(), bad.getMessage().contains("'bin'"));
        assertThrows(IllegalArgumentException.class, () -> collector(ProcessCrash.MAX_LOG_LINES + 1));
    }
}
