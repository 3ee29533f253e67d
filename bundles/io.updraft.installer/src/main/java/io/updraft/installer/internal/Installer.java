package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.ComponentState;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallRecord.Action;
import io.updraft.install.InstallRecord.Outcome;
import io.updraft.install.InstallService;
import io.updraft.install.ServiceControl;
import io.updraft.install.SnapshotService;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.update.DeviceStateService;
import io.updraft.update.Names;
import io.updraft.update.StateException;
import io.updraft.update.UpdateState;
import io.updraft.verifier.UpdateVerifier;

/**
 * The install service without OSGi: one worker thread runs recovery, installs and rollbacks one at a time; users'
 * commits and rollbacks reach a running trial through its decisions.
 */
final class Installer implements InstallService {
    private static final Logger LOG = LoggerFactory.getLogger(Installer.class);
    /** The longest wait between two timed retries of a failed recovery. */
    static final Duration MAX_RETRY = Duration.ofMinutes(30);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Context ctx;
    private final Finish finish;
    private final Transaction transaction;
    private final Recovery recovery;
    private final Plans plans;
    private final Intake intake;
    private final ExecutorService worker;
    private final AtomicReference<String> claim = new AtomicReference<>();
    private volatile Attempt inTrial;
    private volatile boolean stopping;
    private volatile boolean recoveryPending = true;
    /** Runs the timed retries of a failed recovery; the recovery itself always runs on {@link #worker}. */
    private final ScheduledExecutorService retries;
    /** The wait before the next timed retry; touched by the worker thread only. */
    private Duration nextRetry;
    /** The timed retry scheduled, if any; touched by the worker thread only. */
    private ScheduledFuture<?> pendingRetry;
    /** What left the attempt under recovery unfinished, for its reason; touched by the worker thread only. */
    private String leftBy = Recovery.AT_START;

    Installer(Settings settings, DeviceStateService state, UpdateVerifier verifier, UpdateScheduler scheduler,
            ServiceControl services, SnapshotService snapshots, Plugins plugins, Supplier<EventAdmin> eventAdmin,
            Clock clock, Duration pluginWait, Duration migrationTimeout) throws IOException {
        Layout layout = new Layout(settings.home());
        Events events = new Events(eventAdmin);
        this.worker = Executors.newSingleThreadExecutor(threads("updraft-installer"));
        this.retries = Executors.newSingleThreadScheduledExecutor(threads("updraft-installer-retry"));
        this.nextRetry = settings.recoveryRetry();
        this.ctx = new Context(settings, layout, state, new Journal(state),
                new HistoryStore(layout.history(), settings.historyLimit()), new Progress(events, clock), events,
                services, snapshots, plugins, scheduler, clock, Executors.newCachedThreadPool(threads("updraft-health")));
        this.finish = new Finish(ctx);
        this.transaction = new Transaction(ctx, finish, migrationTimeout);
        this.recovery = new Recovery(ctx, finish, pluginWait);
        this.plans = new Plans(ctx);
        this.intake = new Intake(ctx, verifier, plans, finish);
        plugins.onAdd(() -> {
            if (recoveryPending && !stopping) {
                // A recovery that waits for a plugin runs when one appears; one that failed waits for its retry.
                worker.execute(() -> {
                    if (pendingRetry == null) {
                        recover();
                    }
                });
            }
        });
    }

    /** Recovers what the last run left, then takes up an install that is due. */
    void start() {
        worker.execute(this::recover);
    }

    /** Stops the worker; an attempt under way is left as it is for the recovery at the next start. */
    void stop(Duration grace) {
        stopping = true;
        retries.shutdownNow();
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The installer's worker did not stop within {}", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.checkPool().shutdownNow();
    }

    /** Waits until the worker has done everything submitted so far (tests, the power-cut harness). */
    void awaitIdle() throws InterruptedException, ExecutionException {
        worker.submit(() -> { }).get();
    }

    boolean recoveryPending() {
        return recoveryPending;
    }

    /** An update's install is due: the worker takes it up when it is free. */
    void due(String updateId) {
        if (!stopping) {
            worker.execute(() -> {
                if (!recoveryPending) {
                    run(intake.scheduled(updateId));
                }
            });
        }
    }

