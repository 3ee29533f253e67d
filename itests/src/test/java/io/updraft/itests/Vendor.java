package io.updraft.itests;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The maker's side of a journey: keys and a signed repository made with the distribution's own
 * {@code bin/updraft-publish}, served on a loopback port, and a device pointed at it.
 */
final class Vendor implements AutoCloseable {
    final Path repo;
    final Path keys;
    private final Path tool;
    private final String port;
    private Process server;

    /** A vendor working in {@code dir} with the release tool of {@code device}, serving on {@code port}. */
    Vendor(Distribution device, Path dir, String port) {
        this(device.home.resolve("bin/updraft-publish"), dir, port);
    }

    /** A vendor working in {@code dir} with the release tool {@code tool}, serving on {@code port}. */
    Vendor(Path tool, Path dir, String port) {
        this.tool = tool;
        this.repo = dir.resolve("repo");
        this.keys = dir.resolve("keys");
        this.port = port;
    }

    String publish(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        return Distribution.run(command, null, 180);
    }

    /** Keys and an empty repository with consistent snapshots. */
    Vendor init() throws Exception {
        publish("init", "--repo", repo.toString(), "--keys", keys.toString(), "--consistent-snapshot", "true");
        return this;
    }

    Path targetsKey() throws Exception {
        try (Stream<Path> files = Files.list(keys.resolve("targets"))) {
            return files.filter(f -> f.toString().endsWith(".key")).findFirst().orElseThrow();
        }
    }

    /** A package of every file below {@code from}, signed with the targets key. */
    Path pkg(String component, String version, Path from, Path out) throws Exception {
        publish("package", "--component", component, "--version", version, "--from", from.toString(), "--key",
                targetsKey().toString(), "--out", out.toString());
        return out;
    }

    /**
     * A release of the sample component "hello" made in {@code work}: a program, a supervised service and a
     * self-test. A broken release's service exits at once and its self-test fails.
     */
    Path hello(Path work, String version, boolean broken) throws Exception {
        Path app = work.resolve("hello-" + version);
        Files.createDirectories(app.resolve("bin"));
        executable(app.resolve("bin/hello"), "#!/bin/sh\n"
                + "if [ \"$1\" = --selftest ]; then " + (broken ? "echo 'self-test: map file missing'; exit 3" : "exit 0")
                + "; fi\necho \"hello from " + version + "\"\n");
        executable(app.resolve("bin/hello-server"), "#!/bin/sh\n"
                + (broken ? "echo 'cannot start: bad configuration' >&2\nexit 1\n"
                        : "echo \"hello-server " + version + " started\"\nexec sleep 100000\n"));
        return pkg("hello", version, app, work.resolve("hello-" + version + ".updraft"));
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The device's configuration of "hello" ({@code etc/io.updraft.component-hello.cfg}): linked at {@code link},
     * its service supervised, a process check on it and the self-test as a command check, a 20 s trial.
     */
    static String helloComponent(Path link) {
        return String.join("\n",
                "name = hello",
                "link = " + link,
                "trialDeadline = 20s",
                "services = server",
                "service.server.command = bin/hello-server",
                "service.server.stopTimeout = 5s",
                "healthChecks = alive, selftest",
                "check.alive.type = process",
                "check.alive.target = server",
                "check.alive.interval = 500ms",
                "check.alive.successes = 3",
                "check.alive.failures = 1",
                "check.selftest.type = command",
                "check.selftest.target = bin/hello --selftest",
                "check.selftest.interval = 500ms",
                "check.selftest.failures = 2",
                "");
    }

    /**
     * Ends the services the device's supervisor started below {@code updraftHome}: they outlive the runtime by
     * design, so a test ends them itself.
     */
    static void stopSupervisedServices(Path updraftHome) throws Exception {
        Path run = updraftHome.resolve("run");
        if (!Files.isDirectory(run)) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                com.fasterxml.jackson.databind.JsonNode record = json.readTree(f.toFile());
                long pid = record.path("pid").asLong(-1);
                // Only the process the record names: a pid reused since by another process is left alone.
                if (pid > 0 && startTime(pid) == record.path("startTime").asLong(-2)) {
                    ProcessHandle.of(pid).ifPresent(p -> {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
                }
            }
        }
    }

    /** Field 22 of {@code /proc/<pid>/stat} (clock ticks after boot), or -1 if the process is gone. */
    private static long startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[19]);
        } catch (Exception gone) {
            return -1;
        }
    }

    void add(Path pkg) throws Exception {
        publish("add", "--repo", repo.toString(), "--keys", keys.toString(), pkg.toString());
    }

    /** Serves the repository on 127.0.0.1 until {@link #close}. */
    void serve() throws Exception {
        server = new ProcessBuilder(tool.toString(), "serve", "--repo", repo.toString(), "--port", port)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue("serve did not start: " + line, line != null && line.contains("http://127.0.0.1:" + port));
    }

    /**
     * The device trusts this repository's first root, as a maker ships it in the image, and its source fetches
     * metadata and targets from this vendor's server.
     */
    void trustedBy(Distribution device) throws Exception {
        Path trust = device.home.resolve("etc/updraft-trust");
        Files.createDirectories(trust);
        Files.copy(repo.resolve("metadata/1.root.json"), trust.resolve("production-root.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path source = device.home.resolve("etc/io.updraft.source.repository-production.cfg");
        Distribution.replaceLine(source, "metadataUrl", "http://127.0.0.1:" + port + "/metadata/");
        Distribution.replaceLine(source, "targetsUrl", "http://127.0.0.1:" + port + "/targets/");
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
