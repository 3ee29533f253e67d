package io.updraft.scheduler.internal;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A single-thread scheduled executor. */
final class ExecutorWorkThread implements WorkThread {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWorkThread.class);

    private final ScheduledThreadPoolExecutor executor;

    ExecutorWorkThread() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "updraft-scheduler");
            t.setDaemon(true);
            return t;
        });
        // Wake-ups must not outlive the component that scheduled them.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Update scheduler work still running after {}; interrupting it", grace);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
