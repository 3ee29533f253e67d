package io.updraft.scheduler.command.internal;

import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateScheduler;

/** What the commands share about reaching the scheduler and reporting its refusals. */
final class Schedulers {
    /** Who the scheduler records as having decided, for the commands' requests. */
    static final String BY = "shell";

    private Schedulers() {
    }

    /**
     * The scheduler, which is optional so the commands stay listed; a clear one-line error without it.
     */
    static UpdateScheduler require(UpdateScheduler scheduler) {
        if (scheduler == null) {
            throw new IllegalStateException("the update scheduler is not installed or not running on this device "
                    + "(feature updraft-scheduler)");
        }
        return scheduler;
    }

    /**
     * A refusal as one line for the shell: the action, the scheduler's code and reason, and where the update stands
     * now, since that is what a field engineer needs to decide the next step.
     */
    static IllegalStateException refused(String action, SchedulerException e, UpdateScheduler scheduler) {
        String where = scheduler.current()
                .map(s -> "update " + s.updateId() + " is " + s.stage())
                .orElse("no update is pending");
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        return new IllegalStateException(action + " refused [" + e.code() + "]: " + message + " (" + where + ")", e);
    }
}
