package io.updraft.health.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.fs.Executables;
import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.update.Version;

/**
 * Health check {@code command}: the target runs as {@code /bin/sh -c TARGET} in the active slot and is healthy on exit
 * code {@code params.expectExit} (default 0). Output goes to a private temporary file rather than a pipe, so a
 * command that leaves a child holding its output open cannot make the check hang.
 * <p>
 * The command leads a session and process group of its own (through {@code setsid}, when the device has it), and
 * whatever is left in that group when the check ends is killed: after a run that times out or is interrupted, and
 * after a normal exit too, so that a check never leaves processes behind (a daemon started by a status script would
 * otherwise outlive every check of the trial). A run that times out or is interrupted is also killed with all its
 * descendants, which reaches the children that moved to a group of their own. Without setsid only the descendants
 * of a run that times out or is interrupted are reached.
 */
@Component(service = HealthCheck.class)
public final class CommandCheck implements HealthCheck {
    static final String TYPE = "command";
    static final int OUTPUT_TAIL = 512;
    private static final Logger LOG = LoggerFactory.getLogger(CommandCheck.class);
    private static final File DEV_NULL = new File("/dev/null");
    private static final File ROOT = new File("/");

    private final Optional<Path> setsid;

    /** Runs commands through the setsid on the PATH, if there is one. */
    public CommandCheck() {
        this(Executables.findOnPath("setsid", System.getenv("PATH")));
    }

    /** @param setsid the setsid program, or empty when the device has none */
    CommandCheck(Optional<Path> setsid) {
        this.setsid = setsid;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
            throws InterruptedException {
        String command = check.target().strip();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("health check " + check.name() + ": target (the command line) is empty");
        }
        int expectExit = expectExit(check);
        Path out;
        try {
            out = Files.createTempFile("updraft-health", ".out",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            return HealthResult.unhealthy("cannot create a file for the output of '" + command + "': " + e.getMessage());
        }
        try {
            // Image slots are files or partitions: their commands run from the root directory.
            File dir = activeSlot != null && Files.isDirectory(activeSlot) ? activeSlot.toFile() : ROOT;
            List<String> argv = new ArrayList<>(4);
            setsid.ifPresent(s -> argv.add(s.toString()));
            argv.addAll(List.of("/bin/sh", "-c", command));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            Map<String, String> env = pb.environment();
            env.put("UPDRAFT_COMPONENT", component.name());
            env.put("UPDRAFT_VERSION", version.toString());
            env.put("UPDRAFT_SLOT", String.valueOf(activeSlot));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return HealthResult.unhealthy("cannot run '" + command + "': " + e.getMessage());
            }
            // Forked from us, setsid leads no group yet: it makes one in place, with the command's pid as its id.
            Optional<ProcessGroup> group = setsid.map(s -> ProcessGroup.ledBy(p.pid()));
            boolean ended;
            try {
                ended = p.waitFor(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killAll(p, group, command);
                throw e;
            }
            if (!ended) {
                killAll(p, group, command);
                return HealthResult.unhealthy("'" + command + "' did not finish within " + check.timeout() + output(out));
            }
            int code = p.exitValue();
            group.ifPresent(g -> killGroup(g, command));
            String detail = "exit code " + code + output(out);
            return code == expectExit ? HealthResult.healthy(detail)
                    : HealthResult.unhealthy(detail + " (expected " + expectExit + ")");
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // A stray file in the temporary folder; the result stands.
            }
        }
    }

    private static int expectExit(HealthCheckSpec check) {
        String v = check.params().getOrDefault("expectExit", "0").strip();
        try {
            int code = Integer.parseInt(v);
            if (code >= 0 && code <= 255) {
                return code;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("health check " + check.name() + ": expectExit '" + v
                + "' must be an exit code 0-255");
    }

    /**
     * Kills the run's group and its descendants. The descendants are listed first: once the shell is gone its
     * children would be re-parented and lost from view.
     */
    private static void killAll(Process p, Optional<ProcessGroup> group, String command) {
        List<ProcessHandle> descendants = p.descendants().toList();
        group.ifPresent(g -> killGroup(g, command));
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void killGroup(ProcessGroup group, String command) {
        int left = group.kill();
        if (left > 0) {
            LOG.warn("{} processes left by health check command '{}' still run after SIGKILL", left, command);
        }
    }

    /** ": " and the last {@value #OUTPUT_TAIL} bytes of the output, or nothing if there was none. */
    private static String output(Path out) {
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "r")) {
            long start = Math.max(0, f.length() - OUTPUT_TAIL);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            String text = new String(b, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }
}
