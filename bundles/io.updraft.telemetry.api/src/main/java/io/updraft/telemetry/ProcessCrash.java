package io.updraft.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process of a supervised service that ended abnormally, as its supervisor reports it: publish
 * {@link #event(Instant)} through {@link TelemetryService#publish}. The event has schema {@value #SCHEMA} version
 * {@value #SCHEMA_VERSION}, category {@link Category#CRASH}, type {@value #TYPE}, and these fields:
 * <ul>
 * <li>{@code service} (String): the service's name, e.g. a systemd unit {@code updraft-agent.service}</li>
 * <li>{@code pid} (Long): the process id; absent when unknown</li>
 * <li>{@code exitCode} (Long): the exit status, when the process exited; absent when a signal ended it</li>
 * <li>{@code signal} (Long) and {@code signalName} (String, e.g. {@code SIGSEGV}): the signal that ended it;
 * absent when it exited</li>
 * <li>{@code coreDumped} (Boolean): whether it left a core dump</li>
 * <li>{@code restarts} (Long): how often the supervisor has restarted the service so far; 0 if never or unknown</li>
 * <li>{@code logLines} (List of String): the service's last log lines, oldest first, at most
 * {@value #MAX_LOG_LINES} of at most {@value #MAX_LINE_LENGTH} characters each. Log lines are free text that
 * may name people, paths and addresses; like every field they pass the anonymizer before anything is stored.</li>
 * </ul>
 *
 * @param service the service's name, not blank
 * @param pid the process id; 0 when unknown
 * @param exitCode the exit status (0-255); null when a signal ended the process
 * @param signal the number of the signal that ended the process (1-64); null when it exited
 * @param coreDumped whether a core dump was written; only with a signal
 * @param restarts restarts of the service so far
 * @param logLines the last log lines, oldest first; longer lists keep their newest lines, longer lines are cut
 */
public record ProcessCrash(String service, long pid, Integer exitCode, Integer signal, boolean coreDumped,
        long restarts, List<String> logLines) {
    public static final String SCHEMA = "updraft.crash.process";
    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "process-exit";
    public static final int MAX_LOG_LINES = 50;
    public static final int MAX_LINE_LENGTH = 512;
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
        "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    public ProcessCrash {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("process crash: service name '" + service + "' must not be blank");
        }
        if (pid < 0) {
            throw new IllegalArgumentException("process crash of " + service + ": pid " + pid + " is negative");
        }
        if ((exitCode == null) == (signal == null)) {
            throw new IllegalArgumentException("process crash of " + service
                    + ": give either an exit code or a signal, got exit code " + exitCode + " and signal " + signal);
        }
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw new IllegalArgumentException("process crash of " + service + ": exit code " + exitCode
                    + " is out of range 0-255");
        }
        if (signal != null && (signal < 1 || signal > 64)) {
            throw new IllegalArgumentException("process crash of " + service + ": signal " + signal
                    + " is out of range 1-64");
        }
        if (coreDumped && signal == null) {
            throw new IllegalArgumentException("process crash of " + service
                    + ": only a process ended by a signal dumps core");
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("process crash of " + service + ": restarts " + restarts
                    + " is negative");
        }
        logLines = lastLines(Objects.requireNonNull(logLines, "logLines"));
    }

    /** A process that exited with {@code exitCode}. */
    public static ProcessCrash exited(String service, long pid, int exitCode) {
        return new ProcessCrash(service, pid, exitCode, null, false, 0, List.of());
    }

    /** A process that {@code signal} ended. */
    public static ProcessCrash killed(String service, long pid, int signal, boolean coreDumped) {
        return new ProcessCrash(service, pid, null, signal, coreDumped, 0, List.of());
    }

    public ProcessCrash withRestarts(long count) {
        return new ProcessCrash(service, pid, exitCode, signal, coreDumped, count, logLines);
    }

    public ProcessCrash withLogLines(List<String> lines) {
        return new ProcessCrash(service, pid, exitCode, signal, coreDumped, restarts, lines);
    }

    /** The conventional Linux name of the signal, e.g. {@code SIGSEGV}; null for real-time and unknown ones. */
    public static String signalName(int signal) {
        return signal > 0 && signal < SIGNALS.length ? SIGNALS[signal] : null;
    }

    /** The event to publish; its id and sequence are assigned when it is stored. */
    public TelemetryEvent event(Instant at) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("service", service);
        if (pid > 0) {
            f.put("pid", pid);
        }
        if (exitCode != null) {
            f.put("exitCode", exitCode.longValue());
        } else {
            f.put("signal", signal.longValue());
            String name = signalName(signal);
            if (name != null) {
                f.put("signalName", name);
            }
        }
        f.put("coreDumped", coreDumped);
        f.put("restarts", restarts);
        f.put("logLines", logLines);
        return TelemetryEvents.draft(Objects.requireNonNull(at, "at"), SCHEMA, SCHEMA_VERSION, Category.CRASH, TYPE, f);
    }

    private static List<String> lastLines(List<String> lines) {
        int from = Math.max(0, lines.size() - MAX_LOG_LINES);
        List<String> out = new ArrayList<>(lines.size() - from);
        for (String line : lines.subList(from, lines.size())) {
            Objects.requireNonNull(line, "log line");
            out.add(line.length() > MAX_LINE_LENGTH ? line.substring(0, MAX_LINE_LENGTH) : line);
        }
        return List.copyOf(out);
    }
}
