package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.ServiceStatus;

public class SupervisorAdoptionTest extends Fixture {

    @Test
    public void runtimeRestartFindsTheProcessAgainAndCanStopIt() throws Exception {
        Path pidFile = tmp.getRoot().toPath().resolve("pid");
        script("svc.sh", "echo $$ > " + pidFile + "\nwhile true; do sleep 0.1; done");
        ComponentSpec c = component(service("svc", List.of("./svc.sh")));
        ServiceControlComponent first = control();
        first.start(c, slot);
        await("pid", Duration.ofSeconds(15), () -> readOr(pidFile, "").endsWith("\n"));
        long pid = readPid(pidFile);
        Instant since = first.status(c).get(0).since();

        String json = Files.readString(record("svc"));
        assertTrue(json, json.contains("\"pid\" : " + pid));
        assertEquals("the record holds the environment, so only the runtime's user may read it",
                PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(record("svc")));

        first.deactivate();
        assertTrue("deactivation leaves the service running", alive(pid));

        ServiceControlComponent second = control();
        ServiceStatus st = second.status(c).get(0);
        assertTrue(st.detail(), st.running());
        assertEquals(pid, st.pid());
        assertEquals(since, st.since());

        second.stop(c);
        assertFalse(alive(pid));
        assertFalse(Files.exists(record("svc")));
    }

    @Test
    public void adoptedProcessIsRestartedWhenItExits() throws Exception {
        Path starts = tmp.getRoot().toPath().resolve("starts");
        script("svc.sh", "echo $$ >> " + starts + "\nwhile true; do sleep 0.1; done");
        ComponentSpec c = component(service("svc", List.of("./svc.sh")));
        ServiceControlComponent first = control();
        first.start(c, slot);
        await("started", Duration.ofSeconds(15), () -> readOr(starts, "").lines().count() == 1);
        long pid = Long.parseLong(Files.readAllLines(starts).get(0));
        first.deactivate();

        ServiceControlComponent second = control();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await("restarted by the new runtime", Duration.ofSeconds(20), () -> readOr(starts, "").lines().count() == 2);
        long newPid = Long.parseLong(Files.readAllLines(starts).get(1));
        await("status shows the restart", Duration.ofSeconds(10), () -> second.status(c).get(0).running());
        ServiceStatus st = second.status(c).get(0);
        assertEquals(newPid, st.pid());
        assertEquals(1, st.restarts());
    }

    @Test
    public void staleRecordsAreNotAdoptedButRemoved() throws Exception {
        // A live process that is not the recorded one: same pid, other start time (the pid was reused).
        Process stranger = new ProcessBuilder("sleep", "1000").start();
        try {
            long strangerStart = ProcStat.read(stranger.pid()).orElseThrow().startTime();
            RecordStore store = new RecordStore(home.resolve("run"));
            store.write(new ProcessRecord("app", "reused", List.of("sleep", "1000"), slot, Map.of(), stranger.pid(),
                    strangerStart - 1, stranger.pid(), Instant.now(), 0));
            // A process that ended.
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            store.write(new ProcessRecord("app", "dead", List.of("true"), slot, Map.of(), gone.pid(), 1, gone.pid(),
                    Instant.now(), 0));
            Files.writeString(record("damaged"), "{not json");

            ServiceControlComponent control = control();
            ComponentSpec c = component(service("reused", List.of("sleep", "1000")), service("dead", List.of("true")),
                    service("damaged", List.of("true")));
            for (ServiceStatus st : control.status(c)) {
                assertFalse(st.toString(), st.running());
            }
            assertFalse(Files.exists(record("reused")));
            assertFalse(Files.exists(record("dead")));
            assertFalse(Files.exists(record("damaged")));

            control.stop(c);
            assertTrue("the process that got the pid is left alone", stranger.isAlive());
        } finally {
            stranger.destroyForcibly();
        }
    }
}
