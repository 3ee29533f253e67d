package io.updraft.checker.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/** The one thread checks run on, so that two checks never run at once. Replaced in tests by virtual time. */
interface CheckThread {

    /** Runs the task on the check thread as soon as it is free. */
    void execute(Runnable task) throws RejectedExecutionException;

    /** Runs the task after the delay; the returned future cancels it. */
    Future<?> schedule(Runnable task, Duration delay) throws RejectedExecutionException;

    /** Drops what is scheduled and waits up to {@code grace} for a running task, then interrupts it. */
    void shutdown(Duration grace);
}
