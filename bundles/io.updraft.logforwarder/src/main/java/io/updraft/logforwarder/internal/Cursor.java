package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.updraft.fs.DurableFiles;

/**
 * A destination's durable position in every stream: the last sequence the destination acknowledged. Kept in
 * {@code cursor.json} ({@code {"format":1,"storeId":..,"streams":{name:sequence}}}), replaced atomically and
 * fsynced whenever batches are acknowledged or confirmed, so a power cut re-sends only what was in doubt. A cursor made for
 * another store (the store was recreated) is not used: its sequences would name other records.
 */
final class Cursor {
    static final String FILE = "cursor.json";

    private final Path dir;
    private final String storeId;
    private final Map<String, Long> positions;
    private final ObjectMapper mapper = new ObjectMapper();

    private Cursor(Path dir, String storeId, Map<String, Long> positions) {
        this.dir = dir;
        this.storeId = storeId;
        this.positions = positions;
    }

    /**
     * The cursor in {@code dir}, or an empty one if there is none or it belongs to another store.
     *
     * @throws IOException if the directory cannot be made or the file cannot be read as a cursor
     */
    static Cursor load(Path dir, String storeId) throws IOException {
        DurableFiles.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Map<String, Long> positions = new TreeMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Cursor(dir, storeId, positions);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IOException("cursor " + file + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || root.path("format").asInt() != 1) {
            throw new IOException("cursor " + file + " has format " + (root == null ? null : root.path("format"))
                    + "; expected 1");
        }
        if (!storeId.equals(root.path("storeId").asText())) {
            LoggerFactory.getLogger(Cursor.class).warn("Cursor {} was made for log store {}, not {} (the store was "
                    + "recreated): forwarding starts at the beginning of every stream", file,
                    root.path("storeId").asText(), storeId);
            return new Cursor(dir, storeId, positions);
        }
        root.path("streams").fields().forEachRemaining(e -> positions.put(e.getKey(), e.getValue().asLong()));
        return new Cursor(dir, storeId, positions);
    }

    /** Whether the file held positions for this store (false: starting from the beginning). */
    boolean isEmpty() {
        return positions.isEmpty();
    }

    long position(String stream) {
        return positions.getOrDefault(stream, 0L);
    }

    Map<String, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Moves the stream's position to {@code sequence} and makes it durable before returning. */
    void commit(String stream, long sequence) throws IOException {
        commit(Map.of(stream, sequence));
    }

    /** Moves several streams' positions forward with one durable write; positions behind the current are ignored. */
    void commit(Map<String, Long> moves) throws IOException {
        boolean moved = false;
        for (Map.Entry<String, Long> m : moves.entrySet()) {
            if (m.getValue() > position(m.getKey())) {
                positions.put(m.getKey(), m.getValue());
                moved = true;
            }
        }
        if (!moved) {
            return;
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("format", 1);
        root.put("storeId", storeId);
        ObjectNode streams = root.putObject("streams");
        positions.forEach(streams::put);
        DurableFiles.write(dir.resolve(FILE), mapper.writeValueAsBytes(root),
                PosixFilePermissions.fromString("rw-------"), true, dir.resolve(FILE + ".tmp"));
    }
}
