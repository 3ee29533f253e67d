package io.updraft.telemetry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.CollectorStatus;
import io.updraft.telemetry.TelemetryEvent;

/**
 * Samples each collector at its own interval on a bounded pool of workers. A collector gets at most one call at a
 * time; a call past the timeout is interrupted, reported and its results dropped. A call that ignores the
 * interrupt keeps its worker, so the pool grows by one for each such call (up to {@link #MAX_EXTRA_THREADS}) and
 * shrinks when it returns: one hung collector never starves the others.
 *
 * <p>The interval counts from the end of one tick to the next: when the timer was held up (storing a problem report on a slow
 * disk, a long pause of the JVM), the samples it missed are not made up in a burst, which would run a collector
 * several times in a row or report it as still running only because the ticks came back to back.
 */
final class CollectorScheduler implements AutoCloseable {
    static final int MAX_EXTRA_THREADS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(CollectorScheduler.class);

    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor workers;
    /** Guarded by this scheduler's monitor, as is {@link #stuck}. */
    private int baseThreads;
    private final Predicate<Category> allowed;
    private final CollectorSink sink;
    private final Clock clock;
    private final Map<Collector, CollectorSlot> slots = new ConcurrentHashMap<>();
    private volatile Map<String, Duration> overrides;
    private volatile Duration timeout;
    private int stuck;

    CollectorScheduler(int threads, Duration timeout, Map<String, Duration> overrides, Predicate<Category> allowed,
            CollectorSink sink, Clock clock) {
        this.baseThreads = threads;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.overrides = Map.copyOf(overrides);
        this.allowed = allowed;
        this.sink = sink;
        this.clock = clock;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Threads.named("updraft-telemetry-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256),
                Threads.named("updraft-telemetry-collector"));
    }

    void add(Collector collector) {
        String name = collector.name();
        CollectorSlot slot = new CollectorSlot(collector, name, collector.category(), intervalOf(collector, name));
        if (slots.values().stream().anyMatch(s -> s.name.equals(name))) {
            LOG.warn("Two telemetry collectors are named '{}'; their status and interval settings are shared", name);
        }
        slots.put(collector, slot);
        synchronized (slot) {
            schedule(slot, Duration.ZERO);
        }
        LOG.info("Telemetry collector {} ({}) every {}", name, slot.category.id(), slot.interval);
    }

    void remove(Collector collector) {
        CollectorSlot slot = slots.remove(collector);
        if (slot != null) {
            synchronized (slot) {
                if (slot.tick != null) {
                    slot.tick.cancel(false);
                }
                if (slot.running != null) {
                    slot.running.cancel(true);
                }
            }
        }
    }

    /** Applies new interval overrides and timeout; collectors whose interval changed are rescheduled at once. */
    void reconfigure(Map<String, Duration> newOverrides, Duration newTimeout) {
        this.overrides = Map.copyOf(newOverrides);
        this.timeout = newTimeout;
        for (CollectorSlot slot : slots.values()) {
            Duration interval = intervalOf(slot.collector, slot.name);
            synchronized (slot) {
                if (!interval.equals(slot.interval)) {
                    if (slot.tick != null) {
                        slot.tick.cancel(false);
                    }
                    slot.interval = interval;
                    schedule(slot, interval);
                    LOG.info("Telemetry collector {} now every {}", slot.name, interval);
                }
            }
        }
    }

    private Duration intervalOf(Collector c, String name) {
        Duration d = overrides.get(name);
        return d != null ? d : Objects.requireNonNull(c.interval(), "interval of collector " + name);
    }

