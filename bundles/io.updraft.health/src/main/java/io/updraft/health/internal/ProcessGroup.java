package io.updraft.health.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process group a command was started in through {@code setsid}: its leader is the command's own process, its
 * members everything the command forked that did not leave the group, found through {@code /proc}. A pid stays
 * reserved while any group member uses it as its group id, so a group whose leader has ended is still the command's;
 * one whose leader is another process (same pid, other start time) is not, and is left alone.
 */
final class ProcessGroup {
    static final Path PROC = Path.of("/proc");
    /** How long {@link #kill()} keeps at members that fork or take a while to die before it gives up. */
    private static final long KILL_MILLIS = 2000;
    private static final long POLL_MILLIS = 10;

    private final Path proc;
    private final long pgid;
    private final long leaderStart;
    private final long ownPgid;

    /**
     * @param proc normally {@link #PROC}
     * @param pgid the group, the pid of the process that made it
     * @param leaderStart that process's start time (field 22 of its stat), or -1 if it had ended before it was read
     * @param ownPgid the runtime's own process group, never signalled
     */
    ProcessGroup(Path proc, long pgid, long leaderStart, long ownPgid) {
        this.proc = proc;
        this.pgid = pgid;
        this.leaderStart = leaderStart;
        this.ownPgid = ownPgid;
    }

    /** The group led by the process just started as {@code pid}, which makes it through {@code setsid}. */
    static ProcessGroup ledBy(long pid) {
        long start = stat(PROC, pid).map(Stat::startTime).orElse(-1L);
        long own = stat(PROC, ProcessHandle.current().pid()).map(Stat::pgid).orElse(-1L);
        return new ProcessGroup(PROC, pid, start, own);
    }

    /**
     * Kills every process left in the group with SIGKILL, again and again until none is left (a member may fork while
     * the others are killed), for at most {@value #KILL_MILLIS} ms.
     *
     * @return how many processes still run in the group after that time, 0 when it is empty
     */
    int kill() {
        long deadline = System.nanoTime() + KILL_MILLIS * 1_000_000;
        boolean interrupted = false;
        try {
            while (true) {
                List<ProcessHandle> members = members();
                if (members.isEmpty()) {
                    return 0;
                }
                if (System.nanoTime() >= deadline) {
                    return members.size();
                }
                members.forEach(ProcessHandle::destroyForcibly);
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    // The caller may itself be ending an interrupted check: finish, and leave the interrupt to it.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The living members; none if the group is ours, or its id now belongs to another process's group. */
    List<ProcessHandle> members() {
        List<ProcessHandle> out = new ArrayList<>();
        if (pgid <= 0 || pgid == ownPgid) {
            return out;
        }
        Optional<Stat> leader = stat(proc, pgid);
        if (leader.isPresent() && leader.get().startTime() != leaderStart) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc,
                e -> isNumber(e.getFileName().toString()))) {
            for (Path e : entries) {
                long pid = Long.parseLong(e.getFileName().toString());
                Optional<Stat> s = stat(proc, pid);
                if (s.isPresent() && s.get().pgid() == pgid && s.get().alive()) {
                    ProcessHandle.of(pid).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            // No /proc to look in: nothing can be found.
        }
        return out;
    }

    /**
     * The fields of {@code /proc/<pid>/stat} needed here.
     *
     * @param state the state letter (R, S, D, Z, ...), field 3
     * @param pgid the process group, field 5
     * @param startTime when it started, in clock ticks after boot, field 22
     */
    record Stat(char state, long pgid, long startTime) {
        /** Zombies ('Z') and dead entries ('X') have ended; only their parent has not looked yet. */
        boolean alive() {
            return state != 'Z' && state != 'X';
        }

        /** Parses a stat line; the command name (field 2) may hold spaces and ')', so fields count from its end. */
        static Optional<Stat> parse(String text) {
            int close = text.lastIndexOf(')');
            if (close < 0) {
                return Optional.empty();
            }
            String[] f = text.substring(close + 1).strip().split(" ");
            // f[0] is field 3 (state), f[2] field 5 (pgrp), f[19] field 22 (starttime).
            if (f.length < 20 || f[0].isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[19])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** The process's stat, or empty if it does not exist (any more). */
    static Optional<Stat> stat(Path proc, long pid) {
        try {
            Path file = proc.resolve(Long.toString(pid)).resolve("stat");
            return Stat.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // No such process, or it vanished between the open and the read.
            return Optional.empty();
        }
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
