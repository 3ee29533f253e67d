package io.updraft.services.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.DurableFiles;
import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;
import io.updraft.install.ServiceStatus;

/**
 * The built-in supervisor for services declared with a command. It restarts a service that exits unexpectedly, with
 * backoff, and finds its processes again after a restart of the runtime through their records; closing it stops the
 * watching only, the processes keep running.
 */
final class Supervisor implements AutoCloseable {
    static final String MANAGER = "supervisor";
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** How often a process found again is looked at: it is not our child, so no exit notice reaches us. */
    private static final Duration ADOPTED_POLL = Duration.ofSeconds(1);
    private static final int TAIL_LINES = 10;

    private final RecordStore store;
    private final Launcher launcher;
    private final Terminator terminator;
    private final Backoff backoff;
    private final Duration startGrace;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentMap<String, Supervised> services = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param startGrace a process that exits with an error this soon after its start fails the start */
    Supervisor(RecordStore store, Launcher launcher, Terminator terminator, Backoff backoff, Duration startGrace,
            Clock clock) {
        this.store = store;
        this.launcher = launcher;
        this.terminator = terminator;
        this.backoff = backoff;
        this.startGrace = startGrace;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "updraft-supervisor");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /**
     * Takes over the processes recorded by an earlier runtime that still run (same pid and start time); records of
     * processes that ended, or whose pid now belongs to another process, are removed.
     */
    void adoptAll() {
        List<Path> files;
        try {
            files = store.list();
        } catch (IOException e) {
            LOG.error("Cannot list the service records; services started earlier are not watched", e);
            return;
        }
        for (Path f : files) {
            ProcessRecord r;
            try {
                r = store.read(f);
            } catch (IOException e) {
                LOG.warn("Removing an unreadable service record: {}", e.getMessage());
                deleteFile(f);
                continue;
            }
            if (!terminator.alive(r)) {
                LOG.info("Service {} of component {} (pid {}) no longer runs; removing its record", r.service(),
                        r.component(), r.pid());
                deleteFile(f);
                continue;
            }
            Supervised s = services.computeIfAbsent(key(r.component(), r.service()),
                    k -> new Supervised(r.component(), r.service()));
            synchronized (s) {
                Launcher.Running run = new Launcher.Running(r, Optional.empty());
                s.current = run;
                s.last = r;
                s.restarts = r.restarts();
                s.watching = true;
                s.generation++;
                s.detail = "running (found again after a restart of the runtime)";
                watch(s, run, s.generation);
            }
            LOG.info("Found service {} of component {} running as pid {} since {}", r.service(), r.component(), r.pid(),
                    r.startedAt());
        }
    }

