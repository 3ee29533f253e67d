package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks systemd about units through {@code systemctl} and {@code journalctl}, looked up on a search path of its own
 * (never the process environment). Output goes to a temporary file readable by the owner only, so a chatty or
 * stuck tool can never block on a full pipe, and a call past the timeout is killed.
 */
final class Systemd {
    /** The unit properties a crash report is made of. */
    static final List<String> PROPERTIES = List.of("Id", "ActiveState", "NRestarts", "ExecMainPID",
            "ExecMainCode", "ExecMainStatus");
    /** Far beyond the unit list of a device; more is not systemctl's answer. */
    private static final long MAX_OUTPUT = 4L << 20;

    private final List<Path> searchPath;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    /** Where a running systemd keeps its runtime units; its presence is sd_booted(3)'s test. */
    static final Path BOOTED = Path.of("/run/systemd/system");

    private final Path booted;

    Systemd(List<Path> searchPath, Duration timeout, Path booted) {
        this.searchPath = List.copyOf(searchPath);
        this.timeout = timeout;
        this.booted = booted;
    }

    /** The directories of a PATH-style list; empty entries are skipped, relative ones refused. */
    static List<Path> searchPath(String path) {
        List<Path> out = new ArrayList<>();
        for (String part : path.split(":")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                Path p = Path.of(part.strip());
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException("systemdPath entry '" + part + "' is not an absolute directory");
                }
                out.add(p);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("systemdPath entry '" + part + "' is not a valid path", e);
            }
        }
        return out;
    }

    Optional<Path> tool(String name) {
        for (Path dir : searchPath) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** systemctl is installed and systemd is the running init (containers often ship the one without the other). */
    boolean present() {
        return Files.isDirectory(booted) && tool("systemctl").isPresent();
    }

    /**
     * The units systemd holds as failed. Uses JSON output (systemd 246 and later) and falls back to the plain
     * table when an older systemctl refuses {@code --output=json}.
     */
    List<String> failedUnits() throws IOException, InterruptedException {
        Path systemctl = systemctl();
        Run json = run(systemctl, List.of("list-units", "--failed", "--all", "--output=json", "--no-pager"));
        List<String> out = new ArrayList<>();
        JsonNode units = null;
        try {
            units = mapper.readTree(json.output());
        } catch (IOException e) {
            // Not JSON: an older systemctl; the plain table follows.
        }
        if (units != null && units.isArray()) {
            for (JsonNode u : units) {
                if (u.path("unit").isTextual()) {
                    out.add(u.get("unit").asText());
                }
            }
            return out;
        }
        Run plain = run(systemctl, List.of("list-units", "--failed", "--all", "--plain", "--no-legend", "--no-pager"));
        if (plain.exit() != 0) {
            throw new IOException(plain.command() + " exited with " + plain.exit());
        }
        for (String line : plain.output().split("\n")) {
            String[] cols = line.strip().split("\\s+");
            if (!cols[0].isEmpty() && cols[0].contains(".")) {
                out.add(cols[0]);
            }
        }
        return out;
    }

    /** {@link #PROPERTIES} of the units matching the names or glob patterns, one map per unit. */
    List<Map<String, String>> show(List<String> unitsOrPatterns) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("show", "--no-pager", "--property=" + String.join(",", PROPERTIES),
                "--"));
        args.addAll(unitsOrPatterns);
        Run r = run(systemctl(), args);
        if (r.exit() != 0) {
            throw new IOException(r.command() + " exited with " + r.exit());
        }
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> unit = new LinkedHashMap<>();
        for (String line : (r.output() + "\n").split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                unit.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            } else if (line.isBlank() && !unit.isEmpty()) {
                if (unit.containsKey("Id")) {
                    out.add(unit);
                }
                unit = new LinkedHashMap<>();
            }
        }
        return out;
    }

    /** The unit's last {@code lines} log lines, oldest first; empty where journalctl is not installed. */
    List<String> journal(String unit, int lines) throws IOException, InterruptedException {
        Optional<Path> journalctl = tool("journalctl");
        if (journalctl.isEmpty() || lines == 0) {
            return List.of();
        }
        Run r = run(journalctl.get(), List.of("-u", unit, "-n", Integer.toString(lines), "-o", "cat", "--no-pager"));
        if (r.exit() != 0) {
            throw new IOException(r.command() + " exited with " + r.exit());
        }
        List<String> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }

    private Path systemctl() throws IOException {
        return tool("systemctl").orElseThrow(() -> new IOException("systemctl is not on " + searchPath));
    }

    private record Run(String command, int exit, String output) {
    }

    private Run run(Path tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        // Only the tool and its arguments name the call in errors: output may hold log lines.
        String name = tool.getFileName() + " " + String.join(" ", args.subList(0, Math.min(2, args.size())));
        Path out = Files.createTempFile("updraft-systemd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            // No pager, no colours, stable English output whatever the device's locale.
            pb.environment().put("SYSTEMD_PAGER", "");
            pb.environment().put("SYSTEMD_COLORS", "0");
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(name + " did not finish within " + timeout.toMillis() + " ms");
            }
            if (Files.size(out) > MAX_OUTPUT) {
                throw new IOException(name + " printed more than " + MAX_OUTPUT + " bytes");
            }
            return new Run(name, p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
