package io.updraft.services.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} that tell one process from another: a pid can be reused after its process
 * ended, but the pair (pid, start time) names exactly one process for the life of the system.
 *
 * @param pid the process id
 * @param state the state letter (R, S, D, Z, ...)
 * @param pgid the process group id
 * @param startTime when it started, in clock ticks after boot (field 22)
 */
record ProcStat(long pid, char state, long pgid, long startTime) {
    static final Path PROC = Path.of("/proc");

    /** Whether it still runs: zombies ('Z') and dead entries ('X') have ended, only their parent has not looked. */
    boolean alive() {
        return state != 'Z' && state != 'X';
    }

    static Optional<ProcStat> read(long pid) {
        return read(PROC, pid);
    }

    static Optional<ProcStat> read(Path proc, long pid) {
        String text;
        try {
            text = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Vanished between the open and the read (ESRCH): ended.
            return Optional.empty();
        }
        return Optional.of(parse(pid, text));
    }

    /** Parses a stat line; the command name (field 2) may hold spaces and parentheses, so fields count from its end. */
    static ProcStat parse(long pid, String text) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("/proc/" + pid + "/stat has no command name: " + text);
        }
        String[] f = text.substring(close + 1).strip().split(" ");
        // f[0] is field 3 (state), f[2] field 5 (pgrp), f[19] field 22 (starttime).
        if (f.length < 20) {
            throw new IllegalArgumentException("/proc/" + pid + "/stat has too few fields: " + text);
        }
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[19]));
    }
}