    /** Starts the service from {@code slot}, stopping its running process first. */
    void start(String component, ServiceSpec spec, Path slot) throws InstallException, InterruptedException {
        List<String> command = Launcher.resolve(component, spec, slot);
        Map<String, String> env = Launcher.environment(component, spec, slot);
        Supervised s = services.computeIfAbsent(key(component, spec.name()), k -> new Supervised(component, spec.name()));
        s.operation.lockInterruptibly();
        try {
            stopLocked(s, spec.stopTimeout());
            long offset = launcher.logSize(component, spec.name());
            Launcher.Running run;
            try {
                run = launcher.launch(component, spec.name(), command, slot, env, 0);
            } catch (IOException e) {
                throw failed(s, "cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
            }
            Process p = run.process().orElseThrow();
            boolean ended;
            try {
                ended = p.waitFor(startGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                begin(s, run);
                throw e;
            }
            if (ended && p.exitValue() != 0) {
                // The children it forked before it failed would outlive the failed start.
                terminator.terminate(run.record(), spec.stopTimeout());
                deleteRecord(s);
                synchronized (s) {
                    s.detail = "exited with code " + p.exitValue() + " at its start";
                }
                throw failed(s, "exited with code " + p.exitValue() + " within " + startGrace.toMillis()
                        + " ms of its start; last output:\n" + launcher.logTail(component, spec.name(), offset, TAIL_LINES),
                        null);
            }
            begin(s, run);
            LOG.info("Started service {} of component {} as pid {} in {}", spec.name(), component, p.pid(), slot);
        } finally {
            s.operation.unlock();
        }
    }

    /** Stops the service and its process group; a service that does not run is left as it is. */
    void stop(String component, ServiceSpec spec) throws InstallException, InterruptedException {
        Supervised s = services.get(key(component, spec.name()));
        if (s == null) {
            return;
        }
        s.operation.lockInterruptibly();
        try {
            stopLocked(s, spec.stopTimeout());
        } finally {
            s.operation.unlock();
        }
    }

    ServiceStatus status(String component, ServiceSpec spec) {
        Supervised s = services.get(key(component, spec.name()));
        if (s == null) {
            return new ServiceStatus(component, spec.name(), MANAGER, false, -1, null, 0, "not started");
        }
        synchronized (s) {
            Launcher.Running run = s.current;
            if (run != null && terminator.alive(run.record())) {
                return new ServiceStatus(component, spec.name(), MANAGER, true, run.record().pid(),
                        run.record().startedAt(), s.restarts, s.detail);
            }
            return new ServiceStatus(component, spec.name(), MANAGER, false, -1, null, s.restarts,
                    run != null ? "exited" : s.detail);
        }
    }

    /** Stops watching every service; their processes keep running. */
    @Override
    public void close() {
        closed = true;
        for (Supervised s : services.values()) {
            s.unwatch();
        }
        scheduler.shutdownNow();
    }

    private void stopLocked(Supervised s, Duration timeout) throws InstallException, InterruptedException {
        Launcher.Running run = s.unwatch();
        ProcessRecord previous;
        synchronized (s) {
            previous = s.last;
        }
        if (run == null && previous != null) {
            // Between a crash and its restart: what the crashed process left in its group goes too.
            terminator.terminate(previous, timeout);
        }
        if (run != null) {
            ProcessRecord r = run.record();
            if (!terminator.terminate(r, timeout)) {
                throw failed(s, "pid " + r.pid() + " still runs after SIGTERM, and after SIGKILL once its stop timeout "
                        + timeout + " had passed", null);
            }
            LOG.info("Stopped service {} of component {} (pid {})", s.service, s.component, r.pid());
        }
        synchronized (s) {
            s.current = null;
            s.detail = "stopped";
        }
        deleteRecord(s);
    }

    /** Makes {@code run} the service's process, started on purpose, and watches it. */
    private void begin(Supervised s, Launcher.Running run) {
        synchronized (s) {
            s.current = run;
            s.last = run.record();
            s.restarts = 0;
            s.exitsInARow = 0;
            s.generation++;
            s.watching = !closed;
            s.detail = "running";
            if (s.watching) {
                watch(s, run, s.generation);
            }
        }
    }

    /** Called holding the monitor of {@code s}. */
    private void watch(Supervised s, Launcher.Running run, long generation) {
        try {
            if (run.process().isPresent()) {
                run.process().get().onExit().thenRunAsync(() -> exited(s, run, generation), scheduler);
            } else {
                s.timer = scheduler.scheduleWithFixedDelay(() -> {
                    if (!terminator.alive(run.record())) {
                        exited(s, run, generation);
                    }
                }, ADOPTED_POLL.toMillis(), ADOPTED_POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing is watched any more.
            s.watching = false;
        }
    }

    private void exited(Supervised s, Launcher.Running run, long generation) {
        synchronized (s) {
            if (closed || !s.watching || s.generation != generation || s.current != run) {
                return;
            }
            if (s.timer != null) {
                s.timer.cancel(false);
                s.timer = null;
            }
            s.current = null;
            String how = run.process().map(p -> "exited with code " + p.exitValue()).orElse("exited");
            Duration ran = Duration.between(run.record().startedAt(), clock.instant());
            if (backoff.ranLongEnough(ran)) {
                s.exitsInARow = 0;
            }
            Duration delay = backoff.delay(s.exitsInARow++);
            s.detail = how + "; restart in " + delay.toMillis() + " ms";
            LOG.warn("Service {} of component {} (pid {}) {} after {} ms; restarting it in {} ms", s.service,
                    s.component, run.record().pid(), how, ran.toMillis(), delay.toMillis());
            deleteRecord(s);
            leftovers(run.record(), "TERM");
            s.timer = schedule(() -> restart(s, generation), delay);
        }
    }

    /** Signals what an ended process left in its group; the restart's backoff gives SIGTERM time before SIGKILL. */
    private void leftovers(ProcessRecord r, String signal) {
        try {
            terminator.signalLeftovers(r, signal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restart(Supervised s, long generation) {
        synchronized (s) {
            if (closed || !s.watching || s.generation != generation) {
                return;
            }
            s.timer = null;
            ProcessRecord r = s.last;
            leftovers(r, "KILL");
            s.restarts++;
            try {
                Launcher.Running run = launcher.launch(r.component(), r.service(), r.command(), r.slot(),
                        r.environment(), s.restarts);
                s.current = run;
                s.last = run.record();
                s.detail = "running (restarted " + s.restarts + (s.restarts == 1 ? " time)" : " times)");
                LOG.info("Restarted service {} of component {} as pid {} (restart {})", s.service, s.component,
                        run.record().pid(), s.restarts);
                watch(s, run, generation);
            } catch (IOException | RuntimeException e) {
                Duration delay = backoff.delay(s.exitsInARow++);
                s.detail = "restart failed: " + e.getMessage() + "; next attempt in " + delay.toMillis() + " ms";
                LOG.warn("Cannot restart service {} of component {}; trying again in {} ms", s.service, s.component,
                        delay.toMillis(), e);
                s.timer = schedule(() -> restart(s, generation), delay);
            }
        }
    }

    private Future<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void deleteRecord(Supervised s) {
        try {
            store.delete(s.component, s.service);
        } catch (IOException e) {
            LOG.warn("Cannot remove the record of service {} of component {}", s.service, s.component, e);
        }
    }

    private static void deleteFile(Path f) {
        try {
            if (Files.deleteIfExists(f)) {
                DurableFiles.syncDirectory(f.getParent());
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove {}", f, e);
        }
    }

    private static String key(String component, String service) {
        return component + "/" + service;
    }

    private static InstallException failed(Supervised s, String why, Throwable cause) {
        return new InstallException(InstallException.Reason.SERVICE_FAILED,
                "component " + s.component + ", service " + s.service + ": " + why, cause);
    }
}
