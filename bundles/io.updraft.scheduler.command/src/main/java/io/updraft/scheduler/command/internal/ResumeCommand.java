package io.updraft.scheduler.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateScheduler;

@Command(scope = "ota", name = "resume", description = "Resumes the paused download of the current update from where it stopped")
@Service
public class ResumeCommand implements Action {

    @Reference(optional = true)
    UpdateScheduler scheduler;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        UpdateScheduler s = Schedulers.require(scheduler);
        Schedule result;
        try {
            result = s.resume(Schedulers.BY);
        } catch (SchedulerException e) {
            throw Schedulers.refused("resume", e, s);
        }
        out.println("Download of update " + result.updateId() + " resumed; stage " + result.stage() + ".");
    }
}