    private void recover() {
        if (!recoveryPending) {
            return;
        }
        try {
            recoveryPending = !recovery.run(leftBy);
            if (recoveryPending) {
                // Waiting for a plugin that declares or installs a component: its arrival starts the recovery.
                return;
            }
        } catch (InstallException | RuntimeException e) {
            LOG.error("Recovery failed; it is tried again in {}, at the next start or when a plugin appears", nextRetry, e);
            retryLater();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        nextRetry = ctx.settings().recoveryRetry();
        leftBy = Recovery.AT_START;
        cancelRetry();
        try {
            new ServiceResume(ctx).run(new Consistency(ctx, new ComponentsView(ctx)).check());
        } catch (RuntimeException e) {
            LOG.error("The services of committed components could not all be resumed; the next start tries again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            ctx.scheduler().current().ifPresent(s -> {
                if (s.stage() == io.updraft.scheduler.Stage.INSTALL_DUE) {
                    run(intake.scheduled(s.updateId()));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("The install that was due could not be taken up; the scheduler makes it due again", e);
        }
    }

    /**
     * Tries the recovery again after {@link #nextRetry}, then waits twice as long for the one after (up to
     * {@link #MAX_RETRY}): a fault that passes (a busy disk, a slow service) must not leave the device refusing
     * installs until the next start, and one that does not pass must not fill the log. One retry is pending at a
     * time, however many recoveries failed meanwhile (one per plugin that appeared, say). Worker thread only.
     */
    private void retryLater() {
        if (stopping || pendingRetry != null) {
            return;
        }
        Duration wait = nextRetry;
        nextRetry = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        try {
            pendingRetry = retries.schedule(() -> {
                try {
                    worker.execute(() -> {
                        pendingRetry = null;
                        recover();
                    });
                } catch (RejectedExecutionException stopped) {
                    // The installer stopped meanwhile; the next start recovers.
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // Stopping.
        }
    }

    private void cancelRetry() {
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
            pendingRetry = null;
        }
    }

    /** Runs a prepared attempt on the worker thread; null attempts (nothing to do) are skipped. */
    private InstallRecord run(Attempt a) {
        if (a == null) {
            return null;
        }
        InstallRecord r = a.record(Outcome.RUNNING, "", null);
        try {
            r = transaction.run(a, t -> inTrial = t, () -> stopping);
        } catch (Transaction.Stopped e) {
            LOG.info("{}", e.getMessage());
            r = a.record(Outcome.RUNNING, e.getMessage(), null);
        } catch (InstallException e) {
            if (!a.begun()) {
                try {
                    r = finish.fail(a, e.getMessage());
                } catch (InstallException e2) {
                    LOG.error("Cannot record the failure of {}: {}", a.id(), e2.getMessage());
                }
            } else {
                LOG.error("{} could not be ended and is left for the recovery, tried again in {}: {}", a.id(),
                        nextRetry, e.getMessage(), e);
                leftBy = "the failure '" + e.getMessage() + "'";
                recoveryPending = true;
                retryLater();
                r = a.record(Outcome.RUNNING, e.getMessage(), null);
            }
        } finally {
            a.done().complete(r);
        }
        return r;
    }

    @Override
    public InstallRecord installFile(Path packageFile, String repositoryId, String by)
            throws InstallException, InterruptedException {
        if (packageFile == null || !Files.isRegularFile(packageFile)) {
            throw new InstallException(Reason.BAD_PACKAGE, "package file " + packageFile + " does not exist or is not a file");
        }
        String repo = repositoryId == null || repositoryId.isBlank() ? ctx.settings().repositoryId() : repositoryId;
        claim("offline install of " + packageFile);
        return submit(() -> {
            Attempt a = intake.offline(packageFile.toAbsolutePath(), repo, by, uniqueId("offline"));
            return run(a);
        });
    }

    @Override
    public InstallRecord commit(String by) throws InstallException {
        Attempt t = inTrial;
        UpdateState s = ctx.state().status().state();
        if (t == null || !t.isUpdate() || s != UpdateState.AWAITING_COMMIT) {
            throw new InstallException(Reason.NOTHING_TO_COMMIT, "no update is waiting for a commit (update state " + s + ")");
        }
        t.decide(new Attempt.Decision(true, by));
        InstallRecord r = awaitEnd(t);
        if (r.outcome() != Outcome.SUCCEEDED) {
            throw new InstallException(Reason.NOTHING_TO_COMMIT, "update " + t.id() + " ended " + r.outcome()
                    + " before the commit: " + r.reason());
        }
        return r;
    }

    @Override
    public InstallRecord rollback(String component, String snapshotId, String by)
            throws InstallException, InterruptedException {
        Attempt t = inTrial;
        if (t != null && t.isUpdate()) {
            t.decide(new Attempt.Decision(false, by));
            return awaitEnd(t);
        }
        if (component == null || component.isBlank()) {
            throw new InstallException(Reason.NOTHING_TO_COMMIT, "no update is in trial; name a component to roll back");
        }
        try {
            Names.requireComponentName(component);
        } catch (IllegalArgumentException e) {
            throw new InstallException(Reason.UNKNOWN_COMPONENT, e.getMessage(), e);
        }
        claim("rollback of " + component);
        return submit(() -> {
            requireIdleOrFailed();
            Item item = plans.manual(component, snapshotId);
            String id = uniqueId("rollback-" + component);
            Attempt a = new Attempt(id, Action.ROLLBACK, by, ctx.clock().instant(), List.of(item));
            ctx.history().put(a.record(Outcome.RUNNING, "", null));
            return run(a);
        });
    }

    @Override
    public List<InstallRecord> history(int limit) {
        return ctx.history().newestFirst(limit);
    }

    @Override
    public Optional<InstallProgressView> progress() {
        return ctx.progress().current();
    }

    @Override
    public List<ComponentState> components() {
        return new ComponentsView(ctx).list();
    }

    private void claim(String what) throws InstallException {
        if (stopping) {
            throw new InstallException(Reason.BUSY, "the installer is stopping; " + what + " refused");
        }
        if (recoveryPending) {
            throw new InstallException(Reason.BUSY, "the installer is still recovering the last attempt; " + what + " refused");
        }
        UpdateState s = ctx.state().status().state();
        if (s.isBusy()) {
            throw new InstallException(Reason.BUSY, "the update state is " + s + " (update '"
                    + ctx.state().status().updateId() + "'); " + what + " refused");
        }
        if (!claim.compareAndSet(null, what)) {
            throw new InstallException(Reason.BUSY, claim.get() + " is running; " + what + " refused");
        }
    }

    private void requireIdleOrFailed() throws InstallException {
        UpdateState s = ctx.state().status().state();
        if (s != UpdateState.IDLE && s != UpdateState.FAILED) {
            throw new InstallException(Reason.BUSY, "a rollback needs the update state IDLE or FAILED, not " + s);
        }
    }

    private interface Job {
        InstallRecord call() throws InstallException, IOException, InterruptedException;
    }

    /** Runs a claimed job on the worker and waits for it; the claim ends with the job. */
    private InstallRecord submit(Job job) throws InstallException, InterruptedException {
        Future<InstallRecord> f;
        try {
            f = worker.submit(() -> {
                try {
                    return job.call();
                } finally {
                    claim.set(null);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            claim.set(null);
            throw new InstallException(Reason.BUSY, "the installer is stopping", e);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InstallException ie) {
                throw ie;
            }
            if (c instanceof IOException io) {
                throw new InstallException(Reason.IO, io.getMessage(), io);
            }
            if (c instanceof InterruptedException) {
                throw new InstallException(Reason.BUSY, "the installer stopped during the attempt", c);
            }
            throw new IllegalStateException(c);
        }
    }

    /** Waits for a trial's attempt to end, not giving up on an interrupt (commit cannot throw one). */
    private InstallRecord awaitEnd(Attempt t) throws InstallException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return t.done().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new InstallException(Reason.IO, "the trial of " + t.id() + " failed: " + e.getCause(), e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code prefix-yyyyMMddHHmmss}, with {@code -n} added when an attempt of that id exists. */
    private String uniqueId(String prefix) throws InstallException {
        String base = prefix + "-" + STAMP.format(ctx.clock().instant());
        AtomicInteger n = new AtomicInteger(1);
        String id = base;
        try {
            while (!ctx.state().journal(id).isEmpty() || ctx.history().latest(id).isPresent()) {
                id = base + "-" + n.incrementAndGet();
            }
        } catch (StateException e) {
            throw new InstallException(Reason.IO, e.getMessage(), e);
        }
        return Names.requireUpdateId(id);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
