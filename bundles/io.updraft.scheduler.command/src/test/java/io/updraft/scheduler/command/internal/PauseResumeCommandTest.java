package io.updraft.scheduler.command.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.Before;
import org.junit.Test;

import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;

public class PauseResumeCommandTest {
    private FakeScheduler scheduler;
    private PauseCommand pause;
    private ResumeCommand resume;

    @Before
    public void setUp() {
        scheduler = new FakeScheduler();
        pause = new PauseCommand();
        pause.scheduler = scheduler;
        resume = new ResumeCommand();
        resume.scheduler = scheduler;
    }

    @Test
    public void pausePrintsTheResultingStage() {
        scheduler.answer = FakeScheduler.schedule("u-42", Stage.PAUSED);
        assertEquals("Download of update u-42 paused, partial data kept; stage PAUSED. ota:resume continues it.\n",
                Output.of(pause::run));
        assertEquals(List.of("pause by shell"), scheduler.calls);
    }

    @Test
    public void resumePrintsTheResultingStage() {
        scheduler.answer = FakeScheduler.schedule("u-42", Stage.DOWNLOADING);
        assertEquals("Download of update u-42 resumed; stage DOWNLOADING.\n", Output.of(resume::run));
        assertEquals(List.of("resume by shell"), scheduler.calls);
    }

    @Test
    public void refusalIsOneLineWithCodeReasonAndStage() {
        SchedulerException cause = new SchedulerException(SchedulerException.Code.WRONG_STAGE,
                "update u-42 cannot be paused\nin stage VERIFYING");
        scheduler.answer = cause;
        scheduler.current = Optional.of(FakeScheduler.schedule("u-42", Stage.VERIFYING));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Output.of(pause::run));
        assertEquals("pause refused [WRONG_STAGE]: update u-42 cannot be paused in stage VERIFYING (update u-42 is VERIFYING)",
                e.getMessage());
        assertSame(cause, e.getCause());

        scheduler.answer = new SchedulerException(SchedulerException.Code.NOTHING_PENDING, "no update is scheduled");
        scheduler.current = Optional.empty();
        e = assertThrows(IllegalStateException.class, () -> Output.of(resume::run));
        assertEquals("resume refused [NOTHING_PENDING]: no update is scheduled (no update is pending)", e.getMessage());
    }

    @Test
    public void withoutSchedulerBothFailClearly() {
        pause.scheduler = null;
        resume.scheduler = null;
        for (Runnable r : new Runnable[] {() -> Output.of(pause::run), () -> Output.of(resume::run)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
            assertEquals("the update scheduler is not installed or not running on this device (feature updraft-scheduler)",
                    e.getMessage());
        }
    }
}
