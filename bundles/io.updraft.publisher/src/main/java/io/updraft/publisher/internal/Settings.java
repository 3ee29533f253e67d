package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.tuf.CanonicalJson;

/**
 * What a repository remembers besides its metadata: how long each role's signature stays valid, so that a later
 * {@code resign} gives each role its own period again. Kept in {@code updraft-publish.json}, outside
 * {@code metadata/} and {@code targets/}, so it is never served.
 */
record Settings(Map<String, Duration> expiry) {
    static final String FILE = "updraft-publish.json";
    static final Map<String, Duration> DEFAULTS = Map.of(Metadata.ROOT, Duration.ofDays(365), Metadata.TARGETS,
            Duration.ofDays(90), Metadata.SNAPSHOT, Duration.ofDays(7), Metadata.TIMESTAMP, Duration.ofDays(1));

    Settings {
        expiry = Map.copyOf(expiry);
    }

    static Settings defaults() {
        return new Settings(DEFAULTS);
    }

    /** How long a new signature of the role lasts; delegated roles default to the period of targets. */
    Duration period(String role) {
        Duration d = expiry.get(role);
        return d != null ? d : expiry.getOrDefault(Metadata.TARGETS, DEFAULTS.get(Metadata.TARGETS));
    }

    Settings with(String role, Duration period) {
        Map<String, Duration> copy = new TreeMap<>(expiry);
        copy.put(role, period);
        return new Settings(copy);
    }

    static Settings load(Path repo) throws IOException, PublishException {
        Path file = repo.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        Map<String, Duration> periods = new TreeMap<>(DEFAULTS);
        try {
            JsonNode json = CanonicalJson.parse(Files.readAllBytes(file));
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) json.path("expires")::fields) {
                periods.put(e.getKey(), Times.parseDuration(e.getValue().asText()));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PublishException("settings file " + file + " is malformed: " + e.getMessage(), e);
        }
        return new Settings(periods);
    }

    byte[] toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode periods = json.putObject("expires");
        new TreeMap<>(expiry).forEach((role, d) -> periods.put(role, d.toString()));
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("settings could not be written as JSON", e);
        }
    }

    void store(Path repo) throws IOException {
        Path file = repo.resolve(FILE);
        DurableFiles.write(file, toJson(), null, true, repo.resolve("." + FILE + ".tmp"));
    }
}
