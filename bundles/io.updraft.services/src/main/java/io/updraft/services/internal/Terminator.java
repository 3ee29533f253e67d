package io.updraft.services.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a supervised process with everything it started: SIGTERM to its process group, then SIGKILL once the stop
 * timeout has passed. A pid can be reused, so nothing is signalled unless it is provably the recorded process or
 * its group.
 */
final class Terminator {
    private static final Logger LOG = LoggerFactory.getLogger(Terminator.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;

    private final CommandRunner runner;
    private final Path proc;
    private final long ownPgid;

    /** @param ownPgid the runtime's own process group, never signalled */
    Terminator(CommandRunner runner, Path proc, long ownPgid) {
        this.runner = runner;
        this.proc = proc;
        this.ownPgid = ownPgid;
    }

    /** @return whether the process and its group ended */
    boolean terminate(ProcessRecord r, Duration stopTimeout) throws InterruptedException {
        // Children that left the group (their own setsid) are still found as descendants while the parent lives.
        List<ProcStat> descendants = handle(r).map(this::descendantsOf).orElse(List.of());
        signal(r, descendants, "TERM");
        if (awaitEnd(r, descendants, stopTimeout)) {
            return true;
        }
        LOG.warn("Service {} of component {} (pid {}) did not stop within {} of SIGTERM; sending SIGKILL", r.service(),
                r.component(), r.pid(), stopTimeout);
        signal(r, descendants, "KILL");
        return awaitEnd(r, descendants, KILL_WAIT);
    }

    /**
     * Signals what is left in the service's process group once its main process has ended (children it forked keep
     * running otherwise, holding ports and files the next start needs); nothing when it had no group of its own.
     */
    void signalLeftovers(ProcessRecord r, String signal) throws InterruptedException {
        signal(r, List.of(), signal);
    }

    /** Whether the recorded process itself still runs. */
    boolean alive(ProcessRecord r) {
        return ProcStat.read(proc, r.pid()).map(r::matches).orElse(false);
    }

    private Optional<ProcessHandle> handle(ProcessRecord r) {
        return alive(r) ? ProcessHandle.of(r.pid()) : Optional.empty();
    }

    /**
     * Whether the recorded group is the service's: it leads a group of its own that is not ours, and the group's
     * leader is either the recorded process or gone (a pid stays reserved while any group member uses it as its
     * pgid, so a group without leader is still the one the service made).
     */
    private boolean ownGroup(ProcessRecord r) {
        if (r.pgid() <= 0 || r.pgid() != r.pid() || r.pgid() == ownPgid) {
            return false;
        }
        Optional<ProcStat> leader = ProcStat.read(proc, r.pgid());
        return leader.isEmpty() || leader.get().startTime() == r.startTime() && leader.get().pgid() == r.pgid();
    }

    private List<ProcStat> descendantsOf(ProcessHandle h) {
        List<ProcStat> out = new ArrayList<>();
        h.descendants().forEach(d -> ProcStat.read(proc, d.pid()).ifPresent(out::add));
        return out;
    }

    /** The descendant's handle if that very process (same start time) still runs; zombies count as ended. */
    private Optional<ProcessHandle> living(ProcStat snapshot) {
        Optional<ProcStat> now = ProcStat.read(proc, snapshot.pid());
        if (now.isPresent() && now.get().alive() && now.get().startTime() == snapshot.startTime()) {
            return ProcessHandle.of(snapshot.pid());
        }
        return Optional.empty();
    }

    /**
     * Sends {@code signal} once to every process of the service: to its group when it has one of its own, and one by
     * one to what the group signal did not reach (the main process and descendants that left the group). A process
     * is never signalled twice: many services take a second SIGTERM as "stop now, skip the clean shutdown".
     */
    private void signal(ProcessRecord r, List<ProcStat> descendants, String signal) throws InterruptedException {
        boolean force = signal.equals("KILL");
        boolean groupSignalled = false;
        if (ownGroup(r) && !groupMembers(r.pgid()).isEmpty()) {
            try {
                CommandRunner.Result res = runner.run(List.of("kill", "-" + signal, "--", "-" + r.pgid()),
                        Duration.ofSeconds(5));
                if (res.succeeded()) {
                    groupSignalled = true;
                } else {
                    LOG.debug("kill -{} -- -{} exited with {}: {}", signal, r.pgid(), res.exitCode(), res.output());
                }
            } catch (IOException e) {
                LOG.warn("Cannot run kill for the group {} of service {}; signalling its processes one by one",
                        r.pgid(), r.service(), e);
                groupMembers(r.pgid()).forEach(h -> destroy(h, force));
                groupSignalled = true;
            }
        }
        if (!groupSignalled) {
            handle(r).ifPresent(h -> destroy(h, force));
        }
        for (ProcStat d : descendants) {
            if (!groupSignalled || d.pgid() != r.pgid()) {
                living(d).ifPresent(h -> destroy(h, force));
            }
        }
    }

    private static void destroy(ProcessHandle h, boolean force) {
        if (force) {
            h.destroyForcibly();
        } else {
            h.destroy();
        }
    }

    private boolean awaitEnd(ProcessRecord r, List<ProcStat> descendants, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean running = alive(r) || descendants.stream().anyMatch(d -> living(d).isPresent())
                    || ownGroup(r) && !groupMembers(r.pgid()).isEmpty();
            if (!running) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The living processes of a group, found by reading every process's stat. */
    List<ProcessHandle> groupMembers(long pgid) {
        List<ProcessHandle> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, e -> isNumber(e.getFileName().toString()))) {
            for (Path e : entries) {
                long pid = Long.parseLong(e.getFileName().toString());
                Optional<ProcStat> s = ProcStat.read(proc, pid);
                if (s.isPresent() && s.get().pgid() == pgid && s.get().alive()) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {} to find the processes of group {}", proc, pgid, e);
        }
        return members;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
