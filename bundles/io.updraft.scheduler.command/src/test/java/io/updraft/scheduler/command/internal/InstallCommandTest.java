package io.updraft.scheduler.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Test;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;

public class InstallCommandTest {
    private static final Instant WINDOW = Instant.parse("2026-06-02T03:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-06-03T12:00:00Z");

    private FakeScheduler scheduler;
    private InstallCommand command;

    @Before
    public void setUp() {
        scheduler = new FakeScheduler();
        command = new InstallCommand();
        command.scheduler = scheduler;
    }

    private static Schedule with(Stage stage, Instant installNotBefore) {
        Schedule s = FakeScheduler.schedule("u-42", stage);
        return new Schedule(s.updateId(), s.offers(), stage, When.NOW, When.WINDOW, null, installNotBefore,
                new Confirmation(Confirmation.State.CONFIRMED, null, "", "shell", FakeScheduler.AT), List.of(), null, "",
                FakeScheduler.AT);
    }

    @Test
    public void nowSaysWhatWasDecidedAndWhenTheInstallIsDue() {
        command.now = true;
        scheduler.answer = with(Stage.DOWNLOADING, null);
        assertEquals("Update u-42 will be installed now; stage DOWNLOADING.\n"
                + "Install due: as soon as it is downloaded and verified\n", Output.of(command::run));
        assertEquals(List.of("installNow by shell"), scheduler.calls);

        scheduler.answer = with(Stage.INSTALL_DUE, null);
        assertTrue(Output.of(command::run).endsWith("Install due: now\n"));
    }

    @Test
    public void windowNamesTheWindowStart() {
        command.window = true;
        scheduler.answer = with(Stage.WAITING_TO_INSTALL, WINDOW);
        assertEquals("Update u-42 will be installed in the maintenance window; stage WAITING_TO_INSTALL.\n"
                + "Install due: 2026-06-02T03:00:00Z\n", Output.of(command::run));
        assertEquals(List.of("installInWindow by shell"), scheduler.calls);

        scheduler.answer = with(Stage.DOWNLOADING, WINDOW);
        assertTrue(Output.of(command::run).endsWith("Install due: 2026-06-02T03:00:00Z, once it is downloaded and verified\n"));
    }

    @Test
    public void denyDeclines() {
        command.deny = true;
        scheduler.answer = with(Stage.DENIED, null);
        assertEquals("Update u-42 declined; it is not offered again until a newer release comes. Stage DENIED.\n",
                Output.of(command::run));
        assertEquals(List.of("deny by shell"), scheduler.calls);
    }

    @Test
    public void moreThanOneDecisionIsRefusedBeforeAskingTheScheduler() {
        command.now = true;
        command.deny = true;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertEquals("use exactly one of --now, --window, --deny; got --now --deny", e.getMessage());
        command.scheduler = null;
        command.window = true;
        e = assertThrows(IllegalArgumentException.class, () -> Output.of(command::run));
        assertTrue(e.getMessage(), e.getMessage().endsWith("got --now --window --deny"));
        assertTrue(scheduler.calls.isEmpty());
    }

    @Test
    public void refusalNamesTheOptionCodeAndStage() {
        command.window = true;
        scheduler.answer = new SchedulerException(SchedulerException.Code.WRONG_STAGE, "update u-42 was declined");
        scheduler.current = Optional.of(FakeScheduler.schedule("u-42", Stage.DENIED));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(command::run));
        assertEquals("install --window refused [WRONG_STAGE]: update u-42 was declined (update u-42 is DENIED)", e.getMessage());
    }

    @Test
    public void withoutOptionsShowsThePendingDecision() {
        scheduler.current = Optional.of(new Schedule("u-42", List.of(FakeScheduler.offer("app", "1.3.0"),
                FakeScheduler.offer("nav", "2.0.0")), Stage.AWAITING_CONFIRMATION, When.NOW, When.CONFIRM, null, WINDOW,
                new Confirmation(Confirmation.State.PENDING, DEADLINE, "install", "", null),
                List.of("battery at 12% is below the required 30%", "robot is moving (speed 0.4 m/s)"),
                Instant.parse("2026-06-01T12:05:00Z"), "", FakeScheduler.AT));
        command.noFormat = true;
        String out = Output.of(command::run);
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Update *\tu-42")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Stage *\tAWAITING_CONFIRMATION")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Releases *\tapp 1\\.3\\.0, nav 2\\.0\\.0")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Download *\tnow")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Install *\tafter confirmation, not before 2026-06-02T03:00:00Z")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Confirmation *\tpending, deadline 2026-06-03T12:00:00Z, then 'install'")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("Next attempt *\t2026-06-01T12:05:00Z")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("battery at 12% is below the required 30%")));
        assertTrue(out, out.lines().anyMatch(l -> l.matches("robot is moving \\(speed 0\\.4 m/s\\)")));
        assertTrue(out, out.endsWith("Decide with ota:install --now, --window or --deny.\n"));
        assertFalse(out, out.contains("Problem"));
        assertEquals(List.of(), scheduler.calls);
    }

    @Test
    public void withoutOptionsAfterTheDecisionShowsWhoDecidedAndNoHint() {
        Schedule s = new Schedule("u-7", List.of(), Stage.FAILED, When.WINDOW, When.WINDOW, WINDOW, null,
                new Confirmation(Confirmation.State.TIMED_OUT, DEADLINE, "deny", "timeout", DEADLINE), List.of(), null,
                "artifact app.updraft failed its sha256 check", FakeScheduler.AT);
        scheduler.current = Optional.of(s);
        String out = Output.of(command::run);
        assertTrue(out, out.contains("in the maintenance window, not before 2026-06-02T03:00:00Z"));
        assertTrue(out, out.contains("timed out at 2026-06-03T12:00:00Z, 'deny' applied"));
        assertTrue(out, out.contains("artifact app.updraft failed its sha256 check"));
        assertTrue(out, out.contains("No pre-update check is blocking."));
        assertFalse(out, out.contains("Decide with"));
        assertEquals("confirmed by rest at 2026-06-01T12:00:00Z", ScheduleView.confirmation(
                new Confirmation(Confirmation.State.CONFIRMED, null, "", "rest", FakeScheduler.AT)));
        assertEquals("not needed", ScheduleView.confirmation(Confirmation.NOT_NEEDED));
    }

    @Test
    public void withoutOptionsAndNothingPending() {
        assertEquals("No update pending.\n", Output.of(command::run));
    }

    @Test
    public void withoutSchedulerFailsClearly() {
        command.scheduler = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(command::run));
        assertTrue(e.getMessage(), e.getMessage().startsWith("the update scheduler is not installed"));
    }
}
