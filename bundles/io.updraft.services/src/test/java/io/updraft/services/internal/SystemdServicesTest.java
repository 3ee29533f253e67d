package io.updraft.services.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;
import io.updraft.install.ServiceStatus;

/** This machine runs no systemd: the command lines are checked through a runner that answers like systemctl. */
public class SystemdServicesTest {
    private static final String SHOW = "show -p " + SystemdServices.PROPERTIES + " robot-planner.service";
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    /** Records each command line and answers from a queue. */
    static final class FakeRunner implements CommandRunner {
        final List<String> calls = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        final Deque<Result> answers = new ArrayDeque<>();

        FakeRunner answer(int code, String output) {
            answers.add(new Result(code, false, output));
            return this;
        }

        FakeRunner timeout() {
            answers.add(new Result(-1, true, ""));
            return this;
        }

        @Override
        public Result run(List<String> command, Duration timeout) {
            assertEquals("systemctl", command.get(0));
            calls.add(String.join(" ", command.subList(1, command.size())));
            timeouts.add(timeout);
            if (answers.isEmpty()) {
                fail("unexpected call: " + command);
            }
            return answers.poll();
        }
    }

    private static ServiceSpec unit(String unit) {
        return new ServiceSpec("planner", unit, List.of(), Map.of(), List.of(), Duration.ofSeconds(7));
    }

    private static SystemdServices systemd(FakeRunner runner) {
        return new SystemdServices(runner, Optional.empty(), Duration.ofSeconds(30), Duration.ofMillis(1),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> 5_000_000_000L);
    }

    private static String state(String active, String sub) {
        return "ActiveState=" + active + "\nSubState=" + sub + "\nMainPID=4242\n"
                + "ExecMainStartTimestampMonotonic=4990000000\nNRestarts=2\n";
    }

    @Test
    public void stopRunsSystemctlStopWithTheStopTimeoutThenChecksTheState() throws Exception {
        FakeRunner r = new FakeRunner().answer(0, "").answer(0, state("inactive", "dead"));
        systemd(r).stop("robot", unit("robot-planner.service"));
        assertEquals(List.of("stop robot-planner.service", SHOW), r.calls);
        assertEquals(Duration.ofSeconds(7), r.timeouts.get(0));
    }

    @Test
    public void stopThatTimesOutKillsTheUnit() throws Exception {
        FakeRunner r = new FakeRunner().timeout().answer(0, "").answer(0, state("failed", "failed"));
        systemd(r).stop("robot", unit("robot-planner.service"));
        assertEquals(List.of("stop robot-planner.service", "kill --signal=SIGKILL robot-planner.service", SHOW), r.calls);
    }

    @Test
    public void stopOfUnknownUnitSucceedsAsItDoesNotRun() throws Exception {
        FakeRunner r = new FakeRunner().answer(5, "Failed to stop robot-planner.service: Unit not loaded.")
                .answer(0, "ActiveState=inactive\nSubState=dead\nMainPID=0\n");
        systemd(r).stop("robot", unit("robot-planner.service"));
    }

    @Test
    public void startRestartsTheUnitAndChecksItIsUp() throws Exception {
        FakeRunner r = new FakeRunner().answer(0, "").answer(0, state("active", "running"));
        systemd(r).start("robot", unit("robot-planner.service"));
        assertEquals(List.of("restart robot-planner.service", SHOW), r.calls);
        assertEquals(Duration.ofSeconds(30), r.timeouts.get(0));
    }

    @Test
    public void startThatFailsNamesUnitAndOutput() throws Exception {
        FakeRunner r = new FakeRunner().answer(1, "Job for robot-planner.service failed because the control process exited");
        try {
            systemd(r).start("robot", unit("robot-planner.service"));
            fail();
        } catch (InstallException e) {
            assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("robot-planner.service"));
            assertTrue(e.getMessage(), e.getMessage().contains("control process exited"));
        }
    }

    @Test
    public void unitThatDiesRightAfterItsStartFailsTheStart() throws Exception {
        FakeRunner r = new FakeRunner().answer(0, "").answer(0, state("failed", "failed"));
        try {
            systemd(r).start("robot", unit("robot-planner.service"));
            fail();
        } catch (InstallException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("failed/failed"));
        }
    }

    @Test
    public void statusParsesSystemctlShow() {
        FakeRunner r = new FakeRunner().answer(0, state("active", "running"));
        ServiceStatus st = systemd(r).status("robot", unit("robot-planner.service"));
        assertEquals(List.of(SHOW), r.calls);
        assertTrue(st.running());
        assertEquals(4242, st.pid());
        assertEquals(2, st.restarts());
        assertEquals("systemd", st.manager());
        assertEquals("active/running", st.detail());
        // Started 10 s of monotonic time before the monotonic clock's now.
        assertEquals(NOW.minusSeconds(10), st.since());

        ServiceStatus stopped = systemd(new FakeRunner().answer(0, "ActiveState=inactive\nSubState=dead\nMainPID=0\n"))
                .status("robot", unit("robot-planner.service"));
        assertFalse(stopped.running());
        assertEquals(-1, stopped.pid());
        assertNull(stopped.since());
    }

    @Test
    public void withoutSystemdUnitsFailNamingUnitAndReason() throws Exception {
        FakeRunner r = new FakeRunner();
        SystemdServices s = new SystemdServices(r, Optional.of("the device does not run systemd (/run/systemd/system "
                + "is not a directory)"), Duration.ofSeconds(30), Duration.ofMillis(1), Clock.systemUTC(), () -> 0);
        for (boolean start : new boolean[] {true, false}) {
            try {
                if (start) {
                    s.start("robot", unit("robot-planner.service"));
                } else {
                    s.stop("robot", unit("robot-planner.service"));
                }
                fail();
            } catch (InstallException e) {
                assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("robot-planner.service"));
                assertTrue(e.getMessage(), e.getMessage().contains("does not run systemd"));
            }
        }
        assertFalse(s.status("robot", unit("robot-planner.service")).running());
        assertTrue("nothing was run", r.calls.isEmpty());
    }

    @Test
    public void invalidUnitNamesAreRefusedBeforeAnythingRuns() throws Exception {
        for (String bad : List.of("--now.service", "-H.service", "robot planner.service", "robot;reboot.service",
                "*.service", "robot-planner", "robot.exe", "../robot.service", ".service")) {
            FakeRunner r = new FakeRunner();
            try {
                systemd(r).start("robot", unit(bad));
                fail(bad + " must be refused");
            } catch (InstallException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("'" + bad + "'"));
            }
            try {
                systemd(r).stop("robot", unit(bad));
                fail(bad + " must be refused");
            } catch (InstallException e) {
                assertEquals(InstallException.Reason.SERVICE_FAILED, e.reason());
            }
            assertFalse(systemd(r).status("robot", unit(bad)).running());
            assertTrue(bad + " reached systemctl", r.calls.isEmpty());
        }
        for (String good : List.of("robot-planner.service", "getty@tty1.service", "robot.target", "app_1:x.socket")) {
            assertEquals(good, UnitNames.require("planner", good));
        }
    }
}
