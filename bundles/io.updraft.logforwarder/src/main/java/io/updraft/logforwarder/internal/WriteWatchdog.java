package io.updraft.logforwarder.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking socket writes, which SO_TIMEOUT does not cover: a relay that accepted the connection and stopped
 * reading would otherwise hold the writer until the kernel gives up, many minutes later. One timer thread serves all
 * senders; it ends after a second without armed writes, so a stopped bundle leaves no thread behind.
 */
final class WriteWatchdog {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private WriteWatchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "updraft-logforwarder-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setKeepAliveTime(1, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        // Nearly every write finishes in time: cancelled deadlines must not pile up in the queue.
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Runs {@code abort} unless the returned deadline is cancelled within {@code millis}. */
    static ScheduledFuture<?> arm(long millis, Runnable abort) {
        return TIMER.schedule(abort, millis, TimeUnit.MILLISECONDS);
    }
}
