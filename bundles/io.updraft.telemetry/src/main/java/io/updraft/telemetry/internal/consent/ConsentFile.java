package io.updraft.telemetry.internal.consent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;
import io.updraft.telemetry.Category;

/**
 * {@code consent.json}: the user's decisions, schema {@value #SCHEMA} version 1, written through a synced temp file
 * and an atomic rename so a power cut leaves the old or the new decisions. Readable by the owner only: it tells
 * what a person agreed to.
 */
final class ConsentFile {
    static final String SCHEMA = "updraft.telemetry.consent";

    /** A decision as stored. */
    record Decision(boolean granted, Instant at, int policyVersion) {
    }

    /**
     * The file's content.
     *
     * @param defaultsSuspended set after a damaged file was replaced: no category is on by default any more,
     *        because the lost decisions may have been withdrawals
     */
    record Content(Map<Category, Decision> decisions, boolean defaultsSuspended) {
        Content {
            decisions = decisions.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(decisions));
        }
    }

    /** The file holds something this version cannot take for decisions. */
    static final class DamagedException extends Exception {
        private static final long serialVersionUID = 1L;

        DamagedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    ConsentFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The stored content; no decisions if there is no file. */
    Content read() throws IOException, DamagedException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Content(Map.of(), false);
        }
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || !SCHEMA.equals(root.path("schema").asText()) || root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("not a " + SCHEMA + " version 1 document");
            }
            Map<Category, Decision> decisions = new EnumMap<>(Category.class);
            for (JsonNode d : root.path("decisions")) {
                Category c = Category.parse(d.path("category").asText());
                int version = d.path("policyVersion").asInt();
                if (!d.path("granted").isBoolean() || version < 1) {
                    throw new IllegalArgumentException("decision for " + c.id() + " lacks 'granted' or 'policyVersion'");
                }
                decisions.put(c, new Decision(d.get("granted").booleanValue(),
                        Instant.parse(d.path("at").asText()), version));
            }
            return new Content(decisions, root.path("defaultsSuspended").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            throw new DamagedException("consent file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    void write(Content content) throws IOException {
        ObjectNode root = mapper.createObjectNode().put("schema", SCHEMA).put("version", 1)
                .put("defaultsSuspended", content.defaultsSuspended());
        ArrayNode list = root.putArray("decisions");
        for (Category c : Category.values()) {
            Decision d = content.decisions().get(c);
            if (d != null) {
                list.addObject().put("category", c.id()).put("granted", d.granted()).put("at", d.at().toString())
                        .put("policyVersion", d.policyVersion());
            }
        }
        DurableFiles.createDirectories(file.getParent());
        DurableFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
                PosixFilePermissions.fromString("rw-------"), true, file.resolveSibling(file.getFileName() + ".tmp"));
    }
}
