package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.ServiceStatus;

public class SupervisorStopTest extends Fixture {

    @Test
    public void startsScriptFromSlotAndStopsItWithSigterm() throws Exception {
        Path marks = tmp.getRoot().toPath().resolve("marks");
        script("bin/server.sh", "trap 'echo TERM >> " + marks + "; exit 0' TERM\necho $$ > " + marks
                + ".pid\nwhile true; do sleep 0.1; done");
        // A long stop timeout: a stop that returns before it has passed ended the service without SIGKILL.
        Duration stopTimeout = Duration.ofSeconds(10);
        ComponentSpec c = component(service("server", List.of("bin/server.sh"), stopTimeout));
        ServiceControlComponent control = control();

        control.start(c, slot);
        ServiceStatus st = control.status(c).get(0);
        assertTrue(st.detail(), st.running());
        assertEquals(Supervisor.MANAGER, st.manager());
        await("pid file", Duration.ofSeconds(15), () -> readOr(Path.of(marks + ".pid"), "").endsWith("\n"));
        long pid = readPid(Path.of(marks + ".pid"));
        assertEquals("the recorded pid is the script's own (setsid did not fork)", pid, st.pid());
        assertEquals(0, st.restarts());

        long t0 = System.nanoTime();
        control.stop(c);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue("the TERM trap ran", readOr(marks, "").contains("TERM"));
        assertTrue("stopped by SIGTERM before the stop timeout, took " + tookMillis + " ms",
                tookMillis < stopTimeout.toMillis());
        assertFalse(alive(pid));
        assertFalse(control.status(c).get(0).running());
        assertFalse("record removed", Files.exists(record("server")));
    }

    @Test
    public void killsServiceIgnoringSigtermAfterItsStopTimeout() throws Exception {
        Path pidFile = tmp.getRoot().toPath().resolve("pid");
        script("stubborn.sh", "trap '' TERM\necho $$ > " + pidFile + "\nsleep 1000");
        ComponentSpec c = component(service("stubborn", List.of("./stubborn.sh"), Duration.ofMillis(1500)));
        ServiceControlComponent control = control();
        control.start(c, slot);
        await("pid file", Duration.ofSeconds(15), () -> readOr(pidFile, "").endsWith("\n"));
        long pid = readPid(pidFile);

        long t0 = System.nanoTime();
        control.stop(c);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        assertFalse("killed", alive(pid));
        assertTrue("waited the stop timeout before SIGKILL, took " + tookMillis + " ms", tookMillis >= 1400);
        assertTrue("but not much longer, took " + tookMillis + " ms", tookMillis < 5000);
    }

    @Test
    public void stopEndsTheServicesChildrenToo() throws Exception {
        Path childPid = tmp.getRoot().toPath().resolve("child");
        Path daemonPid = tmp.getRoot().toPath().resolve("daemon");
        // The daemon is forked by a subshell that exits at once: it is no descendant of the service any more, only
        // a member of its process group.
        script("parent.sh", "( sleep 1001 & echo $! > " + daemonPid + " )\nsleep 1000 &\necho $! > " + childPid
                + "\nwait");
        ComponentSpec c = component(service("parent", List.of("./parent.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        await("child pids", Duration.ofSeconds(15),
                () -> readOr(childPid, "").endsWith("\n") && readOr(daemonPid, "").endsWith("\n"));
        long child = readPid(childPid);
        long daemon = readPid(daemonPid);
        assertTrue(alive(child));
        assertTrue(alive(daemon));
        long servicePid = control.status(c).get(0).pid();
        assertFalse("the daemon left the service's process tree",
                ProcessHandle.of(servicePid).orElseThrow().descendants().anyMatch(h -> h.pid() == daemon));

        control.stop(c);
        await("child gone", Duration.ofSeconds(5), () -> !alive(child));
        await("daemon gone", Duration.ofSeconds(5), () -> !alive(daemon));
    }

    @Test
    public void aStopSendsOneSigterm() throws Exception {
        Path terms = tmp.getRoot().toPath().resolve("terms");
        // Each SIGTERM is written down; after the first the service takes a second to shut down cleanly, the time a
        // second SIGTERM would need to arrive and be counted.
        script("calm.sh", "n=0\ntrap 'echo term >> " + terms + "; n=1' TERM\necho started >> " + terms
                + "\nwhile [ $n -eq 0 ]; do sleep 0.1; done\ni=0\nwhile [ $i -lt 10 ]; do sleep 0.1; i=$((i+1)); done"
                + "\nexit 0");
        ComponentSpec c = component(service("calm", List.of("./calm.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        await("started", Duration.ofSeconds(15), () -> readOr(terms, "").startsWith("started\n"));
        control.stop(c);
        assertEquals(List.of("started", "term"), Files.readAllLines(terms));
    }

    @Test
    public void stopsAndStartsInDependencyOrder() throws Exception {
        Path order = tmp.getRoot().toPath().resolve("order");
        for (String name : List.of("db", "api", "ui")) {
            // The trap comes first: once the start is written down, a SIGTERM is always answered by the stop line.
            script(name + ".sh", "trap 'echo stop-" + name + " >> " + order + "; exit 0' TERM\necho start-" + name
                    + " >> " + order + "\nwhile true; do sleep 0.1; done");
        }
        // Declared out of order on purpose: ui needs api, api needs db.
        ComponentSpec c = component(service("ui", List.of("./ui.sh"), "api"), service("api", List.of("./api.sh"), "db"),
                service("db", List.of("./db.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        await("all started", Duration.ofSeconds(15), () -> readOr(order, "").lines().count() == 3);
        control.stop(c);

        assertEquals(List.of("start-db", "start-api", "start-ui", "stop-ui", "stop-api", "stop-db"),
                Files.readAllLines(order));
        List<ServiceStatus> st = control.status(c);
        assertEquals("status in declaration order", List.of("ui", "api", "db"),
                st.stream().map(ServiceStatus::service).toList());
    }

    @Test
    public void stoppingServicesThatDoNotRunSucceeds() throws Exception {
        script("idle.sh", "sleep 1000");
        ComponentSpec c = component(service("idle", List.of("./idle.sh")));
        ServiceControlComponent control = control();
        control.stop(c);
        assertEquals("not started", control.status(c).get(0).detail());
    }
}
