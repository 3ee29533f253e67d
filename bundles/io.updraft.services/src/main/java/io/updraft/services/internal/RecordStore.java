package io.updraft.services.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;

/**
 * The supervisor's records, {@code <run>/<component>/<service>.json}, next to the service's output log. Records hold
 * the service's environment, which may carry credentials, so they are readable by the runtime's user only.
 */
final class RecordStore {
    static final int SCHEMA = 1;
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");

    private final Path runDir;
    private final ObjectMapper mapper = new ObjectMapper();

    RecordStore(Path runDir) {
        this.runDir = runDir;
    }

    /** The component's folder of records and logs, created (durably, not world-readable) if missing. */
    Path componentDir(String component) throws IOException {
        Path dir = runDir.resolve(component);
        if (!DurableFiles.createDirectories(dir).isEmpty()) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    Path logFile(String component, String service) {
        return runDir.resolve(component).resolve(service + ".log");
    }

    void write(ProcessRecord r) throws IOException {
        Path dir = componentDir(r.component());
        Path file = dir.resolve(r.service() + ".json");
        DurableFiles.write(file, encode(r), PRIVATE, true, dir.resolve(r.service() + ".json.tmp"));
    }

    void delete(String component, String service) throws IOException {
        Path dir = runDir.resolve(component);
        if (Files.deleteIfExists(dir.resolve(service + ".json"))) {
            DurableFiles.syncDirectory(dir);
        }
    }

    /** Every record file under the run folder, in no particular order; leftover temporary files are deleted. */
    List<Path> list() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return files;
        }
        try (DirectoryStream<Path> components = Files.newDirectoryStream(runDir, Files::isDirectory)) {
            for (Path dir : components) {
                try (DirectoryStream<Path> records = Files.newDirectoryStream(dir, "*.json*")) {
                    for (Path f : records) {
                        if (f.getFileName().toString().endsWith(".json.tmp")) {
                            Files.delete(f);
                        } else if (f.getFileName().toString().endsWith(".json")) {
                            files.add(f);
                        }
                    }
                }
            }
        }
        return files;
    }

    ProcessRecord read(Path file) throws IOException {
        JsonNode n;
        try {
            n = mapper.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new IOException("service record " + file + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || n.path("schema").asInt(-1) != SCHEMA) {
            throw new IOException("service record " + file + " has schema " + (n == null ? null : n.get("schema"))
                    + ", expected " + SCHEMA);
        }
        try {
            List<String> command = new ArrayList<>();
            n.path("command").forEach(c -> command.add(c.asText()));
            Map<String, String> env = new LinkedHashMap<>();
            n.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            return new ProcessRecord(text(n, "component", file), text(n, "service", file), command,
                    Path.of(text(n, "slot", file)), env, n.path("pid").asLong(-1), n.path("startTime").asLong(-1),
                    n.path("pgid").asLong(-1), Instant.parse(text(n, "startedAt", file)), n.path("restarts").asInt(0));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("service record " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, Path file) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("service record " + file + " lacks '" + field + "'");
        }
        return v.asText();
    }

    private byte[] encode(ProcessRecord r) throws JsonProcessingException {
        ObjectNode n = mapper.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("component", r.component());
        n.put("service", r.service());
        ArrayNode command = n.putArray("command");
        r.command().forEach(command::add);
        n.put("slot", r.slot().toString());
        ObjectNode env = n.putObject("environment");
        r.environment().forEach(env::put);
        n.put("pid", r.pid());
        n.put("startTime", r.startTime());
        n.put("pgid", r.pgid());
        n.put("startedAt", r.startedAt().toString());
        n.put("restarts", r.restarts());
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    }
}
