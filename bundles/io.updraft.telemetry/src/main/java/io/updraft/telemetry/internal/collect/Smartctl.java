package io.updraft.telemetry.internal.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@code smartctl} with JSON output ({@code -j}, smartmontools 7.0 and later). Its exit status is a bit mask
 * that is non-zero for mere warnings, so the JSON decides, not the status.
 */
final class Smartctl {
    private final Path executable;
    private final Duration timeout;
    private final ObjectMapper mapper = new ObjectMapper();

    Smartctl(Path executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    boolean present() {
        return Files.isRegularFile(executable) && Files.isExecutable(executable);
    }

    /** The devices {@code smartctl --scan} finds, as {name, type} pairs. */
    List<String[]> scan() throws IOException, InterruptedException {
        List<String[]> out = new ArrayList<>();
        for (JsonNode d : run(List.of("--scan", "-j")).path("devices")) {
            String name = d.path("name").asText("");
            if (name.startsWith("/dev/")) {
                out.add(new String[] {name, d.path("type").asText("auto")});
            }
        }
        return out;
    }

    /** Health, attributes and identity of one device. */
    JsonNode health(String device, String type) throws IOException, InterruptedException {
        return run(List.of("-j", "-H", "-A", "-i", "-d", type, device));
    }

    private JsonNode run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        Path out = Files.createTempFile("updraft-smartctl", ".json");
        try {
            // Output goes to a file so a chatty or stuck tool can never block on a full pipe.
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toMillis() + " ms");
            }
            try {
                return mapper.readTree(out.toFile());
            } catch (IOException e) {
                throw new IOException(String.join(" ", command) + " (exit " + p.exitValue()
                        + ") did not print JSON: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
