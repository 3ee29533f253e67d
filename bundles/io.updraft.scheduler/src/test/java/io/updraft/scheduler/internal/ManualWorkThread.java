package io.updraft.scheduler.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The work thread in virtual time, on the test's thread: tasks run when {@link #advance} passes their time
 * ({@link #execute} means now), in order. Also the clock of that virtual time.
 */
final class ManualWorkThread extends Clock implements WorkThread {
    private record Scheduled(Instant due, long order, FutureTask<?> task) {
    }

    private Instant now;
    private long order;
    private boolean shutDown;
    private final List<Scheduled> scheduled = new ArrayList<>();

    ManualWorkThread(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        if (shutDown) {
            throw new RejectedExecutionException("shut down");
        }
        FutureTask<Void> f = new FutureTask<>(task, null);
        scheduled.add(new Scheduled(now.plus(delay), order++, f));
        return f;
    }

    @Override
    public synchronized void shutdown(Duration grace) {
        shutDown = true;
        scheduled.forEach(s -> s.task().cancel(false));
        scheduled.clear();
    }

    /** Runs what is due now, including what that schedules for now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
    void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        while (true) {
            Scheduled first;
            synchronized (this) {
                scheduled.removeIf(s -> s.task().isCancelled());
                first = scheduled.stream().filter(s -> !s.due().isAfter(target))
                        .min(Comparator.comparing(Scheduled::due).thenComparing(Scheduled::order)).orElse(null);
                if (first == null) {
                    now = target;
                    return;
                }
                scheduled.remove(first);
                if (first.due().isAfter(now)) {
                    now = first.due();
                }
            }
            first.task().run();
            try {
                first.task().get();
            } catch (java.util.concurrent.CancellationException e) {
                // A wake-up that cancelled itself while running: it ran all the same.
            } catch (Exception e) {
                throw new AssertionError("work task failed", e);
            }
        }
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("virtual time is UTC only");
    }
}
