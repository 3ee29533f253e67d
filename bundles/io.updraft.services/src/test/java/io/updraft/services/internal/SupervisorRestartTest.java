package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceStatus;

public class SupervisorRestartTest extends Fixture {

    @Test
    public void crashedServiceIsRestartedWithBackoffAndCounted() throws Exception {
        Path starts = tmp.getRoot().toPath().resolve("starts");
        Path exits = tmp.getRoot().toPath().resolve("exits");
        Path go = tmp.getRoot().toPath().resolve("go");
        // The first run waits for the test, so it outlasts the start grace however slowly it starts; every run
        // then crashes, noting when it started and when it is about to exit.
        script("crashy.sh", "date +%s%N >> " + starts + "\nwhile [ ! -e " + go + " ]; do sleep 0.05; done\nsleep 0.3\n"
                + "date +%s%N >> " + exits + "\nexit 4");
        ComponentSpec c = component(service("crashy", List.of("./crashy.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        Files.createFile(go);

        // The supervisor's decision shows in the status from the exit until the restart, a window of the whole delay.
        List<String> decisions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (readOr(starts, "").lines().count() < 3) {
            String detail = control.status(c).get(0).detail();
            boolean fresh = decisions.isEmpty() || !decisions.get(decisions.size() - 1).equals(detail);
            if (detail.contains("restart in") && fresh) {
                decisions.add(detail);
            }
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for two restarts; seen " + decisions);
            }
            Thread.sleep(20);
        }
        // The third run may have crashed too by the last look (its decision, 4000 ms, would follow).
        assertTrue("two decisions seen: " + decisions, decisions.size() >= 2);
        assertEquals("backoff doubled", List.of("exited with code 4; restart in 1000 ms",
                "exited with code 4; restart in 2000 ms"), decisions.subList(0, 2));

        // And the delays were waited: each restart came at least that long after the exit it answered (the exit
        // happens after its date, the restart's date after the restart; 50 ms allow for the wall clock that date
        // reads drifting from the monotonic one the supervisor waits on).
        List<Long> t = Files.readAllLines(starts).stream().map(Long::parseLong).toList();
        List<Long> e = Files.readAllLines(exits).stream().map(Long::parseLong).toList();
        long wait1 = (t.get(1) - e.get(0)) / 1_000_000;
        long wait2 = (t.get(2) - e.get(1)) / 1_000_000;
        assertTrue("first restart at least 1 s after the crash, was " + wait1 + " ms", wait1 >= 950);
        assertTrue("second restart at least 2 s after the crash, was " + wait2 + " ms", wait2 >= 1950);

        ServiceStatus st = control.status(c).get(0);
        assertTrue("restarts counted: " + st, st.restarts() >= 2);
        assertTrue(st.detail(), st.detail().contains("exited with code 4") || st.detail().contains("restarted"));

        // An explicit start resets the count.
        script("crashy.sh", "sleep 1000");
        control.start(c, slot);
        assertEquals(0, control.status(c).get(0).restarts());
        assertTrue(control.status(c).get(0).running());
    }

    @Test
    public void stopEndsTheWatchingSoNothingIsRestarted() throws Exception {
        Path starts = tmp.getRoot().toPath().resolve("starts");
        script("svc.sh", "echo x >> " + starts + "\nwhile true; do sleep 0.1; done");
        ComponentSpec c = component(service("svc", List.of("./svc.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        // The script may not have reached its first line within the start grace on a loaded machine.
        await("the first start", Duration.ofSeconds(15), () -> readOr(starts, "").lines().count() == 1);
        control.stop(c);
        Thread.sleep(1500);
        assertEquals("started once, not restarted after the stop", 1, readOr(starts, "").lines().count());
        assertFalse(control.status(c).get(0).running());
    }

    @Test
    public void startOfRunningServiceRestartsIt() throws Exception {
        script("svc.sh", "while true; do sleep 0.1; done");
        ComponentSpec c = component(service("svc", List.of("./svc.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);
        long first = control.status(c).get(0).pid();
        control.start(c, slot);
        long second = control.status(c).get(0).pid();
        assertNotEquals(first, second);
        assertFalse(alive(first));
        assertTrue(alive(second));
    }

    @Test
    public void quickFailureFailsTheStartWithExitCodeAndOutput() throws Exception {
        script("broken.sh", "echo 'config file /etc/app.conf missing' >&2\nexit 3");
        ComponentSpec c = component(service("broken", List.of("./broken.sh")));
        ServiceControlComponent control = control(LONG_GRACE);
        try {
            control.start(c, slot);
            fail("a service exiting with code 3 at once must fail the start");
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("service broken"));
            assertTrue(e.getMessage(), e.getMessage().contains("exited with code 3"));
            assertTrue(e.getMessage(), e.getMessage().contains("config file /etc/app.conf missing"));
        }
        Thread.sleep(1300);
        assertFalse("not restarted", control.status(c).get(0).running());
        assertFalse(Files.exists(record("broken")));
    }

    @Test
    public void failingServiceStopsTheStartBeforeThoseAfterIt() throws Exception {
        Path marks = tmp.getRoot().toPath().resolve("marks");
        script("bad.sh", "exit 2");
        script("good.sh", "echo good >> " + marks + "\nsleep 1000");
        ComponentSpec c = component(service("good", List.of("./good.sh"), "bad"), service("bad", List.of("./bad.sh")));
        ServiceControlComponent control = control(LONG_GRACE);
        try {
            control.start(c, slot);
            fail("bad exits at once");
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("service bad"));
        }
        assertFalse("good, which starts after bad, was never started", Files.exists(marks));
    }
}
