package io.updraft.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Node.js project in {@code src/test/node}, copied to {@code target/node} and installed there with
 * {@code npm ci} from its committed lock file once per build. The interop tests cannot stand in for tuf-js, so a
 * machine without Node.js fails them with a message saying what to install instead of skipping them.
 */
final class NodeProject {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;
    private static Path installed;

    /** What a script did: its exit code, its stdout (one JSON line when it succeeded), and its stderr. */
    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws IOException {
            String[] lines = stdout.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private NodeProject() {
    }

    /** The installed project directory, running {@code npm ci} the first time a JVM asks. */
    static synchronized Path installed() throws IOException, InterruptedException {
        if (installed != null) {
            return installed;
        }
        Path source = Path.of(property("updraft.interop.nodeProject"));
        Path work = Path.of(property("updraft.interop.nodeWork"));
        requireNode();
        Files.createDirectories(work);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // --prefer-offline: after the first install the npm cache serves every package, so a build without
        // network access still installs.
        Result npm = run(work, INSTALL_TIMEOUT_SECONDS, "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
        if (npm.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + work + " failed (is the npm registry or npm's cache"
                    + " reachable?)\n" + npm);
        }
        installed = work;
        return installed;
    }

    /** Runs {@code node SCRIPT ARGS...} in the installed project. */
    static Result node(String script, String... args) throws IOException, InterruptedException {
        Path dir = installed();
        List<String> command = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
        command.addAll(Arrays.asList(args));
        return run(dir, SCRIPT_TIMEOUT_SECONDS, command.toArray(String[]::new));
    }

    private static void requireNode() throws IOException, InterruptedException {
        String advice = "The interop tests run the tuf-js TUF client from npm and need Node.js 20.17 or later with npm"
                + " on the PATH. Install them (Debian: apt-get install nodejs npm; .ci/run does this) and build again.";
        try {
            Result version = run(Path.of("."), 30, "node", "--version");
            Result npm = run(Path.of("."), 30, "npm", "--version");
            if (version.exitCode() != 0 || npm.exitCode() != 0) {
                throw new IllegalStateException(advice + "\n" + version + "\n" + npm);
            }
        } catch (IOException e) {
            throw new IllegalStateException(advice + " (" + e.getMessage() + ")", e);
        }
    }

    private static Result run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run these tests through Maven"
                    + " (the interop module's surefire configuration sets it)");
        }
        return value;
    }
}
