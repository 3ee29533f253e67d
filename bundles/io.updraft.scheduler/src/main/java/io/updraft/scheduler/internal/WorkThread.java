package io.updraft.scheduler.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one thread the scheduler's work runs on (decisions, downloads, verification), so one update step runs at a
 * time. Replaced in tests by virtual time.
 */
interface WorkThread {

    /** Runs the task on the work thread as soon as it is free. */
    void execute(Runnable task) throws RejectedExecutionException;

    /** Runs the task after the delay; the returned future cancels it. */
    Future<?> schedule(Runnable task, Duration delay) throws RejectedExecutionException;

    /** Drops what is scheduled and waits up to {@code grace} for a running task, then interrupts it. */
    void shutdown(Duration grace);
}
