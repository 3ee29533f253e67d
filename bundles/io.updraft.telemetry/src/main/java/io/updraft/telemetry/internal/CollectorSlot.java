package io.updraft.telemetry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Collector;
import io.updraft.telemetry.CollectorStatus;

/** The scheduling state of one collector; guarded by its own monitor. */
final class CollectorSlot {
    final Collector collector;
    final String name;
    final Category category;
    Duration interval;
    ScheduledFuture<?> tick;
    /** The call in progress, or null; one call per collector at a time. */
    Future<?> running;
    /** When the call in progress left the queue and began; null while it waits for a worker. */
    Instant runningSince;
    /** The call in progress timed out; its results are dropped when (if ever) it returns. */
    boolean abandoned;
    long generation;
    Instant lastSample;
    long samples;
    long failures;
    String lastProblem = "";

    CollectorSlot(Collector collector, String name, Category category, Duration interval) {
        this.collector = collector;
        this.name = name;
        this.category = category;
        this.interval = interval;
    }

    synchronized CollectorStatus status() {
        return new CollectorStatus(name, category, interval, lastSample, samples, failures, lastProblem);
    }
}
