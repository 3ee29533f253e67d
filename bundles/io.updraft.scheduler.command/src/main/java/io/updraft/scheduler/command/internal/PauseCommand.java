package io.updraft.scheduler.command.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateScheduler;

@Command(scope = "ota", name = "pause",
        description = "Pauses the current update's download, keeping the partial data; it stays paused across restarts until ota:resume")
@Service
public class PauseCommand implements Action {

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
            result = s.pause(Schedulers.BY);
        } catch (SchedulerException e) {
            throw Schedulers.refused("pause", e, s);
        }
        out.println("Download of update " + result.updateId() + " paused, partial data kept; stage " + result.stage()
                + ". ota:resume continues it.");
    }
}
