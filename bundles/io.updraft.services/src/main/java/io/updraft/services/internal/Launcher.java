package io.updraft.services.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.install.InstallException;
import io.updraft.install.ServiceSpec;

/**
 * Starts service processes so that they outlive the runtime: output goes straight to a log file (a pipe would break
 * when the runtime ends), input comes from /dev/null, and each service leads its own session and process group
 * (through {@code setsid}) so that a stop reaches the children it forked.
 */
final class Launcher {
    static final String ENV_COMPONENT = "UPDRAFT_COMPONENT";
    static final String ENV_SLOT = "UPDRAFT_SLOT";
    private static final File DEV_NULL = new File("/dev/null");

    /** A process the supervisor runs (started now or found again after a restart of the runtime). */
    record Running(ProcessRecord record, Optional<Process> process) {
    }

    private final RecordStore store;
    private final Optional<Path> setsid;
    private final long logLimit;
    private final Clock clock;

    /** @param setsid the setsid program, or empty when the device has none (services then share our group) */
    Launcher(RecordStore store, Optional<Path> setsid, long logLimit, Clock clock) {
        this.store = store;
        this.setsid = setsid;
        this.logLimit = logLimit;
        this.clock = clock;
    }

    /**
     * The command line to run: a relative program path is resolved against the slot and must stay inside it (also
     * through symbolic links); a bare name with no such file in the slot is looked up on the PATH (e.g. {@code
     * python3}); an absolute path is taken as it is.
     */
    static List<String> resolve(String component, ServiceSpec spec, Path slot) throws InstallException {
        List<String> argv = new ArrayList<>(spec.command());
        String program = argv.get(0);
        if (program.isEmpty()) {
            throw failed(component, spec, "the command's program is empty");
        }
        if (!program.contains("/") && !Files.exists(slot.resolve(program), LinkOption.NOFOLLOW_LINKS)) {
            return argv;
        }
        Path p;
        try {
            p = Path.of(program);
        } catch (InvalidPathException e) {
            throw failed(component, spec, "program '" + program + "' is not a valid path");
        }
        if (p.isAbsolute()) {
            return argv;
        }
        Path root = slot.toAbsolutePath().normalize();
        Path resolved = root.resolve(p).normalize();
        if (!resolved.startsWith(root)) {
            throw failed(component, spec, "program '" + program + "' resolves to " + resolved + ", outside the slot " + root);
        }
        if (!Files.isRegularFile(resolved)) {
            throw failed(component, spec, "program '" + program + "' is not a file in the slot " + root);
        }
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw failed(component, spec, "program '" + program + "' links to " + real + ", outside the slot " + root);
            }
        } catch (IOException e) {
            throw failed(component, spec, "program '" + program + "' cannot be resolved: " + e.getMessage());
        }
        argv.set(0, resolved.toString());
        return argv;
    }

    /** The variables set on top of the runtime's: the service's own, then the ones naming the component and slot. */
    static Map<String, String> environment(String component, ServiceSpec spec, Path slot) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put(ENV_COMPONENT, component);
        env.put(ENV_SLOT, slot.toString());
        return env;
    }

    /**
     * Starts the process and records it durably before returning, so a crash of the runtime right after still finds
     * it. If the process ended before its start time could be read, the record is not written and the caller finds
     * the process ended.
     */
    Running launch(String component, String service, List<String> command, Path slot, Map<String, String> env,
            int restarts) throws IOException {
        Path log = prepareLog(component, service);
        List<String> argv = new ArrayList<>(command.size() + 1);
        setsid.ifPresent(s -> argv.add(s.toString()));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(slot.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        pb.environment().putAll(env);
        Process process = pb.start();
        // setsid makes the process (not a group leader when forked from us) lead a new group with its own pid.
        long pgid = setsid.isPresent() ? process.pid() : -1;
        Optional<ProcStat> stat = ProcStat.read(process.pid());
        ProcessRecord record = new ProcessRecord(component, service, command, slot, env, process.pid(),
                stat.map(ProcStat::startTime).orElse(-1L), pgid, clock.instant(), restarts);
        if (stat.isPresent()) {
            try {
                store.write(record);
            } catch (IOException e) {
                // Unrecorded, it would be lost to the next runtime: better not to run it at all.
                process.destroyForcibly();
                throw new IOException("cannot record service process " + process.pid() + ": " + e.getMessage(), e);
            }
        }
        return new Running(record, Optional.of(process));
    }

    /** The log's size now, where the output of a process started next begins. */
    long logSize(String component, String service) {
        try {
            return Files.size(store.logFile(component, service));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last {@code lines} lines the service wrote from {@code offset} on (at most 4 KiB of them). */
    String logTail(String component, String service, long offset, int lines) {
        Path log = store.logFile(component, service);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(offset, f.length() - 4096);
            byte[] b = new byte[(int) Math.max(0, f.length() - start)];
            f.seek(start);
            f.readFully(b);
            String[] all = new String(b, StandardCharsets.UTF_8).strip().split("\n");
            return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private Path prepareLog(String component, String service) throws IOException {
        store.componentDir(component);
        Path log = store.logFile(component, service);
        if (Files.exists(log) && Files.size(log) > logLimit) {
            Files.move(log, log.resolveSibling(service + ".log.1"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        }
        return log;
    }

    private static InstallException failed(String component, ServiceSpec spec, String why) {
        return new InstallException(InstallException.Reason.SERVICE_FAILED,
                "component " + component + ", service " + spec.name() + ": " + why);
    }
}
