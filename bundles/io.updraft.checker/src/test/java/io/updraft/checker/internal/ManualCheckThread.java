package io.updraft.checker.internal;

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
 * A check thread in virtual time: {@link #execute} runs the task at once on the caller's thread, scheduled tasks
 * run when {@link #advance} passes their time. Also the clock of that virtual time.
 */
final class ManualCheckThread extends Clock implements CheckThread {
    private record Scheduled(Instant due, long order, FutureTask<?> task) {
    }

    private Instant now;
    private long order;
    private boolean shutDown;
    private final List<Scheduled> scheduled = new ArrayList<>();

    ManualCheckThread(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (shutDown) {
            throw new RejectedExecutionException("shut down");
        }
        task.run();
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

    /** Moves time forward by {@code d}, running every task that falls due on the way, in order. */
    synchronized void advance(Duration d) {
        Instant target = now.plus(d);
        while (true) {
            scheduled.removeIf(s -> s.task().isCancelled());
            Scheduled first = scheduled.stream().filter(s -> !s.due().isAfter(target))
                    .min(Comparator.comparing(Scheduled::due).thenComparing(Scheduled::order)).orElse(null);
            if (first == null) {
                break;
            }
            scheduled.remove(first);
            now = first.due();
            first.task().run();
        }
        now = target;
    }

    /** The delays from now of the tasks still waiting, soonest first. */
    synchronized List<Duration> pending() {
        return scheduled.stream().filter(s -> !s.task().isCancelled()).map(Scheduled::due).sorted()
                .map(due -> Duration.between(now, due)).toList();
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
