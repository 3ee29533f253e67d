package io.updraft.installer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;

/**
 * The trial after a switch: every health check of every component runs on the check pool, each at its interval and
 * within its timeout, until each has passed its success threshold (passed), one reaches its failure threshold or a
 * component's trial deadline passes (failed), or a user commits or rolls back.
 */
final class Trial {
    private static final Logger LOG = LoggerFactory.getLogger(Trial.class);

    /** How a trial ended; {@code reason} names the check and its last detail when it failed. */
    record Verdict(boolean passed, String reason) {
    }

    private final Context ctx;

    Trial(Context ctx) {
        this.ctx = ctx;
    }

    private static final class Run {
        final Item item;
        final HealthCheckSpec spec;
        final HealthCheck check;
        // System.nanoTime() values: the wall clock may be stepped (NTP on a device without a real-time clock)
        // during the trial, which must neither end it early nor stretch it.
        final long deadline;
        int successes;
        int failures;
        String last = "not run yet";
        boolean passed;
        long next;

        Run(Item item, HealthCheckSpec spec, HealthCheck check, long start) {
            this.item = item;
            this.spec = spec;
            this.check = check;
            this.deadline = start + item.spec().trialDeadline().toNanos();
            this.next = start;
        }

        String name() {
            return "health check " + item.name() + "/" + spec.name();
        }
    }

    /**
     * Runs the trial.
     *
     * @param start when the trial started, by the wall clock
     * @param deadline the trial's deadline by the wall clock, as journaled; the trial keeps its duration even when
     *        the wall clock is stepped meanwhile
     * @param waitForCommit once every check passed, wait for a user's commit until {@code deadline}
     */
    Verdict run(Attempt a, Instant start, Instant deadline, boolean waitForCommit) throws InterruptedException {
        long t0 = System.nanoTime();
        long end = t0 + Duration.between(start, deadline).toNanos();
        List<Run> runs = new ArrayList<>();
        for (Item item : a.items()) {
            for (HealthCheckSpec spec : item.spec().healthChecks()) {
                Optional<HealthCheck> check = ctx.plugins().check(spec.type());
                if (check.isEmpty()) {
                    return new Verdict(false, "health check " + item.name() + "/" + spec.name() + " needs type '"
                            + spec.type() + "', which no available health check provides");
                }
                runs.add(new Run(item, spec, check.get(), t0));
            }
        }
        while (true) {
            Attempt.Decision d = a.poll(0);
            if (d != null) {
                return decided(d);
            }
            long now = System.nanoTime();
            if (runs.stream().allMatch(r -> r.passed)) {
                return passed(a, deadline, end, waitForCommit);
            }
            for (Run r : runs) {
                if (!r.passed && now - r.deadline >= 0) {
                    return new Verdict(false, r.name() + " did not pass within the trial deadline "
                            + r.item.spec().trialDeadline() + ": " + r.last);
                }
            }
            Verdict failed = runDue(runs, a, now);
            if (failed != null) {
                return failed;
            }
            long wake = runs.stream().filter(r -> !r.passed).mapToLong(r -> r.next - r.deadline < 0 ? r.next : r.deadline)
                    .reduce((x, y) -> x - y < 0 ? x : y).orElse(now);
            long millis = TimeUnit.NANOSECONDS.toMillis(wake - System.nanoTime());
            if (millis > 0) {
                d = a.poll(millis);
                if (d != null) {
                    return decided(d);
                }
            }
        }
    }

    private Verdict runDue(List<Run> runs, Attempt a, long now) throws InterruptedException {
        List<Run> due = new ArrayList<>();
        List<Future<HealthResult>> futures = new ArrayList<>();
        for (Run r : runs) {
            if (!r.passed && r.next - now <= 0) {
                due.add(r);
                futures.add(ctx.checkPool().submit(() -> r.check.check(r.item.spec(), r.spec, r.item.toPath(),
                        r.item.toVersion())));
            }
        }
        try {
            return collect(due, futures, a, System.nanoTime());
        } finally {
            // A verdict may come before every check answered: the others must not keep running against the
            // version that is about to be rolled back or committed.
            futures.forEach(f -> f.cancel(true));
        }
    }

    private Verdict collect(List<Run> due, List<Future<HealthResult>> futures, Attempt a, long submitted)
            throws InterruptedException {
        for (int i = 0; i < due.size(); i++) {
            Run r = due.get(i);
            HealthResult result = await(futures.get(i), r, submitted);
            r.next = System.nanoTime() + r.spec.interval().toNanos();
            if (result.healthy()) {
                r.failures = 0;
                r.last = result.detail();
                if (++r.successes >= r.spec.successThreshold()) {
                    r.passed = true;
                    LOG.info("{}: {} passed: {}", a.id(), r.name(), result.detail());
                }
            } else {
                r.successes = 0;
                r.last = result.detail();
                LOG.info("{}: {} failed ({} of {}): {}", a.id(), r.name(), r.failures + 1, r.spec.failureThreshold(),
                        result.detail());
                if (++r.failures >= r.spec.failureThreshold()) {
                    return new Verdict(false, r.name() + " failed " + r.failures + " time(s) in a row: " + r.last);
                }
            }
        }
        return null;
    }

    private static HealthResult await(Future<HealthResult> f, Run r, long submitted) throws InterruptedException {
        long left = r.spec.timeout().toNanos() - (System.nanoTime() - submitted);
        try {
            HealthResult result = f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return result == null ? HealthResult.unhealthy("the check returned no result") : result;
        } catch (TimeoutException e) {
            f.cancel(true);
            return HealthResult.unhealthy("timed out after " + r.spec.timeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return HealthResult.unhealthy(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (CancellationException e) {
            return HealthResult.unhealthy("cancelled");
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    private Verdict passed(Attempt a, Instant deadline, long end, boolean waitForCommit) throws InterruptedException {
        if (!waitForCommit) {
            return new Verdict(true, "");
        }
        LOG.info("{}: every health check passed; waiting for a commit until {}", a.id(), deadline);
        while (true) {
            long millis = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (millis <= 0) {
                return new Verdict(false, "not committed before the trial deadline " + deadline);
            }
            Attempt.Decision d = a.poll(millis);
            if (d != null) {
                return decided(d);
            }
        }
    }

    private static Verdict decided(Attempt.Decision d) {
        return d.commit() ? new Verdict(true, "committed by " + d.by()) : new Verdict(false, "rolled back by " + d.by());
    }
}
