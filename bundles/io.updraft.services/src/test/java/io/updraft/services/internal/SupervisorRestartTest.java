package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceStatus;

public class SupervisorRestartTest extends Fixture {

    @Test
    public void crashedServiceIsRestartedWithBackoffAndCounted() throws Exception {
        Path starts = tmp.getRoot().toPath().resolve("starts");
        // Runs past the start grace, then crashes.
        script("crashy.sh", "date +%s%N >> " + starts + "\nsleep 0.7\nexit 4");
        ComponentSpec c = component(service("crashy", List.of("./crashy.sh")));
        ServiceControlComponent control = control();
        control.start(c, slot);

        await("two restarts", Duration.ofSeconds(15), () -> readOr(starts, "").lines().count() >= 3);
        List<Long> t = Files.readAllLines(starts).stream().map(Long::parseLong).toList();
        long gap1 = (t.get(1) - t.get(0)) / 1_000_000;
        long gap2 = (t.get(2) - t.get(1)) / 1_000_000;
        // Each gap is the 0.7 s run plus the backoff: 1 s after the first crash, 2 s after the second.
        assertTrue("first restart after about 1.7 s, was " + gap1 + " ms", gap1 >= 1650 && gap1 < 2900);
        assertTrue("second restart after about 2.7 s, was " + gap2 + " ms", gap2 >= 2650 && gap2 < 3900);
        assertTrue("backoff doubled: " + gap1 + " then " + gap2 + " ms", gap2 - gap1 >= 800);

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
        ServiceControlComponent control = control();
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
        ServiceControlComponent control = control();
        try {
            control.start(c, slot);
            fail("bad exits at once");
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("service bad"));
        }
        assertFalse("good, which starts after bad, was never started", Files.exists(marks));
    }
}