    private void schedule(CollectorSlot slot, Duration initialDelay) {
        slot.tick = null;
        if (!slot.interval.isZero() && !timer.isShutdown()) {
            slot.tick = timer.scheduleWithFixedDelay(() -> tick(slot), initialDelay.toMillis(),
                    slot.interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick(CollectorSlot slot) {
        String problem = null;
        synchronized (slot) {
            if (slot.running != null) {
                // A call still waiting for a worker is not the collector's fault: the sample is merely late.
                if (!slot.abandoned && slot.runningSince != null) {
                    problem = "still running since " + slot.runningSince + "; sample skipped";
                    slot.failures++;
                    slot.lastProblem = problem;
                }
            } else if (allowed.test(slot.category)) {
                long generation = ++slot.generation;
                slot.runningSince = null;
                try {
                    slot.running = workers.submit(() -> run(slot, generation));
                } catch (RejectedExecutionException e) {
                    if (workers.isShutdown()) {
                        return;
                    }
                    problem = "no worker free (" + workers.getQueue().size() + " calls queued); sample skipped";
                    slot.running = null;
                    slot.failures++;
                    slot.lastProblem = problem;
                }
            }
        }
        if (problem != null) {
            sink.problem(slot.collector, problem, null);
        }
    }

    private void run(CollectorSlot slot, long generation) {
        long start = System.nanoTime();
        synchronized (slot) {
            if (slot.generation != generation || slot.running == null) {
                return;
            }
            slot.runningSince = clock.instant();
            // The timeout counts from the start of the call, not from the time it spent queued.
            try {
                timer.schedule(() -> expire(slot, generation), timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return;
            }
        }
        List<TelemetryEvent> events = null;
        String problem = null;
        Throwable cause = null;
        try {
            events = slot.collector.collect();
            if (events == null) {
                problem = "returned null instead of a list";
            }
        } catch (Exception | LinkageError e) {
            // Never logged here with its message: collectors read personal data and their errors may quote it.
            problem = "failed";
            cause = e;
        }
        synchronized (slot) {
            if (slot.generation != generation) {
                return;
            }
            slot.running = null;
            slot.runningSince = null;
            if (slot.abandoned) {
                slot.abandoned = false;
                unstick();
                LOG.info("Telemetry collector {} returned after {} ms, past its timeout; results dropped", slot.name,
                        (System.nanoTime() - start) / 1_000_000);
                return;
            }
            if (problem == null) {
                slot.samples++;
                slot.lastSample = clock.instant();
            } else {
                slot.failures++;
                slot.lastProblem = cause == null ? problem : problem + ": " + Errors.describe(cause);
            }
        }
        if (problem == null) {
            sink.collected(slot.collector, events);
            return;
        }
        String shown = sink.problem(slot.collector, problem, cause);
        synchronized (slot) {
            if (slot.generation == generation && slot.running == null) {
                slot.lastProblem = shown;
            }
        }
    }

    private void expire(CollectorSlot slot, long generation) {
        String problem;
        synchronized (slot) {
            if (slot.generation != generation || slot.running == null || slot.abandoned) {
                return;
            }
            slot.abandoned = true;
            problem = "timed out after " + timeout.toMillis() + " ms; call interrupted and results dropped";
            slot.failures++;
            slot.lastProblem = problem;
            slot.running.cancel(true);
            stick();
        }
        sink.problem(slot.collector, problem, null);
    }

    /** Changes the number of workers in place; calls in progress go on. */
    synchronized void threads(int threads) {
        if (threads == baseThreads) {
            return;
        }
        baseThreads = threads;
        resize();
    }

    // A timed-out call may keep its worker; add one so the others keep their share.
    private synchronized void stick() {
        if (stuck < MAX_EXTRA_THREADS) {
            stuck++;
            resize();
        }
    }

    private synchronized void unstick() {
        if (stuck > 0) {
            stuck--;
            resize();
        }
    }

    // The core size may never exceed the maximum, so the order depends on the direction.
    private void resize() {
        int size = baseThreads + stuck;
        if (size > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(size);
            workers.setCorePoolSize(size);
        } else {
            workers.setCorePoolSize(size);
            workers.setMaximumPoolSize(size);
        }
    }

    /** Every collector's status, sorted by name. */
    List<CollectorStatus> statuses() {
        List<CollectorStatus> out = new ArrayList<>();
        for (CollectorSlot s : slots.values()) {
            out.add(s.status());
        }
        out.sort(Comparator.comparing(CollectorStatus::name));
        return out;
    }

    /** When the collector's current call began, or null if none is running; for tests. */
    Instant runningSince(Collector c) {
        CollectorSlot s = slots.get(c);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            return s.running == null ? null : s.runningSince;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("Telemetry collectors still running after shutdown: {}", workers.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
